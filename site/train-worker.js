// train-worker.js — trains LeNet-5 in a Web Worker (or a Node worker
// thread), so that the page that shows it stays responsive.
//
//   const w = new Worker(new URL('./train-worker.js', import.meta.url), { type: 'module' });
//   w.postMessage({ type: 'start', id: 1, from: 'random', seed: 1 });
//   w.onmessage = (e) => { … e.data.type is 'result', 'error', 'progress' or 'evaluation' … };
//
// (site/trainer.js wraps this in Promises.) The worker loads train.wasm
// (built from wasm/trainer) and the digit pack mnist-subset.bin, both beside
// this file unless `init` names others, when the first message arrives.
//
// Protocol. Every request is an object {type, id, …}; id (optional: a
// number or a string of at most 100 characters) comes back in the answer.
// Every request gets exactly one answer:
//
//   {type: 'result', id, request, result}        request is the request's type
//   {type: 'error',  id, request, message}       the request did nothing
//
// Requests (fields in [] are optional):
//
//   init     [data: URL string | ArrayBuffer | Uint8Array (a digit pack)], [wasm: URL string]
//            load train.wasm and the digits; only as the first request.
//            result: status
//   start    [from: 'random' | 'shipped' | 'weights'], [seed: 0 … 2^53−1 (1)], [weights: bytes]
//            with from: start again from those weights (as reset), then train
//            until paused; without: go on training. result: status
//   pause    stop training after the current slice. result: status
//   step     [count: 1 … 1000 (1)]: pause, then train exactly count batches.
//            result: {steps, images, evaluations, status}
//   reset    from, [seed], [weights]: pause and start again from those
//            weights; the counters and evaluations restart. result: status
//   set      [learningRate: (0, 0.1] (0.002)], [batchSize: 1 … 1024 (64)],
//            [augment: 'none' | 'jitter' (default) | 'canvas'],
//            [evalEvery: 100 … 10^7 images (10,000)],
//            [progressEvery: 50 … 60,000 ms (250)], [slice: 5 … 1000 ms (50)].
//            result: status
//   status   result: status
//   evaluate classify the test digits now. result: evaluation
//   predict  [indices: array of at most 100 test digit indices]; without, the
//            first test digit of each class 0 … 9. result: [{index, label,
//            prediction, probs: Float32Array(10), pixels: Uint8Array(784)}]
//   kernels  result: {c1: Float32Array(150) (6×1×5×5), c1Bias: Float32Array(6),
//            c3: Float32Array(2400) (16×6×5×5), c3Bias: Float32Array(16)}
//   params   result: Float32Array(61706), every parameter in lenet's order
//   export   [note: string of at most 1,024 bytes]. result: {weights:
//            Uint8Array}, a weights file (float32, version 1) that lenet.js
//            load({weights}) and `lenet eval -weights` read
//   finetune labels: array of 1 … 64 digits, and either inputs:
//            Float32Array(n·1024) (32×32 images as the network reads them,
//            values 0 … 1) or images: [{data, width, height}] (grey or RGBA
//            bytes of a canvas, preprocessed as the demo preprocesses a
//            drawing); [from, seed, weights] as reset, first; [options:
//            {seed, copies, replay, learningRate, confidence, hold, maxSteps}].
//            Pauses, then teaches the current network the drawings mixed with
//            training digits. result: {drawings: [{label, before: {prediction,
//            probs}, after: {…}}], steps, images, done, share, seconds,
//            before: evaluation, after: evaluation, status}
//
// status: {running, loaded, trainDigits, testDigits, from, seed, steps,
// skippedSteps, epoch, images, seconds (training time, evaluations
// excluded), evalSeconds, imagesPerSecond, loss, trainAccuracy (moving
// averages over about the last 1,000 training images; null before the first
// step), testAccuracy (the last evaluation's; null before one), testImages
// (images seen at it), learningRate, currentLearningRate (lower during the
// first 50 steps' warm-up), batchSize, augment, evalEvery, nextEvaluation
// (images), secondsToNextEvaluation (an estimate; null when not running),
// fineTunings, fineTuneImages, meta, lastEvaluation}.
//
// evaluation: {images, seconds, correct, total, accuracy, confusion (10×10,
// [true][predicted])}.
//
// While training runs the worker also sends, unasked:
//
//   {type: 'progress', status, kernels}   every progressEvery ms; kernels as above
//   {type: 'evaluation', evaluation}      after each evaluation of the test digits
//   {type: 'error', message}              when loading fails (id and request absent)
//
// Every request is checked: a wrong type, a field of the wrong kind or out of
// its range, an unknown field, or a request the worker cannot serve yet gets
// an error answer that says what was expected, and changes nothing.

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' && typeof self === 'undefined';

