// train-bridge.js — what the page does for the demo's views beyond drawing:
// the training workers (trainer.js in front of train-worker.js), files in
// and out, and the browser's storage. app.js imports it on first use (the
// training view, the handwriting panel of the network view, or
// window.lenetDemo.train); the workers, and with them train.wasm and the
// digit pack, start only when a request needs them.
//
// The program (wasm/web, wasm/pagelink) sends requests {slot, seq, type, …}
// through send() and collects the answers with drain(), once a frame:
//
//   {slot, seq, kind, message?, nums?: Float64Array, floats?: Float32Array,
//    bytes?: Uint8Array, name?}
//
// kind is the request's type for an answer (message set if it failed), or
// 'progress', 'evaluation', 'failure', 'file', 'status', 'kernels',
// 'predict' for what comes unasked. The numbers are in the orders
// wasm/pagelink/decode.go documents (STATUS below is its NumStatus order,
// then the run: how many times the worker started again). Slot 0 is the
// page, 1 the training view's worker (also lenetDemo.train), 2 the worker
// that fine-tunes the demo's network.
//
// The training view's worker also feeds the view what it shows without
// being asked: after the worker starts again (the test digits' score, the
// kernels and ten test digits read), after a step (the kernels, the
// digits), and while it trains (its progress four times a second, the
// digits once a second).
import { createTrainer } from './trainer.js';

const PAGE = 0;
const TRAIN = 1;
const MAX_EVENTS = 256; // unread answers kept; the oldest progress goes first
const MAX_FILE = 1 << 20; // bytes of a weights file (a float32 one has 246,904)
const STATUS = ['running', 'loaded', 'images', 'steps', 'epoch', 'seconds', 'imagesPerSecond', 'loss', 'trainAccuracy',
  'testAccuracy', 'testImages', 'learningRate', 'currentLearningRate', 'batchSize', 'evalEvery', 'nextEvaluation',
  'secondsToNextEvaluation', 'from', 'seed', 'fineTunings'];
const FROM = { random: 0, shipped: 1, weights: 2 };

const events = [];
function push(ev) {
  if (events.length >= MAX_EVENTS) {
    const i = events.findIndex((e) => e.kind === 'progress');
    events.splice(i < 0 ? 0 : i, 1);
  }
  events.push(ev);
  wake();
}

// The program runs its frames only when something changes: app.js's
// lenetBridge.linkWake() tells it that something did, here at most every
// 0.5 s, so that a page that trains repaints twice a second, not sixty.
let waking = null;
let wokeAt = 0;
function wake() {
  const w = globalThis.lenetBridge?.linkWake;
  if (typeof w !== 'function' || waking !== null) return;
  waking = setTimeout(() => {
    waking = null;
    wokeAt = performance.now();
    w();
  }, Math.max(0, wokeAt + 500 - performance.now()));
}

/** The answers since the last call, for the program. */
export function drain() {
  return events.splice(0);
}

const num = (v) => (v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'string' ? (FROM[v] ?? NaN) : Number(v));
let run = 0; // times the training view's worker started again
const statusNums = (s, slot) => [...STATUS.map((k) => num(s[k])), slot === TRAIN ? run : 0];
const scoreNums = (e) => [e.images, e.seconds, e.correct, e.total, e.accuracy].map(num);

function kernelFloats(k) {
  const out = new Float32Array(150 + 6 + 2400 + 16);
  out.set(k.c1, 0);
  out.set(k.c1Bias, 150);
  out.set(k.c3, 156);
  out.set(k.c3Bias, 2556);
  return out;
}

// ---- The workers ----

const trainers = [];

function trainer(slot) {
  trainers[slot] ??= createTrainer({
    onprogress: (p) => {
      push({ slot, seq: 0, kind: 'progress', nums: Float64Array.from(statusNums(p.status, slot)), floats: kernelFloats(p.kernels) });
      if (slot === TRAIN) feed('progress');
    },
    onevaluation: (e) => push({ slot, seq: 0, kind: 'evaluation', nums: Float64Array.from(scoreNums(e)) }),
    onerror: (message) => push({ slot, seq: 0, kind: 'failure', message: String(message) }),
  });
  return trainers[slot];
}

