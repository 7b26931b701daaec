// home.js puts the home page in the reader's language (lang.js), opens
// the embedded demo in the same language, and shows the predictions the
// demo sends with postMessage — the same messages a course page receives.
import { setUpLanguage, withLang } from './lang.js';
import { STRINGS } from './home-strings.js';

const frame = document.getElementById('demo');
const out = document.getElementById('last');
let shown = null; // the demo's language

setUpLanguage(STRINGS, (lang) => {
  if (out.dataset.label) out.textContent = out.dataset.text; // a prediction needs no translation
  if (shown === lang) return;
  shown = lang;
  // The first time, the frame is still blank; later, keep whatever the
  // demo shows (view, sample) and replace the page in place, so the
  // switch adds nothing to the history that Back would have to undo.
  const win = frame.contentWindow;
  let current = '';
  try {
    if (frame.getAttribute('src') && win && win.location.href !== 'about:blank') current = win.location.href;
  } catch {
    current = '';
  }
  if (current) win.location.replace(withLang(current, lang));
  else frame.src = withLang('app.html', lang);
});

window.addEventListener('message', (e) => {
  if (e.source !== frame.contentWindow || e.origin !== location.origin) return;
  const m = e.data;
  if (!m || m.type !== 'lenet:prediction' || !Number.isInteger(m.label) || !Array.isArray(m.probs)) return;
  const p = m.probs[m.label];
  out.dataset.text = `${m.label} (${(100 * p).toFixed(1)}%)`;
  out.textContent = out.dataset.text;
  out.dataset.label = String(m.label);
});


// The lecture views open in the demo above, without loading it again: the
// frame's own address (and so the browser's Back) follows. A link opened
// in a new tab, or before the demo is ready, loads app.html as usual.
for (const a of document.querySelectorAll('.views a[href^="app.html"]')) {
  a.addEventListener('click', (e) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    let demo = null;
    try {
      demo = frame.contentWindow && frame.contentWindow.lenetDemo;
    } catch {
      demo = null;
    }
    const view = new URL(a.href).searchParams.get('view');
    if (!demo || !view) return;
    e.preventDefault();
    demo.show(view).then(() => frame.scrollIntoView({ behavior: 'smooth', block: 'nearest' }), () => { location.href = a.href; });
  });
}