let port;
if (isNode) {
  const { parentPort } = await import('node:worker_threads');
  port = parentPort;
} else {
  port = self;
}

function post(msg, transfer = []) {
  port.postMessage(msg, transfer);
}

const MAX_ID = 100;
const MAX_DATA = 32 << 20;
const MAX_WEIGHTS = 1 << 20;

const REQUESTS = {
  init: ['data', 'wasm'],
  start: ['from', 'seed', 'weights'],
  pause: [],
  step: ['count'],
  reset: ['from', 'seed', 'weights'],
  set: ['learningRate', 'batchSize', 'augment', 'evalEvery', 'progressEvery', 'slice'],
  status: [],
  evaluate: [],
  predict: ['indices'],
  kernels: [],
  params: [],
  export: ['note'],
  finetune: ['labels', 'inputs', 'images', 'from', 'seed', 'weights', 'options'],
};

class RequestError extends Error {}

const describe = (v) => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
};

function wholeNumber(name, v, lo, hi) {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new RequestError(`${name} must be a whole number from ${lo} to ${hi}, got ${describe(v)}`);
  }
  return v;
}

function bytes(name, v, max) {
  let b;
  if (v instanceof ArrayBuffer) b = new Uint8Array(v);
  else if (v instanceof Uint8Array) b = v;
  else throw new RequestError(`${name} must be a Uint8Array or an ArrayBuffer, got ${describe(v)}`);
  if (b.length > max) throw new RequestError(`${name} has ${b.length} bytes, more than ${max}`);
  return b;
}

function checkFrom(msg) {
  if (msg.from === undefined) {
    if (msg.seed !== undefined || msg.weights !== undefined) throw new RequestError('seed and weights go with from');
    return;
  }
  if (!['random', 'shipped', 'weights'].includes(msg.from)) {
    throw new RequestError(`from must be 'random', 'shipped' or 'weights', got ${describe(msg.from)}`);
  }
  if (msg.seed !== undefined) wholeNumber('seed', msg.seed, 0, Number.MAX_SAFE_INTEGER);
  if (msg.from === 'weights') bytes('weights', msg.weights, MAX_WEIGHTS);
  else if (msg.weights !== undefined) throw new RequestError("weights go with from: 'weights'");
}

