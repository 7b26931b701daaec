// frame.js makes app.html a good guest in a course page of any origin:
//
//   - it speaks the embed protocol with the parent page through
//     postMessage (the table is in docs/embedding.md; site/embed.js is the
//     host page's side): events out — lenet:ready, lenet:prediction,
//     lenet:resize, lenet:done — and commands in — lenet:hello,
//     lenet:clear, lenet:sample, lenet:image, lenet:set;
//   - with ?origin=https://host.example it takes commands only from that
//     origin and posts events only to it; without it, commands come from
//     the parent whatever its origin and events go to the parent with '*';
//   - a message that is not the protocol's is ignored; one that is but is
//     malformed, or comes from elsewhere, is ignored with a warning in the
//     console: never an exception, never a crash;
//   - wheel and touch gestures outside the drawing pad scroll the host
//     page (Ebiten's canvas would swallow them); a finger on the pad draws
//     and never scrolls.
//
// It only uses window.lenetDemo and the events app.js dispatches, and is a
// file of its own because the site's Content-Security-Policy allows no
// inline script.
'use strict';

(() => {
  const PROTOCOL = 1;
  const demo = window.lenetDemo;
  if (!demo) return; // app.js did not run
  const embedded = window.parent !== window;
  const warn = (why) => console.warn(`lenet: ${why}`);

  // ---- ?origin= (the same rule as wasm/ui.ParseOrigin) ----
  // undefined: any parent; null: a value that is not an origin, which
  // leaves nothing allowed (the address shows the notice).
  const origin = (() => {
    const raw = new URLSearchParams(location.search).get('origin');
    if (raw === null || raw.trim() === '') return undefined;
    const v = raw.trim();
    let u;
    try {
      u = new URL(v);
    } catch {
      u = null;
    }
    if (!u || (u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== v || v.length > 300) {
      warn(`origin=${v.slice(0, 40)} is not an origin such as https://host.example: no messages are taken or sent`);
      return null;
    }
    return v;
  })();

  function post(msg) {
    if (!embedded || origin === null) return;
    try {
      window.parent.postMessage(msg, origin ?? '*');
    } catch (e) {
      warn(`could not post ${msg.type}: ${e.message}`);
    }
  }

  // ---- events out ----
  let readyInfo = null;
  let height = null;
  window.addEventListener('lenet:prediction', (e) => {
    const { label, probs } = e.detail;
    post({ type: 'lenet:prediction', label, probs });
  });
  window.addEventListener('lenet:resize', (e) => {
    height = e.detail.height;
    if (readyInfo) post({ type: 'lenet:resize', height });
  });
  function sayReady() {
    post({ type: 'lenet:ready', version: PROTOCOL, view: readyInfo.view, lang: document.documentElement.lang || readyInfo.lang });
    if (height !== null) post({ type: 'lenet:resize', height });
    const p = demo.prediction();
    if (p) post({ type: 'lenet:prediction', label: p.label, probs: p.probs });
  }
  demo.ready.then((info) => {
    readyInfo = { view: String(info.view), lang: String(info.lang) };
    sayReady();
  }, () => { /* the page shows why it could not start */ });

  // ---- commands in ----
  const isID = (id) => (typeof id === 'string' && id.length <= 64) || (typeof id === 'number' && Number.isFinite(id));
  const commands = {
    'lenet:hello': () => {
      if (readyInfo) sayReady();
      return null;
    },
    'lenet:clear': () => demo.clear(),
    'lenet:sample': (m) => {
      if (!Number.isInteger(m.index)) throw new TypeError('index must be a whole number from 0 to 99');
      return demo.loadSample(m.index);
    },
    'lenet:image': (m) => demo.image({ width: m.width, height: m.height, data: m.data }),
    'lenet:set': (m) => {
      const o = {};
      if (m.lang !== undefined) o.lang = m.lang;
      if (m.layer !== undefined) o.layer = m.layer;
      if (Object.keys(o).length === 0) throw new TypeError('lenet:set needs lang or layer');
      return demo.set(o);
    },
  };

  window.addEventListener('message', (e) => {
    const m = e.data;
    if (m === null || typeof m !== 'object' || typeof m.type !== 'string' || !m.type.startsWith('lenet:')) return;
    if (!Object.hasOwn(commands, m.type)) {
      // Our own events, echoed by a page that listens to every frame, are
      // not commands either.
      if (!['lenet:ready', 'lenet:prediction', 'lenet:resize', 'lenet:done'].includes(m.type)) warn(`ignored ${m.type.slice(0, 40)}: not a command of protocol ${PROTOCOL}`);
      return;
    }
    if (!embedded || e.source !== window.parent) {
      warn(`ignored ${m.type}: only the parent page may send commands`);
      return;
    }
    if (origin === null || (origin !== undefined && e.origin !== origin)) {
      warn(`ignored ${m.type} from ${e.origin}: this frame takes commands from ${origin ?? 'no origin (origin= is not valid)'} only`);
      return;
    }
    const id = m.id;
    if (id !== undefined && !isID(id)) {
      warn(`ignored ${m.type}: id must be a string of at most 64 characters or a number`);
      return;
    }
    const done = (error) => {
      if (error) warn(`${m.type} refused: ${error}`);
      if (id !== undefined) post(error ? { type: 'lenet:done', id, error } : { type: 'lenet:done', id });
    };
    let p;
    try {
      p = commands[m.type](m);
    } catch (err) {
      done(String(err && err.message ? err.message : err));
      return;
    }
    Promise.resolve(p).then(() => done(), (err) => done(String(err && err.message ? err.message : err)));
  });

  // ---- scrolling the host page ----
  // Ebiten's canvas prevents the default of every wheel and touch event, so
  // the page around a frame could not scroll over it. They are caught on
  // the way down, before the canvas: a wheel scrolls whatever can scroll
  // (the frame cannot, so the host page does); a touch that starts on the
  // pad draws, its default prevented (no scroll, no zoom), and any other
  // touch pans the page (the program gets pointercancel, and a tap is still
  // a tap). The program reads pointer events, which this does not touch.
  const onCanvas = (e) => e.target instanceof HTMLCanvasElement;
  const onPad = (x, y) => {
    const r = demo.padRect();
    return r !== null && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  };
  let drawing = false; // the touches began on the pad
  window.addEventListener('wheel', (e) => {
    if (onCanvas(e)) e.stopPropagation();
  }, { capture: true, passive: true });
  window.addEventListener('touchstart', (e) => {
    if (!onCanvas(e)) return;
    e.stopPropagation();
    const t = e.changedTouches[0];
    if (e.touches.length === 1 && t) drawing = onPad(t.clientX, t.clientY);
    if (drawing) e.preventDefault();
  }, { capture: true, passive: false });
  window.addEventListener('touchmove', (e) => {
    if (!onCanvas(e)) return;
    e.stopPropagation();
    if (drawing) e.preventDefault();
  }, { capture: true, passive: false });
  for (const type of ['touchend', 'touchcancel']) {
    window.addEventListener(type, (e) => {
      if (!onCanvas(e)) return;
      e.stopPropagation();
      if (e.touches.length === 0) drawing = false;
    }, { capture: true, passive: true });
  }
})();