// answer turns a worker's result into the flat form of its request.
function answer(type, r, slot) {
  switch (type) {
    case 'start': case 'pause': case 'reset': case 'set': case 'status':
      return { nums: Float64Array.from(statusNums(r, slot)) };
    case 'step':
      return { nums: Float64Array.from(statusNums(r.status, slot)) };
    case 'evaluate':
      return { nums: Float64Array.from(scoreNums(r)) };
    case 'predict': {
      const nums = [];
      const bytes = new Uint8Array(784 * r.length);
      r.forEach((d, i) => {
        nums.push(d.index, d.label, d.prediction, ...d.probs);
        bytes.set(d.pixels, 784 * i);
      });
      return { nums: Float64Array.from(nums), bytes };
    }
    case 'kernels':
      return { floats: kernelFloats(r) };
    case 'params':
      return { floats: r };
    case 'export':
      return { bytes: r };
    case 'finetune': {
      const nums = [...statusNums(r.status, slot), num(r.done), r.steps, r.seconds, ...scoreNums(r.before), ...scoreNums(r.after)];
      for (const d of r.drawings) nums.push(d.label, d.before.prediction, d.before.probs[d.label], d.after.prediction, d.after.probs[d.label]);
      return { nums: Float64Array.from(nums.map(num)) };
    }
  }
  return {};
}

function toWorker(t, req) {
  const from = req.from ? { from: req.from, seed: req.seed ?? 1, ...(req.from === 'weights' ? { weights: req.bytes } : {}) } : {};
  switch (req.type) {
    case 'start': return t.start(from);
    case 'pause': return t.pause();
    case 'step': return t.step(req.count);
    case 'reset': return t.reset(from);
    case 'set': {
      const o = {};
      if (req.learningRate > 0) o.learningRate = req.learningRate;
      if (req.batchSize > 0) o.batchSize = req.batchSize;
      return t.set(o);
    }
    case 'status': return t.status();
    case 'evaluate': return t.evaluate();
    case 'predict': return t.predict(req.indices);
    case 'kernels': return t.kernels();
    case 'params': return t.params();
    case 'export': return t.exportWeights();
    case 'finetune': return t.fineTune({ labels: req.labels, inputs: req.inputs, ...from });
  }
  return Promise.reject(new Error(`the training worker has no request ${req.type}`));
}

function workerRequest(req) {
  const { slot, seq, type } = req;
  const restarts = slot === TRAIN && (type === 'reset' || type === 'finetune' || (type === 'start' && req.from));
  if (restarts) run++;
  toWorker(trainer(slot), req).then(
    (r) => {
      push({ slot, seq, kind: type, ...answer(type, r, slot) });
      if (restarts) feed('reset');
      else if (slot === TRAIN && type === 'step') feed('step');
    },
    (e) => push({ slot, seq, kind: type, message: e?.message ?? String(e) }),
  );
}

// feed sends the training view what it shows after the worker started
// again, after a step, or (at most once a second) while it trains.
let predicting = false;
let lastPredict = 0;
function feed(after) {
  const t = trainers[TRAIN];
  const unasked = (type) => (r) => push({ slot: TRAIN, seq: 0, kind: type, ...answer(type, r, TRAIN) });
  const ignore = () => {};
  if (after === 'reset') t.evaluate().then(unasked('evaluate'), ignore);
  if (after !== 'progress') t.kernels().then(unasked('kernels'), ignore);
  if (after === 'progress' && (predicting || performance.now() - lastPredict < 1000)) return;
  predicting = true;
  lastPredict = performance.now();
  t.predict().then(unasked('predict'), ignore).finally(() => { predicting = false; });
}

// ---- Files and storage ----

async function readFile(file) {
  if (file.size > MAX_FILE) throw new Error(`${file.name} has ${file.size.toLocaleString('en-US')} bytes; a weights file has at most ${MAX_FILE.toLocaleString('en-US')}`);
  return new Uint8Array(await file.arrayBuffer());
}

function fileEvent(seq, name, bytesP) {
  bytesP.then(
    (bytes) => push({ slot: PAGE, seq, kind: 'file', name, bytes }),
    (e) => push({ slot: PAGE, seq, kind: 'file', name, message: e?.message ?? String(e) }),
  );
}

// The file chooser: an input element kept in the page (hidden), so that a
// test can hand it a file as the browser's dialog would.
let chooser = null;
let chooserSeq = 0;
function pickFile(seq) {
  if (!chooser) {
    chooser = document.createElement('input');
    chooser.type = 'file';
    chooser.id = 'weights-file';
    chooser.accept = '.weights,application/octet-stream';
    chooser.hidden = true;
    chooser.addEventListener('change', () => {
      const f = chooser.files && chooser.files[0];
      if (f) fileEvent(chooserSeq, f.name, readFile(f));
      chooser.value = '';
    });
    document.body.append(chooser);
  }
  chooserSeq = seq;
  chooser.click();
}

