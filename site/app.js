// app.js loads the drawing demo (demo.wasm) into app.html: it checks that
// the browser can run it, shows the download's progress, collects every
// pointer sample for the program, and offers window.lenetDemo to scripts.
// It is a separate file because the site's Content-Security-Policy allows
// no inline script.
'use strict';

(() => {
  const params = new URLSearchParams(location.search);
  const pick = (params.get('lang') || navigator.language || 'en').toLowerCase();
  let lang = pick.startsWith('ko') ? 'ko' : 'en';
  const text = {
    en: {
      loading: 'Loading the network…',
      bytes: (got, total) => total ? `${kb(got)} of ${kb(total)} kB` : `${kb(got)} kB`,
      starting: 'Starting…',
      noWasm: 'This browser cannot run WebAssembly, which the demo needs. Please open the page in a current Chrome, Edge, Firefox or Safari.',
      noGL: 'This browser or device has no WebGL 2, which the demo needs to draw. Turn on hardware acceleration, or open the page in a current Chrome, Edge, Firefox or Safari.',
      failed: 'The demo could not start: ',
      keys: 'Keyboard: C clears the pad, U undoes the last stroke, S loads the next sample digit, P the previous one, 0 to 9 load a sample of that digit, B changes the brush, L switches the language, E shows why (the evidence maps; M changes the map, [ and ] the patch), X saves the layer pointed at as a PNG, Shift+X the whole view, J its values as JSON, Shift+J as CSV, Tab moves between buttons.',
      title: 'LeNet-5 — draw a digit',
    },
    ko: {
      loading: '신경망을 불러오는 중…',
      bytes: (got, total) => total ? `${kb(got)} / ${kb(total)} kB` : `${kb(got)} kB`,
      starting: '시작하는 중…',
      noWasm: '이 브라우저는 데모에 필요한 WebAssembly를 실행할 수 없습니다. 최신 Chrome, Edge, Firefox, Safari에서 열어 주세요.',
      noGL: '이 브라우저나 기기에는 데모가 그림을 그리는 데 필요한 WebGL 2가 없습니다. 하드웨어 가속을 켜거나 최신 Chrome, Edge, Firefox, Safari에서 열어 주세요.',
      failed: '데모를 시작하지 못했습니다: ',
      keys: '키보드: C 지우기, U 마지막 획 되돌리기, S 다음 예제 숫자, P 이전 예제, 0–9 그 숫자의 예제, B 붓 크기, L 언어 바꾸기, E 근거 보이기 (M 맵 바꾸기, [ ] 조각 크기), X 가리킨 층을 PNG로 저장, Shift+X 화면 전체, J 그 값을 JSON으로, Shift+J CSV로, Tab 버튼 사이 이동.',
      title: 'LeNet-5 — 숫자를 그려 보세요',
    },
  };
  const kb = (n) => Math.round(n / 1024).toLocaleString('en-US');
  const $ = (id) => document.getElementById(id);
  const loader = $('loader');
  const progress = $('progress');
  const loadText = $('load-text');
  const loadError = $('load-error');
  const statusEl = $('status');

  function setLang(code) {
    lang = code === 'ko' ? 'ko' : 'en';
    document.documentElement.lang = lang;
    document.title = text[lang].title;
    $('keys').textContent = text[lang].keys;
  }
  setLang(lang);
  loadText.textContent = text[lang].loading;

  let failed = null;
  function fail(message) {
    failed = message;
    loader.hidden = false;
    progress.hidden = true;
    loadText.hidden = true;
    loadError.hidden = false;
    loadError.textContent = message;
    rejectReady(new Error(message));
    for (const c of bridge.commands.splice(0)) c.reject(new Error(message));
  }

  // ---- What the program reads and calls (see wasm/web/bridge.go) ----
  const REC = 8; // floats per pointer sample
  const CAP = 8192; // samples between two frames, far more than any hand makes
  const samples = new Float64Array(CAP * REC);
  let count = 0;
  let hidden = document.visibilityState === 'hidden';
  const active = new Map(); // pointer id → last sample, for cancelling
  const types = { mouse: 0, touch: 1, pen: 2 };
  const PHASE = { down: 0, move: 1, up: 2, cancel: 3 };
  let readyResolve, readyReject;
  const ready = new Promise((res, rej) => { readyResolve = res; readyReject = rej; });
  ready.catch(() => { /* the page shows the error; callers may handle it too */ });
  const rejectReady = (e) => readyReject(e);
  let last = null; // {label, probs}
  let pad = null; // device pixels
  let natural = null; // the content's natural height, CSS pixels
  let memory = null; // the program's WebAssembly.Memory
  const timing = { navigationToDownloadedMs: null, navigationToInstantiatedMs: null, navigationToReadyMs: null, navigationToFirstPredictionMs: null };

  const bridge = {
    commands: [],
    probsBytes: new Uint8Array(80),
    statsBytes: new Uint8Array(96),
    sampleCount: 100,
    drain() {
      const out = new Uint8Array(samples.buffer, 0, count * REC * 8);
      count = 0;
      return out;
    },
    prediction(label) {
      if (label < 0) {
        last = null;
        return;
      }
      const probs = Array.from(new Float64Array(bridge.probsBytes.buffer));
      last = { label, probs };
      if (timing.navigationToFirstPredictionMs === null) timing.navigationToFirstPredictionMs = performance.now();
      // frame.js tells a host page (see the protocol there).
      window.dispatchEvent(new CustomEvent('lenet:prediction', { detail: { label, probs } }));
    },
    status(s) { statusEl.textContent = s; },
    padRect(x, y, w, h) { pad = w > 0 && h > 0 ? { x, y, w, h } : null; },
    resize(height) {
      natural = height;
      window.dispatchEvent(new CustomEvent('lenet:resize', { detail: { height } }));
    },
    lang(code) { setLang(code); address.lang(code); },
    view(name) { address.view(name); },
    mark(name) { timing['navigationTo_' + name + 'Ms'] = performance.now(); },
    note(name, value) { timing[name] = value; },
    ready(info) {
      timing.navigationToReadyMs = performance.now();
      loader.hidden = true;
      readyResolve(info);
    },
    fail(message) { fail(/webgl2/i.test(message) ? text[lang].noGL : text[lang].failed + message); },
    picture(width, height, pix, labels) { return encodePicture(width, height, pix, JSON.parse(labels)); },
    save(name, type, content) {
      Promise.resolve(content).then((bytes) => {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(new Blob([bytes], { type }));
        a.download = name;
        a.click();
        setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      }).catch((e) => { statusEl.textContent = name + ': ' + e.message; });
    },
  };
  // encodePicture draws a picture the program laid out (opaque RGBA
  // pixels, and its text as labels, which the browser's fonts draw, Hangul
  // included) and encodes it as a PNG: a Promise of its bytes.
  async function encodePicture(width, height, pix, { font, labels }) {
    const off = typeof OffscreenCanvas === 'function';
    const c = off ? new OffscreenCanvas(width, height) : Object.assign(document.createElement('canvas'), { width, height });
    const g = c.getContext('2d');
    g.putImageData(new ImageData(new Uint8ClampedArray(pix.buffer, pix.byteOffset, pix.length), width, height), 0, 0);
    g.textBaseline = 'middle';
    for (const l of labels) {
      g.font = `${l.b ? 600 : 400} ${l.s}px ${font}`;
      g.fillStyle = l.c;
      g.textAlign = ['left', 'center', 'right'][l.a] || 'left';
      g.fillText(l.t, l.x, l.y);
    }
    const blob = off ? await c.convertToBlob({ type: 'image/png' }) : await new Promise((res, rej) => c.toBlob((b) => (b ? res(b) : rej(new Error('the browser could not encode the PNG'))), 'image/png'));
    return new Uint8Array(await blob.arrayBuffer());
  }
  globalThis.lenetBridge = bridge;
  // ---- Frames on demand (see wasm/web/idle.go) ----
  // The program draws only when something may have changed; whatever the
  // page hands it wakes it (Go sets bridge.wake when it starts). Ebiten's
  // loop still asks for an animation frame sixty times a second to find
  // out whether to draw; once nothing has happened for IDLE_MS its request
  // is held here, and given back at the next wake, so that a frame nobody
  // touches costs the browser nothing at all. Go calls bridge.unpark when
  // it schedules a frame itself.
  //
  // Ebiten takes window.requestAnimationFrame once, while its packages
  // start: the held version is there only until then, and Go's main calls
  // bridge.onlyEbiten() to give the page back the browser's own.
  const IDLE_MS = 250;
  const browserRAF = window.requestAnimationFrame;
  const nativeRAF = browserRAF.bind(window);
  let lastWake = performance.now();
  let held = null;
  window.requestAnimationFrame = function requestAnimationFrame(cb) {
    if (performance.now() - lastWake < IDLE_MS) return nativeRAF(cb);
    held = cb;
    return 0;
  };
  bridge.onlyEbiten = () => {
    window.requestAnimationFrame = browserRAF;
  };
  bridge.unpark = () => {
    lastWake = performance.now();
    if (held) {
      const cb = held;
      held = null;
      nativeRAF(cb);
    }
  };
  const wake = () => {
    bridge.unpark();
    if (typeof bridge.wake === 'function') bridge.wake();
  };
  // Ebiten reads the keyboard and the window's size itself: those wake
  // the loop too.
  for (const type of ['keydown', 'keyup', 'resize', 'focus']) window.addEventListener(type, wake, true);
  const link = pageLink(bridge, wake);

  function push(phase, e, canvas) {
    if (count >= CAP) {
      if (phase === PHASE.move) return; // drop a move rather than a press or release
      count = CAP - 1;
    }
    const r = canvas.getBoundingClientRect();
    const sx = r.width ? canvas.width / r.width : 1;
    const sy = r.height ? canvas.height / r.height : 1;
    const o = count * REC;
    samples[o] = phase;
    samples[o + 1] = types[e.pointerType] ?? 0;
    samples[o + 2] = e.pointerId;
    samples[o + 3] = e.isPrimary ? 1 : 0;
    samples[o + 4] = (e.clientX - r.left) * sx;
    samples[o + 5] = (e.clientY - r.top) * sy;
    samples[o + 6] = e.pressure || 0;
    samples[o + 7] = e.timeStamp || 0;
    count++;
    wake();
  }
  const isCanvas = (e) => e.target instanceof HTMLCanvasElement;
  document.addEventListener('pointerdown', (e) => {
    if (hidden || !isCanvas(e)) return;
    try { e.target.setPointerCapture(e.pointerId); } catch (_) { /* the pointer is gone already */ }
    active.set(e.pointerId, e.target);
    push(PHASE.down, e, e.target);
  });
  document.addEventListener('pointermove', (e) => {
    if (hidden || !isCanvas(e)) return;
    const list = (active.has(e.pointerId) && e.getCoalescedEvents) ? e.getCoalescedEvents() : [];
    if (list.length === 0) push(PHASE.move, e, e.target);
    else for (const c of list) push(PHASE.move, c, e.target);
  });
  const end = (phase) => (e) => {
    if (!active.has(e.pointerId)) return;
    const canvas = active.get(e.pointerId);
    active.delete(e.pointerId);
    push(phase, e, canvas);
  };
  document.addEventListener('pointerup', end(PHASE.up));
  document.addEventListener('pointercancel', end(PHASE.cancel));
  document.addEventListener('pointerleave', (e) => {
    // A mouse that leaves the canvas no longer points at anything.
    if (!isCanvas(e) || active.has(e.pointerId) || e.pointerType !== 'mouse') return;
    const o = count < CAP ? count * REC : -1;
    if (o < 0) return;
    samples.set([PHASE.move, 0, e.pointerId, e.isPrimary ? 1 : 0, -1e6, -1e6, 0, e.timeStamp || 0], o);
    count++;
    wake();
  }, true);
  document.addEventListener('visibilitychange', () => {
    hidden = document.visibilityState === 'hidden';
    if (!hidden) return;
    // A hidden page gets no pointerup: end every stroke now.
    for (const [id, canvas] of active) {
      push(PHASE.cancel, { pointerType: 'mouse', pointerId: id, isPrimary: true, clientX: 0, clientY: 0, pressure: 0, timeStamp: performance.now() }, canvas);
    }
    active.clear();
  });
  document.addEventListener('contextmenu', (e) => { if (isCanvas(e)) e.preventDefault(); });

  // greyImage checks a picture {width, height, data} of grey values and
  // returns {width, height, data: Uint8Array}, copied; the size is checked
  // before anything is read (wasm/ui's MaxImageSide and MaxImagePixels).
  const MAX_SIDE = 4096, MAX_PIXELS = 1 << 20;
  function greyImage(img, fn) {
    if (img === null || typeof img !== 'object') throw new TypeError(`${fn}: needs {width, height, data}`);
    const { width, height, data } = img;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new RangeError(`${fn}: width and height must be whole numbers from 1 to ${MAX_SIDE}`);
    }
    if (width * height > MAX_PIXELS) throw new RangeError(`${fn}: ${width}×${height} is more than ${MAX_PIXELS} pixels`);
    const n = width * height;
    if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) {
      if (data.length !== n) throw new RangeError(`${fn}: data has ${data.length} values for ${width}×${height} (need ${n})`);
      return { width, height, data: new Uint8Array(data) };
    }
    if (Array.isArray(data)) {
      if (data.length !== n) throw new RangeError(`${fn}: data has ${data.length} values for ${width}×${height} (need ${n})`);
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const v = data[i];
        if (typeof v !== 'number' || !(v >= 0 && v <= 255)) throw new RangeError(`${fn}: data[${i}] is not a grey value from 0 to 255`);
        out[i] = Math.round(v);
      }
      return { width, height, data: out };
    }
    throw new TypeError(`${fn}: data must be a Uint8Array, a Uint8ClampedArray or an array of grey values 0–255`);
  }

  // ---- The address follows the view and the language ----
  // A view the user opens (the header's menu, a link of the host page)
  // adds a history entry, so that the browser's Back returns to the view
  // before; a language switch rewrites the entry in place, so a reload
  // keeps it. Back and Forward show their entry's view, in the current
  // language. In a frame of another page the entry is always rewritten:
  // the history is the host page's, and its Back button must leave the
  // host's page, not step through the views a student opened in the frame.
  const address = (() => {
    let first = true;
    const framed = window.top !== window;
    const with_ = (view, code) => {
      const q = new URLSearchParams(location.search);
      if (view) q.set('view', view);
      q.set('lang', code);
      return '?' + q + location.hash;
    };
    window.addEventListener('popstate', () => {
      const view = new URLSearchParams(location.search).get('view') || '';
      history.replaceState(history.state, '', with_('', lang));
      command('view', 0, { str: view }).catch(() => { /* not a view: the program says so in its header */ });
    });
    return {
      view(name) {
        const shown = new URLSearchParams(location.search).get('view');
        if (first || framed || shown === null) history.replaceState(history.state, '', with_(name, lang));
        else if (shown !== name) history.pushState(null, '', with_(name, lang));
        first = false;
      },
      lang(code) { history.replaceState(history.state, '', with_('', code)); },
    };
  })();

  // ---- window.lenetDemo: for the page's own scripts and for course pages ----
  function command(name, arg, extra) {
    if (failed) return Promise.reject(new Error(failed));
    return new Promise((resolve, reject) => {
      bridge.commands.push({ name, arg, resolve, reject, ...extra });
      wake();
    });
  }
  globalThis.lenetDemo = Object.freeze({
    ready,
    padRect() {
      const canvas = document.querySelector('canvas');
      if (!pad || !canvas || !canvas.width) return null;
      const r = canvas.getBoundingClientRect();
      const s = r.width / canvas.width;
      const x = r.left + pad.x * s, y = r.top + pad.y * s, width = pad.w * s, height = pad.h * s;
      return { x, y, width, height, left: x, top: y, right: x + width, bottom: y + height };
    },
    clear() { return command('clear', 0); },
    undo() { return command('undo', 0); },
    loadSample(i) {
      if (!Number.isInteger(i) || i < 0 || i >= bridge.sampleCount) {
        return Promise.reject(new RangeError(`loadSample: i must be an integer from 0 to ${bridge.sampleCount - 1}, got ${i}`));
      }
      return command('sample', i);
    },
    prediction() { return last ? { label: last.label, probs: last.probs.slice() } : null; },
    // image({width, height, data}) puts a picture on the pad: grey bytes
    // (a Uint8Array, Uint8ClampedArray or plain array of 0–255), rows top to
    // bottom, either polarity, at most 4096 a side and 1,048,576 pixels.
    image(img) {
      let p;
      try {
        p = greyImage(img, 'image');
      } catch (e) {
        return Promise.reject(e);
      }
      return command('image', 0, p);
    },
    // set({lang, layer}) changes the language and the layer pointed at,
    // as the URL's lang and layer do; either may be absent.
    set(opts) {
      if (opts === null || typeof opts !== 'object') return Promise.reject(new TypeError('set: needs an object such as {lang: "ko", layer: "C3"}'));
      const keys = ['lang', 'layer'].filter((k) => opts[k] !== undefined);
      for (const k of Object.keys(opts)) {
        if (k !== 'lang' && k !== 'layer') return Promise.reject(new TypeError(`set: unknown key ${JSON.stringify(k)}; the keys are lang and layer`));
      }
      const vals = keys.map((k) => opts[k]);
      if (vals.some((v) => typeof v !== 'string' || v.length > 64)) return Promise.reject(new TypeError('set: lang and layer are short strings, such as "ko" and "C3"'));
      return Promise.all(keys.map((k, i) => command('set', 0, { text: k, value: vals[i] }))).then(() => undefined);
    },
    // naturalHeight() is the height, in CSS pixels, the content wants at the
    // frame's width (null before the first frame).
    naturalHeight() { return natural; },
    // show(name) opens a view (see site/url-params.json) inside the page.
    show(name) {
      if (typeof name !== 'string' || name.length > 64) return Promise.reject(new TypeError('show: name must be a view\'s name, such as "conv"'));
      return command('view', 0, { str: name });
    },
    state() { return command('state', 0).then((s) => JSON.parse(s)); },
    // explain({method, target}) → a Promise of {width, height, data}: the
    // map over the network's 32×32 input (data a Float32Array, rows top to
    // bottom) of the evidence in the current drawing for class target (an
    // integer 0–9; absent: the predicted class). method 'occlusion': how
    // much covering the patch around each pixel lowers the class's score
    // (its logit); 'gradient': the score's gradient.
    explain(opts) {
      const { method, target } = opts === null || typeof opts !== 'object' ? {} : opts;
      if (method !== 'occlusion' && method !== 'gradient') return Promise.reject(new TypeError('explain: method must be "occlusion" or "gradient"'));
      if (target !== undefined && !(Number.isInteger(target) && target >= 0 && target <= 9)) return Promise.reject(new RangeError(`explain: target must be a digit 0–9 (or absent for the predicted one), got ${target}`));
      return command('explain', target === undefined ? -1 : target, { str: method });
    },
    // exportPNG(layer) → a Promise of a PNG (a Uint8Array): a layer's
    // feature maps, labelled (Input, C1, S2, C3, S4, C5, F6, Output, Probs,
    // or Evidence, the map the Why panel shows), or "view", the whole
    // screen at twice its CSS resolution.
    exportPNG(layer) {
      if (typeof layer !== 'string' || layer.length > 16) return Promise.reject(new TypeError('exportPNG: layer must be a layer\'s name, such as "C3", or "view"'));
      return command('export', 0, { str: layer });
    },
    // bench(n) times n inferences of the current drawing back to back (ms each).
    bench(n) {
      if (!Number.isInteger(n) || n < 1 || n > 1000) {
        return Promise.reject(new RangeError(`bench: n must be an integer from 1 to 1000, got ${typeof n === 'number' ? n : typeof n}`));
      }
      return command('bench', n).then(() => command('state', 0)).then((s) => JSON.parse(s).state.benchInferMs);
    },
    train: link.train,
    // memory() → a Promise of the program's memory after a garbage
    // collection: {goHeapBytes, goHeapSysBytes, wasmMemoryBytes}. The
    // WebAssembly memory only ever grows (it is the high-water mark of
    // the Go heap and what the runtime keeps beside it); goHeapBytes is
    // what the program still holds.
    memory() {
      return command('memory', 0).then((m) => ({ ...m, wasmMemoryBytes: memory ? memory.buffer.byteLength : 0 }));
    },
    timings() {
      const f = new Float64Array(bridge.statsBytes.buffer);
      return {
        frames: f[0], lastFrameMs: f[1], drawingFrames: f[2],
        meanDrawingFrameMs: f[2] ? f[3] / f[2] : 0, maxDrawingFrameMs: f[4], lastInferenceMs: f[5],
        meanDrawingInferenceMs: f[2] ? f[6] / f[2] : 0, maxDrawingInferenceMs: f[7],
        medianRecentDrawingFrameMs: f[8], recentDrawingFrames: f[9],
        cachedBitmaps: f[10], cachedTexts: f[11], // GPU images the canvas holds
        wasmMemoryBytes: memory ? memory.buffer.byteLength : 0,
        ...timing,
      };
    },
  });

  // ---- Training, files and storage: site/train-bridge.js, imported on first use ----
  // The program sends its requests with lenetBridge.linkSend and collects
  // the answers with lenetBridge.linkDrain (see wasm/web/link.go);
  // lenetDemo.train drives the training view's worker.
  function pageLink(b, wake) {
    let mod = null;
    let loading = null;
    const queue = [];
    const failed = [];
    const load = () => {
      loading ??= import('./train-bridge.js').then((m) => {
        mod = m;
        for (const r of queue.splice(0)) m.send(r);
        return m;
      }, (e) => {
        loading = null;
        for (const r of queue.splice(0)) failed.push({ slot: r.slot, seq: r.seq, kind: r.type, message: `train-bridge.js did not load: ${e.message}` });
        wake();
        throw e;
      });
      return loading;
    };
    b.linkSend = (req) => {
      if (mod) mod.send(req);
      else {
        queue.push(req);
        load().catch(() => { /* answered by the failed requests */ });
      }
    };
    // The bridge wakes the program when an answer arrives (see the frames
    // on demand above).
    b.linkWake = wake;
    b.linkDrain = () => {
      const a = mod ? mod.drain() : [];
      return failed.length ? failed.splice(0).concat(a) : a;
    };
    const via = (name) => (...args) => load().then((m) => m.train[name](...args));
    return { train: Object.freeze({ start: via('start'), pause: via('pause'), status: via('status'), exportWeights: via('exportWeights') }) };
  }

  // ---- Check, download with progress, run ----
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
    fail(text[lang].noWasm);
    return;
  }
  // WebGL 2 is not probed here: creating a context costs as much as the
  // one Ebiten creates (seconds under a software renderer) and would hold
  // up the download. A browser without it at all is told now; one whose
  // context cannot be made is told when Ebiten fails to make it.
  if (typeof WebGL2RenderingContext !== 'function') {
    fail(text[lang].noGL);
    return;
  }
  if (typeof Go !== 'function') {
    fail(text[lang].failed + 'wasm_exec.js did not load');
    return;
  }

  // instantiate compiles and instantiates the wasm at url while it
  // downloads. The Response goes to WebAssembly.instantiateStreaming as
  // fetch returned it, URL and cache headers intact: that is what lets the
  // browser keep the compiled module for the next visit. The progress bar
  // counts the bytes of a clone of the response.
  async function instantiate(url, imports) {
    const resp = await fetch(url);
    if (!resp.ok) throw new Error(`${url}: HTTP ${resp.status}`);
    showProgress(resp.clone());
    if (typeof WebAssembly.instantiateStreaming === 'function') {
      try {
        return await WebAssembly.instantiateStreaming(resp, imports);
      } catch (e) {
        // A host that does not send application/wasm: compile from the bytes.
        if (!(e instanceof TypeError) || resp.bodyUsed) throw e;
      }
    }
    return WebAssembly.instantiate(await resp.arrayBuffer(), imports);
  }

  // showProgress shows how much of a response has arrived (the length a host
  // sends is of the compressed bytes: the bar then runs to the end of
  // whichever is larger).
  async function showProgress(resp) {
    const total = Number(resp.headers.get('Content-Length')) || 0;
    if (!resp.body || !resp.body.getReader) return;
    const reader = resp.body.getReader();
    let got = 0, shown = 0;
    const show = () => {
      shown = performance.now();
      progress.max = Math.max(total, got);
      progress.value = got;
      loadText.textContent = text[lang].bytes(got, total >= got ? total : 0);
    };
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        got += value.length;
        if (performance.now() - shown > 100) show(); // ten times a second is enough for the eye
      }
      show();
      timing.navigationToDownloadedMs = performance.now();
    } catch {
      // the download failed: instantiate reports it
    }
  }

  (async () => {
    try {
      const go = new Go();
      const { instance } = await instantiate('./demo.wasm', go.importObject);
      memory = instance.exports.mem;
      timing.navigationToInstantiatedMs = performance.now();
      loadText.textContent = text[lang].starting;
      await go.run(instance);
      if (!failed) fail(text[lang].failed + 'the program stopped');
    } catch (err) {
      fail(text[lang].failed + (err && err.message ? err.message : String(err)));
    }
  })();
})();
