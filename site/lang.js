// lang.js — the language of the site's own pages (index.html, api.html),
// chosen the way app.html chooses it: ?lang=en or ?lang=ko (any "ko" or
// "en" tag) if given, else the browser's language, Korean for any Korean
// tag and English otherwise.
//
// A page keeps its strings in one table, {key: {en, ko}}, and marks its
// HTML with the keys:
//
//   <h2 data-i18n="views.title">Lecture views</h2>     innerHTML ← table[key][lang]
//   <iframe data-i18n-attr="title:demo.frame">          attribute ← table[key][lang]
//   <a href="app.html" data-lang-link>                  href gets ?lang=…
//   <nav data-lang-switch>                              links "English", "한국어"
//
// The keys "title" and "description" set document.title and the
// description meta tag. The HTML holds the English text, so the page reads
// the same before its script runs; a test keeps it equal to the table's.

export const LANGS = ['en', 'ko'];

/** parseLang reads a language tag: 'ko', 'en' or '' when it is neither. */
export function parseLang(tag) {
  if (typeof tag !== 'string') return '';
  const t = tag.trim().toLowerCase();
  for (const l of LANGS) {
    if (t === l || t.startsWith(l + '-') || t.startsWith(l + '_')) return l;
  }
  return '';
}

/** chooseLang picks the page's language from its query and the browser's language. */
export function chooseLang(search = location.search, browser = navigator.language) {
  return parseLang(new URLSearchParams(search).get('lang')) || (parseLang(browser) === 'ko' ? 'ko' : 'en');
}

/** withLang returns a link to one of the site's pages with its lang parameter set. */
export function withLang(href, lang) {
  const hashAt = href.indexOf('#');
  const hash = hashAt < 0 ? '' : href.slice(hashAt);
  const rest = hashAt < 0 ? href : href.slice(0, hashAt);
  const qAt = rest.indexOf('?');
  const q = new URLSearchParams(qAt < 0 ? '' : rest.slice(qAt + 1));
  q.set('lang', lang);
  return (qAt < 0 ? rest : rest.slice(0, qAt)) + '?' + q + hash;
}

/** format replaces {name} in s by args.name. */
export function format(s, args = {}) {
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in args ? String(args[k]) : m));
}

/**
 * setUpLanguage localizes the page now and whenever the switch is used.
 * onChange(lang) runs after each change (and once at the start), for what
 * the page draws itself. It returns {lang, t(key, args), set(lang)}.
 */
export function setUpLanguage(strings, onChange = () => {}) {
  let lang = chooseLang();
  const t = (key, args) => {
    const s = strings[key];
    if (!s) {
      console.warn(`lang.js: no string ${JSON.stringify(key)}`);
      return key;
    }
    return format(s[lang], args);
  };
  const links = [...document.querySelectorAll('[data-lang-link]')].map((a) => [a, a.getAttribute('href')]);

  function apply() {
    document.documentElement.lang = lang;
    if (strings.title) document.title = t('title');
    const meta = document.querySelector('meta[name="description"]');
    if (meta && strings.description) meta.content = t('description');
    for (const el of document.querySelectorAll('[data-i18n]')) el.innerHTML = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-attr]')) {
      for (const pair of el.dataset.i18nAttr.split(/\s+/)) {
        const [attr, key] = pair.split(':');
        el.setAttribute(attr, t(key));
      }
    }
    for (const [a, href] of links) a.setAttribute('href', withLang(href, lang));
    for (const a of document.querySelectorAll('[data-lang-switch] a[data-lang]')) {
      const l = a.dataset.lang;
      a.setAttribute('href', '?' + query(l));
      if (l === lang) a.setAttribute('aria-current', 'true');
      else a.removeAttribute('aria-current');
    }
    onChange(lang);
  }

  const query = (l) => {
    const q = new URLSearchParams(location.search);
    q.set('lang', l);
    return q.toString();
  };

  function set(l) {
    const next = parseLang(l);
    if (!next) throw new RangeError(`lang.js: language must be one of ${LANGS.join(', ')}, got ${JSON.stringify(l)}`);
    // The address keeps the choice, so a reload or a shared link shows
    // the same language; replaceState adds no history entry.
    history.replaceState(history.state, '', '?' + query(next) + location.hash);
    if (next === lang) return;
    lang = next;
    apply();
  }

  for (const a of document.querySelectorAll('[data-lang-switch] a[data-lang]')) {
    a.addEventListener('click', (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // a new tab or window
      e.preventDefault();
      set(a.dataset.lang);
    });
  }
  apply();
  return {
    get lang() {
      return lang;
    },
    t,
    set,
  };
}
