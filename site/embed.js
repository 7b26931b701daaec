// embed.js — drive the LeNet-5 demo in an iframe of a course page, from
// any origin. A dependency-free ES module, the host page's side of the
// embed protocol (site/frame.js is the frame's; the table is in
// docs/embedding.md):
//
//   import { attach } from 'https://YOUR-HOST/embed.js';
//   const demo = attach(document.querySelector('iframe'));
//   await demo.ready;                    // {version, view, lang}
//   demo.on('prediction', ({ label, probs }) => …);
//   await demo.sample(7);
//   await demo.image({ width: 28, height: 28, data: greyBytes });
//   await demo.set({ lang: 'ko', layer: 'C3' });
//
// The frame's height follows its content (the lenet:resize event) unless
// attach(iframe, {autoHeight: false}). Messages are taken only from that
// iframe's window and its origin, and sent only to that origin.

export const PROTOCOL = 1;

const EVENTS = ['ready', 'prediction', 'resize'];
const TIMEOUT_MS = 30000;

/**
 * attach connects to a frame that shows app.html and returns its remote
 * control. options.autoHeight (default true) sets the frame's height from
 * the content's; options.timeout (ms, default 30000) bounds each command.
 */
export function attach(iframe, options = {}) {
  if (typeof HTMLIFrameElement === 'undefined' || !(iframe instanceof HTMLIFrameElement)) {
    throw new TypeError('attach: needs an <iframe> element that shows app.html');
  }
  const autoHeight = options.autoHeight !== false;
  const timeout = Number.isFinite(options.timeout) && options.timeout > 0 ? options.timeout : TIMEOUT_MS;
  const frameOrigin = () => {
    try {
      return new URL(iframe.src, location.href).origin;
    } catch {
      return null;
    }
  };
  const handlers = new Map(EVENTS.map((t) => [t, new Set()]));
  const pending = new Map(); // id → {resolve, reject, timer}
  let nextID = 1;
  let last = null; // the last prediction
  let info = null;
  let readyResolve;
  const ready = new Promise((resolve) => { readyResolve = resolve; });

  const emit = (type, value) => {
    for (const fn of handlers.get(type)) {
      try {
        fn(value);
      } catch (e) {
        console.error(e); // a handler's bug is the page's, and stops nothing here
      }
    }
  };

  function onMessage(e) {
    const o = frameOrigin();
    if (e.source !== iframe.contentWindow || o === null || e.origin !== o) return;
    const m = e.data;
    if (m === null || typeof m !== 'object' || typeof m.type !== 'string') return;
    switch (m.type) {
      case 'lenet:ready':
        info = { version: m.version, view: m.view, lang: m.lang };
        if (m.version !== PROTOCOL) console.warn(`embed.js: the frame speaks protocol ${m.version}, this script ${PROTOCOL}`);
        readyResolve(info);
        emit('ready', info);
        break;
      case 'lenet:prediction':
        if (!Number.isInteger(m.label) || !Array.isArray(m.probs)) return;
        last = { label: m.label, probs: m.probs.slice() };
        emit('prediction', { label: last.label, probs: last.probs.slice() });
        break;
      case 'lenet:resize':
        if (!(Number.isFinite(m.height) && m.height > 0 && m.height < 100000)) return;
        if (autoHeight) iframe.style.height = `${Math.ceil(m.height)}px`;
        emit('resize', { height: m.height });
        break;
      case 'lenet:done': {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        clearTimeout(p.timer);
        if (typeof m.error === 'string') p.reject(new Error(m.error));
        else p.resolve();
        break;
      }
    }
  }
  window.addEventListener('message', onMessage);

  // send posts a command once the frame is ready and resolves when the
  // frame has done it.
  function send(type, fields = {}) {
    return ready.then(() => new Promise((resolve, reject) => {
      const o = frameOrigin();
      if (o === null || !iframe.contentWindow) {
        reject(new Error(`${type}: the frame is gone`));
        return;
      }
      const id = nextID++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${type}: no answer from the frame within ${timeout} ms`));
      }, timeout);
      pending.set(id, { resolve, reject, timer });
      iframe.contentWindow.postMessage({ type, id, ...fields }, o);
    }));
  }

  // The frame says it is ready when it is; a frame that was ready before
  // this script attached says it again when asked.
  const hello = () => {
    const o = frameOrigin();
    if (o !== null && iframe.contentWindow) iframe.contentWindow.postMessage({ type: 'lenet:hello' }, o);
  };
  hello();
  iframe.addEventListener('load', hello);

  return {
    ready,
    /** The last prediction, {label, probs}, or null. */
    prediction: () => (last ? { label: last.label, probs: last.probs.slice() } : null),
    clear: () => send('lenet:clear'),
    sample: (index) => (Number.isInteger(index) && index >= 0
      ? send('lenet:sample', { index })
      : Promise.reject(new RangeError(`sample: index must be a whole number from 0 to 99, got ${index}`))),
    /**
     * image puts a picture on the pad: {width, height, data} with grey
     * values 0–255 (a Uint8Array, Uint8ClampedArray or array), or an
     * ImageData, or a canvas (read as grey).
     */
    image: (img) => {
      let g;
      try {
        g = grey(img);
      } catch (e) {
        return Promise.reject(e);
      }
      return send('lenet:image', g);
    },
    set: (opts) => (opts !== null && typeof opts === 'object'
      ? send('lenet:set', { ...(opts.lang !== undefined && { lang: opts.lang }), ...(opts.layer !== undefined && { layer: opts.layer }) })
      : Promise.reject(new TypeError('set: needs {lang, layer}'))),
    /** on('prediction' | 'resize' | 'ready', fn) calls fn with each event; it returns a function that stops it. */
    on(type, fn) {
      if (!handlers.has(type)) throw new RangeError(`on: the events are ${EVENTS.join(', ')}, got ${JSON.stringify(type)}`);
      if (typeof fn !== 'function') throw new TypeError('on: needs a function');
      handlers.get(type).add(fn);
      if (type === 'ready' && info) queueMicrotask(() => fn(info));
      return () => handlers.get(type).delete(fn);
    },
    /** detach stops listening; pending commands are rejected. */
    detach() {
      window.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', hello);
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(new Error('detached'));
        pending.delete(id);
      }
      for (const s of handlers.values()) s.clear();
    },
  };
}

// grey turns what image() takes into {width, height, data}: grey values as
// given, or the luminance of ImageData's or a canvas's RGBA.
function grey(img) {
  if (typeof HTMLCanvasElement !== 'undefined' && img instanceof HTMLCanvasElement) {
    img = img.getContext('2d').getImageData(0, 0, img.width, img.height);
  }
  if (typeof ImageData !== 'undefined' && img instanceof ImageData) {
    const { width, height, data } = img;
    const out = new Uint8Array(width * height);
    for (let i = 0; i < out.length; i++) {
      const a = data[4 * i + 3] / 255;
      // Transparent pixels are paper: white, as on a page.
      const l = 0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2];
      out[i] = Math.round(l * a + 255 * (1 - a));
    }
    return { width, height, data: out };
  }
  if (img === null || typeof img !== 'object') throw new TypeError('image: needs {width, height, data}, an ImageData or a canvas');
  return { width: img.width, height: img.height, data: img.data };
}