// check validates a request's shape; the values' ranges are checked again
// in Go.
function check(msg) {
  if (msg === null || typeof msg !== 'object' || Array.isArray(msg)) {
    throw new RequestError(`a request must be an object {type, id, …}, got ${describe(msg)}`);
  }
  const { type, id } = msg;
  if (typeof type !== 'string' || !Object.hasOwn(REQUESTS, type)) {
    throw new RequestError(`unknown request type ${describe(type)}; the types are ${Object.keys(REQUESTS).join(', ')}`);
  }
  if (id !== undefined && !(typeof id === 'number' && Number.isFinite(id)) && !(typeof id === 'string' && id.length <= MAX_ID)) {
    throw new RequestError(`id must be a number or a string of at most ${MAX_ID} characters, got ${describe(id)}`);
  }
  for (const k of Object.keys(msg)) {
    if (k !== 'type' && k !== 'id' && !REQUESTS[type].includes(k)) {
      throw new RequestError(`${type} has no field ${JSON.stringify(k)}; its fields are ${REQUESTS[type].join(', ') || 'none'}`);
    }
  }
  switch (type) {
    case 'init':
      if (msg.data !== undefined && typeof msg.data !== 'string') bytes('data', msg.data, MAX_DATA);
      if (msg.wasm !== undefined && typeof msg.wasm !== 'string') throw new RequestError(`wasm must be a URL string, got ${describe(msg.wasm)}`);
      break;
    case 'start':
      checkFrom(msg);
      break;
    case 'reset':
      if (msg.from === undefined) throw new RequestError("reset needs from: 'random', 'shipped' or 'weights'");
      checkFrom(msg);
      break;
    case 'step':
      if (msg.count !== undefined) wholeNumber('count', msg.count, 1, 1000);
      break;
    case 'set':
      if (msg.progressEvery !== undefined) wholeNumber('progressEvery', msg.progressEvery, 50, 60000);
      if (msg.slice !== undefined) wholeNumber('slice', msg.slice, 5, 1000);
      if (msg.learningRate !== undefined && (typeof msg.learningRate !== 'number' || !(msg.learningRate > 0 && msg.learningRate <= 0.1))) {
        throw new RequestError(`learningRate must be a number above 0 and at most 0.1, got ${describe(msg.learningRate)}`);
      }
      if (msg.batchSize !== undefined) wholeNumber('batchSize', msg.batchSize, 1, 1024);
      if (msg.evalEvery !== undefined) wholeNumber('evalEvery', msg.evalEvery, 100, 1e7);
      if (msg.augment !== undefined && !['none', 'jitter', 'canvas'].includes(msg.augment)) {
        throw new RequestError(`augment must be 'none', 'jitter' or 'canvas', got ${describe(msg.augment)}`);
      }
      break;
    case 'predict':
      if (msg.indices !== undefined) {
        if (!Array.isArray(msg.indices) || msg.indices.length > 100) throw new RequestError(`indices must be an array of at most 100 test digit indices, got ${describe(msg.indices)}`);
        msg.indices.forEach((v, i) => wholeNumber(`indices[${i}]`, v, 0, 1e6));
      }
      break;
    case 'export':
      if (msg.note !== undefined && (typeof msg.note !== 'string' || msg.note.length > 1024)) {
        throw new RequestError(`note must be a string of at most 1,024 characters, got ${describe(msg.note)}`);
      }
      break;
    case 'finetune': {
      if (!Array.isArray(msg.labels) || msg.labels.length < 1 || msg.labels.length > 64) {
        throw new RequestError(`labels must be an array of 1 to 64 digits, got ${describe(msg.labels)}`);
      }
      msg.labels.forEach((v, i) => wholeNumber(`labels[${i}]`, v, 0, 9));
      const n = msg.labels.length;
      if ((msg.inputs === undefined) === (msg.images === undefined)) throw new RequestError('give the drawings as inputs (32×32 floats) or as images, one of the two');
      if (msg.inputs !== undefined && (!(msg.inputs instanceof Float32Array) || msg.inputs.length !== n * 1024)) {
        throw new RequestError(`inputs must be a Float32Array of ${n * 1024} values (${n} drawings of 32×32), got ${describe(msg.inputs)}${msg.inputs?.length !== undefined ? ` of ${msg.inputs.length}` : ''}`);
      }
      if (msg.images !== undefined) {
        if (!Array.isArray(msg.images) || msg.images.length !== n) throw new RequestError(`images must be an array of ${n} images, one per label, got ${describe(msg.images)}`);
        msg.images.forEach((im, i) => {
          if (im === null || typeof im !== 'object') throw new RequestError(`images[${i}] must be {data, width, height}, got ${describe(im)}`);
          wholeNumber(`images[${i}].width`, im.width, 1, 8192);
          wholeNumber(`images[${i}].height`, im.height, 1, 8192);
          if (!(im.data instanceof Uint8Array || im.data instanceof Uint8ClampedArray)) throw new RequestError(`images[${i}].data must be grey or RGBA bytes, got ${describe(im.data)}`);
        });
      }
      checkFrom(msg);
      if (msg.options !== undefined && (msg.options === null || typeof msg.options !== 'object' || Array.isArray(msg.options))) {
        throw new RequestError(`options must be an object, got ${describe(msg.options)}`);
      }
      for (const k of Object.keys(msg.options ?? {})) {
        if (!['seed', 'copies', 'replay', 'learningRate', 'confidence', 'hold', 'maxSteps'].includes(k)) {
          throw new RequestError(`finetune options have no field ${JSON.stringify(k)}; they are seed, copies, replay, learningRate, confidence, hold, maxSteps`);
        }
      }
      break;
    }
  }
}

