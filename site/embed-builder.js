// embed-builder.js runs embed.html: controls for the view, the language,
// the view's own URL parameters and the frame's size, a live preview, and
// the snippets to copy. The parameters, their values, ranges and meanings
// come from url-params.json, which go generate ./wasm/app writes from the
// views' declarations: the builder, the manual and the views cannot
// disagree.
import { setUpLanguage } from './lang.js';
import { STRINGS } from './embed-strings.js';

const $ = (id) => document.getElementById(id);
const table = await fetch('url-params.json').then((r) => {
  if (!r.ok) throw new Error(`url-params.json: HTTP ${r.status}`);
  return r.json();
});
const common = Object.fromEntries(table.common.map((p) => [p.name, p]));
const views = table.views;
const defaultView = views.find((v) => v.default).name;

// base is the folder of app.html and embed.js as a course page must name
// it: this page's own folder, wherever the site is.
const base = new URL('.', location.href).href;

let lang = 'en';
let ready = false; // the controls are built
const i18n = setUpLanguage(STRINGS, (l) => {
  lang = l;
  if (ready) render();
});
const t = (key, args) => i18n.t(key, args);
const tr = (text) => (text ? text[lang] || text.en : '');

// ---- the controls ----
const viewSel = $('view');
for (const v of views) {
  const o = document.createElement('option');
  o.value = v.name;
  viewSel.append(o);
}
viewSel.value = new URLSearchParams(location.search).get('view') || defaultView;
if (!views.some((v) => v.name === viewSel.value)) viewSel.value = defaultView;

const inputs = new Map(); // parameter name → its control
function buildParams() {
  const box = $('params');
  for (const el of box.querySelectorAll('.field')) el.remove();
  inputs.clear();
  const view = views.find((v) => v.name === viewSel.value);
  $('no-params').hidden = view.params.length > 0;
  for (const p of view.params) {
    const field = document.createElement('div');
    field.className = 'field';
    const id = `p-${p.name}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    const code = document.createElement('code');
    code.textContent = p.name;
    label.append(code);
    let input;
    if (p.kind === 'choice') {
      input = document.createElement('select');
      input.append(new Option('', ''));
      for (const v of p.values) input.append(new Option(v.value, v.value));
    } else if (p.kind === 'text') {
      input = document.createElement('input');
      input.type = 'text';
      input.maxLength = p.maxLength;
    } else {
      input = document.createElement('input');
      input.type = 'number';
      input.min = p.min;
      input.max = p.max;
      input.step = p.step ?? (p.kind === 'int' ? 1 : 'any');
    }
    input.id = id;
    input.dataset.param = p.name;
    input.addEventListener('input', update);
    const meaning = document.createElement('p');
    meaning.className = 'meaning';
    meaning.id = `${id}-meaning`;
    input.setAttribute('aria-describedby', meaning.id);
    field.append(label, input, meaning);
    box.append(field);
    inputs.set(p.name, { p, input, meaning });
  }
}

// labels writes every text that depends on the language.
function labels() {
  for (const o of viewSel.options) {
    const v = views.find((x) => x.name === o.value);
    o.textContent = `${v.name} — ${tr(v.title)}`;
  }
  $('view-meaning').textContent = tr(common.view.meaning);
  $('origin-meaning').textContent = `${tr(common.origin.meaning)}. ${t('origin.none')}: ${tr(common.origin.defaultMeaning)}.`;
  for (const { p, input, meaning } of inputs.values()) {
    const dflt = p.default !== null ? t('default', { value: p.default }) : tr(p.defaultMeaning);
    meaning.textContent = `${tr(p.meaning)} (${tr(p.expect)})`;
    if (p.kind === 'choice') {
      input.options[0].textContent = `(${dflt})`;
      for (const o of [...input.options].slice(1)) {
        const v = p.values.find((x) => x.value === o.value);
        o.textContent = v.meaning ? `${v.value} — ${tr(v.meaning)}` : v.value;
      }
    } else {
      input.placeholder = dflt;
    }
  }
}

// ---- the URL, the preview and the snippets ----
function query() {
  const q = new URLSearchParams();
  const problems = [];
  if (viewSel.value !== defaultView) q.set('view', viewSel.value);
  if ($('lang').value) q.set('lang', $('lang').value);
  for (const { p, input } of inputs.values()) {
    const v = input.value.trim();
    if (v === '') continue;
    if (!input.checkValidity()) {
      problems.push(`${p.name}: ${tr(p.expect)}`);
      continue;
    }
    if (v !== p.default) q.set(p.name, v);
  }
  const origin = $('origin').value.trim();
  if (origin) {
    let ok = false;
    try {
      const u = new URL(origin);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === origin;
    } catch {
      ok = false;
    }
    if (ok) q.set('origin', origin);
    else problems.push(`origin: ${tr(common.origin.expect)}`);
  }
  return { q: q.toString(), problems };
}

function size() {
  const clamp = (el, dflt) => {
    const n = Math.round(Number(el.value));
    return Number.isFinite(n) && n >= Number(el.min) && n <= Number(el.max) ? n : dflt;
  };
  return { w: clamp($('width'), 960), h: clamp($('height'), 640) };
}

const escape = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

let shown = null; // the preview's address
function render() {
  labels();
  const { q, problems } = query();
  const { w, h } = size();
  const path = 'app.html' + (q ? '?' + q : '');
  const title = t('frame.name');
  const html = `<iframe id="lenet-demo" src="${escape(base + path)}"\n        title="${escape(title)}" width="${w}" height="${h}"\n        allow="fullscreen" loading="lazy"></iframe>`;
  const js = `import { attach } from '${base}embed.js';\n\n` +
    `const demo = attach(document.getElementById('lenet-demo'));\n` +
    `await demo.ready;\n` +
    `demo.on('prediction', ({ label, probs }) => {\n` +
    `  console.log(${JSON.stringify(t('js.said'))}, label, probs[label]);\n` +
    `});`;
  $('snippet-html').textContent = html;
  $('snippet-js').textContent = js;
  $('problems').hidden = problems.length === 0;
  $('problems').textContent = problems.length ? `${t('problems')}: ${problems.join('; ')}` : '';
  const frame = $('preview');
  frame.width = w;
  frame.height = h;
  if (shown !== path) {
    shown = path;
    frame.src = path;
  }
}

let timer = 0;
function update() {
  clearTimeout(timer);
  timer = setTimeout(render, 250); // one reload for a burst of typing
}

async function copy(which) {
  const text = $(`snippet-${which}`).textContent;
  const note = $(`copied-${which}`);
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = t('copied');
  } catch {
    // No clipboard here (an insecure page, a refused permission): select
    // the text for the reader to copy.
    const r = document.createRange();
    r.selectNodeContents($(`snippet-${which}`));
    getSelection().removeAllRanges();
    getSelection().addRange(r);
    note.textContent = t('select');
  }
}

viewSel.addEventListener('change', () => {
  buildParams();
  render();
});
for (const id of ['lang', 'width', 'height', 'origin']) $(id).addEventListener('input', update);
$('copy-html').addEventListener('click', () => copy('html'));
$('copy-js').addEventListener('click', () => copy('js'));
$('controls').addEventListener('submit', (e) => e.preventDefault());

buildParams();
ready = true;
render();

// For the tests: the snippets as the page shows them.
window.embedBuilder = { render, query: () => query().q, base };