// A weights file dropped anywhere on the page.
if (typeof document === 'object') {
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer && [...e.dataTransfer.types].includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', (e) => {
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!f) return;
    e.preventDefault();
    fileEvent(0, f.name, readFile(f));
  });
}

async function fetchWeights(url) {
  let u;
  try {
    u = new URL(url, location.href);
  } catch {
    throw new Error(`"${url}" is not an address`);
  }
  if (u.origin !== location.origin) throw new Error(`weights= must name a file of this site (${location.origin}), not ${u.origin}`);
  let res;
  try {
    res = await fetch(u, { redirect: 'error', credentials: 'same-origin' });
  } catch (e) {
    throw new Error(`${u.pathname} could not be fetched (${e.message})`);
  }
  if (!res.ok) throw new Error(`${u.pathname}: HTTP ${res.status} ${res.statusText}`);
  if (Number(res.headers.get('content-length')) > MAX_FILE) throw new Error(`${u.pathname} is larger than ${MAX_FILE.toLocaleString('en-US')} bytes`);
  const reader = res.body.getReader();
  const parts = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
    if (n > MAX_FILE) {
      reader.cancel();
      throw new Error(`${u.pathname} is larger than ${MAX_FILE.toLocaleString('en-US')} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function download(name, bytes) {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const MAX_STORED = 256 * 1024; // characters of one stored value

function load(key) {
  const s = localStorage.getItem(key);
  if (s === null) return new Uint8Array(0);
  let bin;
  try {
    if (s.length > MAX_STORED) throw new RangeError('too long');
    bin = atob(s);
  } catch {
    // Not what save() wrote: hand over its start, which the program
    // refuses, and says so.
    return new TextEncoder().encode(s.slice(0, 64));
  }
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function save(key, bytes) {
  if (bytes.length === 0) {
    localStorage.removeItem(key);
    return;
  }
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  localStorage.setItem(key, btoa(bin));
}

function pageRequest(req) {
  const { seq, type } = req;
  const done = (extra) => push({ slot: PAGE, seq, kind: type, ...extra });
  const fail = (e) => done({ message: e?.message ?? String(e) });
  try {
    switch (type) {
      case 'download': download(req.name, req.bytes); done({}); return;
      case 'pickFile': pickFile(seq); done({}); return;
      case 'fetch': fileEvent(seq, req.name, fetchWeights(req.name)); return;
      case 'load': done({ bytes: load(req.name) }); return;
      case 'save': save(req.name, req.bytes ?? new Uint8Array(0)); done({}); return;
    }
    fail(new Error(`the page has no request ${type}`));
  } catch (e) {
    fail(e);
  }
}

/** One request of the program. */
export function send(req) {
  if (req.slot === PAGE) pageRequest(req);
  else workerRequest(req);
}

// ---- window.lenetDemo.train ----

// What a script does to the training view's worker reaches the program as
// a 'status' event, so that the view shows it.
const statusEvent = (s) => push({ slot: TRAIN, seq: 0, kind: 'status', nums: Float64Array.from(statusNums(s, TRAIN)) });

// What status() says before the worker exists: nothing has been loaded.
const IDLE = { running: false, images: 0, seconds: 0, imagesPerSecond: 0, loss: null, trainAccuracy: null, testAccuracy: null };

function scripted(p) {
  return p.then((s) => {
    statusEvent(s);
    return s;
  });
}

export const train = Object.freeze({
  start(o = {}) {
    if (o === null || typeof o !== 'object') return Promise.reject(new TypeError('start takes an object {from, seed}'));
    const { from, seed } = o;
    if (from !== undefined && from !== 'random' && from !== 'shipped') return Promise.reject(new RangeError(`from must be 'random' or 'shipped', got ${String(from)}`));
    if (from !== undefined) run++;
    const p = scripted(trainer(TRAIN).start(from === undefined ? {} : { from, ...(seed === undefined ? {} : { seed }) }));
    if (from !== undefined) p.then(() => feed('reset'), () => {});
    return p;
  },
  pause: () => (trainers[TRAIN] ? scripted(trainers[TRAIN].pause()) : Promise.resolve({ ...IDLE })),
  status: () => (trainers[TRAIN] ? trainers[TRAIN].status() : Promise.resolve({ ...IDLE })),
  exportWeights: () => trainer(TRAIN).exportWeights(),
});