// ------------------------------------------------------------ the program

let trainer = null; // globalThis.lenetTrainer once train.wasm runs
let loading = null; // the Promise of init
let running = false;
let sliceMs = 50;
let progressMs = 250;
let lastProgress = 0;
let scheduled = false;

// call runs one of train.wasm's functions and turns its {error} into a
// RequestError.
function call(name, ...args) {
  const r = trainer[name](...args);
  if (r !== null && typeof r === 'object' && !ArrayBuffer.isView(r) && !Array.isArray(r) && typeof r.error === 'string') {
    throw new RequestError(r.error);
  }
  return r;
}

async function readBytes(url, what, max) {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    let b;
    try {
      b = await readFile(fileURLToPath(url));
    } catch (e) {
      throw new RequestError(`cannot read ${what} ${fileURLToPath(url)} (${e.code ?? e.message}); build it with ./build.sh`);
    }
    if (b.length > max) throw new RequestError(`${what} has ${b.length} bytes, more than ${max}`);
    return new Uint8Array(b.buffer, b.byteOffset, b.length);
  }
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new RequestError(`fetching ${what} ${url} failed: ${e.message}`);
  }
  if (!res.ok) throw new RequestError(`fetching ${what} ${url} failed: HTTP ${res.status} ${res.statusText}`);
  const len = Number(res.headers.get('content-length'));
  if (len > max) throw new RequestError(`${what} has ${len} bytes, more than ${max}`);
  const b = new Uint8Array(await res.arrayBuffer());
  if (b.length > max) throw new RequestError(`${what} has ${b.length} bytes, more than ${max}`);
  return b;
}

function toURL(s, what) {
  try {
    return new URL(s, import.meta.url);
  } catch {
    throw new RequestError(`${what} ${JSON.stringify(s)} is not a valid URL`);
  }
}

async function start(opts = {}) {
  const wasmURL = toURL(opts.wasm ?? './train.wasm', 'wasm');
  const dataP = typeof opts.data === 'string' || opts.data === undefined
    ? readBytes(toURL(opts.data ?? './mnist-subset.bin', 'data'), 'the digit pack', MAX_DATA)
    : Promise.resolve(bytes('data', opts.data, MAX_DATA));
  dataP.catch(() => {}); // handled below, once train.wasm runs
  if (typeof globalThis.Go !== 'function') {
    try {
      await import(new URL('./wasm_exec.js', import.meta.url).href);
    } catch (e) {
      throw new RequestError(`cannot load wasm_exec.js beside train-worker.js (${e.message}); build the site with ./build.sh`);
    }
  }
  const go = new globalThis.Go();
  go.exit = (code) => {
    trainer = null;
    running = false;
    post({ type: 'error', message: `train.wasm stopped (exit code ${code}); create the worker again` });
  };
  let instance;
  if (wasmURL.protocol === 'file:' || typeof WebAssembly.instantiateStreaming !== 'function') {
    const b = await readBytes(wasmURL, 'train.wasm', 64 << 20);
    ({ instance } = await WebAssembly.instantiate(b, go.importObject));
  } else {
    try {
      ({ instance } = await WebAssembly.instantiateStreaming(fetch(wasmURL), go.importObject));
    } catch {
      const b = await readBytes(wasmURL, 'train.wasm', 64 << 20);
      ({ instance } = await WebAssembly.instantiate(b, go.importObject));
    }
  }
  go.run(instance);
  const t = globalThis.lenetTrainer;
  if (!t || t.version !== 1) throw new RequestError('train.wasm did not start (no lenetTrainer of version 1)');
  if (t.startError) throw new RequestError(`train.wasm could not start: ${t.startError}`);
  trainer = t;
  call('load', await dataP);
}

function init(opts) {
  loading ??= start(opts).catch((e) => {
    loading = null;
    trainer = null;
    throw e;
  });
  return loading;
}

function status() {
  const s = call('status');
  s.running = running;
  s.secondsToNextEvaluation = null;
  if (running && s.imagesPerSecond > 0) s.secondsToNextEvaluation = Math.max(0, (s.nextEvaluation - s.images) / s.imagesPerSecond);
  return s;
}

