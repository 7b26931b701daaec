// home.js shows, on the home page, the predictions the embedded demo
// sends with postMessage — the same messages a course page receives.
'use strict';

(() => {
  const frame = document.getElementById('demo');
  const out = document.getElementById('last');
  window.addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.origin !== location.origin) return;
    const m = e.data;
    if (!m || m.type !== 'lenet:prediction' || !Number.isInteger(m.label) || !Array.isArray(m.probs)) return;
    const p = m.probs[m.label];
    out.textContent = `${m.label} (${(100 * p).toFixed(1)}%)`;
    out.dataset.label = String(m.label);
  });
})();