function kernels() {
  return call('kernels');
}

function transferables(v, out = []) {
  if (ArrayBuffer.isView(v)) out.push(v.buffer);
  else if (Array.isArray(v)) v.forEach((x) => transferables(x, out));
  else if (v !== null && typeof v === 'object') Object.values(v).forEach((x) => transferables(x, out));
  return out;
}

function sendEvaluations(p) {
  for (const e of p.evaluations) post({ type: 'evaluation', evaluation: e });
}

function progress(force) {
  const now = performance.now();
  if (!force && now - lastProgress < progressMs) return;
  lastProgress = now;
  const k = kernels();
  post({ type: 'progress', status: status(), kernels: k }, transferables(k));
}

// The training loop: one slice, then back to the event loop so that
// messages are answered between slices.
const yieldNow = typeof setImmediate === 'function' ? (f) => setImmediate(f) : (() => {
  const ch = new MessageChannel();
  let next = null;
  ch.port1.onmessage = () => next?.();
  return (f) => {
    next = f;
    ch.port2.postMessage(0);
  };
})();

function schedule() {
  if (scheduled || !running) return;
  scheduled = true;
  yieldNow(loop);
}

function loop() {
  scheduled = false;
  if (!running || !trainer) return;
  try {
    sendEvaluations(call('run', sliceMs));
    progress(false);
  } catch (e) {
    running = false;
    post({ type: 'error', message: `training stopped: ${e.message}` });
    return;
  }
  schedule();
}

function pause() {
  if (running) {
    running = false;
    progress(true);
  }
}

function reset(msg) {
  call('reset', msg.from, msg.seed ?? 1, msg.weights);
}

async function handle(msg) {
  check(msg);
  if (msg.type === 'init') {
    if (loading || trainer) throw new RequestError('init must be the first request');
    await init(msg);
    return status();
  }
  await init({});
  if (!trainer) throw new RequestError('train.wasm has stopped; create the worker again');
  switch (msg.type) {
    case 'start':
      if (msg.from !== undefined) reset(msg);
      running = true;
      lastProgress = performance.now();
      schedule();
      return status();
    case 'pause':
      pause();
      return status();
    case 'step': {
      pause();
      const p = call('step', msg.count ?? 1);
      sendEvaluations(p);
      return { ...p, status: status() };
    }
    case 'reset':
      pause();
      reset(msg);
      return status();
    case 'set': {
      const { progressEvery, slice, ...o } = msg;
      delete o.type;
      delete o.id;
      call('setOptions', o);
      if (progressEvery !== undefined) progressMs = progressEvery;
      if (slice !== undefined) sliceMs = slice;
      return status();
    }
    case 'status':
      return status();
    case 'evaluate':
      return call('evaluate');
    case 'predict':
      return call('predict', msg.indices);
    case 'kernels':
      return kernels();
    case 'params':
      return call('params');
    case 'export':
      return { weights: call('exportWeights', msg.note ?? '') };
    case 'finetune': {
      pause();
      if (msg.from !== undefined) reset(msg);
      const r = call('fineTune', { labels: msg.labels, inputs: msg.inputs, images: msg.images }, msg.options);
      return { ...r, status: status() };
    }
  }
  throw new RequestError(`unknown request type ${msg.type}`);
}

// Requests are answered one at a time, in order.
let queue = Promise.resolve();

function receive(msg) {
  const id = msg?.id;
  const request = typeof msg?.type === 'string' ? msg.type.slice(0, 40) : undefined;
  const safeID = typeof id === 'number' || (typeof id === 'string' && id.length <= MAX_ID) ? id : undefined;
  queue = queue.then(async () => {
    try {
      const result = await handle(msg);
      post({ type: 'result', id: safeID, request, result }, transferables(result));
    } catch (e) {
      const message = e instanceof RequestError ? e.message : `internal error in the training worker: ${e?.message ?? e}`;
      post({ type: 'error', id: safeID, request, message });
    }
  });
}

if (isNode) port.on('message', receive);
else port.onmessage = (e) => receive(e.data);
