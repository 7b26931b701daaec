// trainer.js — the training worker (train-worker.js) behind Promises, for
// pages and for Node ≥ 20.
//
//   import { createTrainer } from './trainer.js';
//   const t = createTrainer({ onprogress: (p) => draw(p.status, p.kernels) });
//   await t.start({ from: 'random', seed: 1 });
//   … later: const s = await t.status();  await t.pause();
//   const file = await t.exportWeights();   // Uint8Array, a weights file
//
// Every method sends one request of the worker's protocol (train-worker.js
// lists them) and returns a Promise of its result; an error answer rejects
// it with an Error carrying the worker's message. The worker downloads
// train.wasm and the digit pack when the first request arrives, so creating
// a trainer costs nothing until it is used.

const isNode = typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';

/**
 * options.worker: the worker script's URL (default: train-worker.js beside
 * this file); options.data, options.wasm: the digit pack (URL or bytes) and
 * train.wasm (URL) if not beside the worker; options.onprogress(progress),
 * options.onevaluation(evaluation), options.onerror(message): the worker's
 * unasked messages.
 */
export function createTrainer(options = {}) {
  const url = options.worker ?? new URL('./train-worker.js', import.meta.url);
  let worker;
  let nextID = 1;
  const pending = new Map();
  const receive = (m) => {
    if (m?.type === 'result' || (m?.type === 'error' && m.id !== undefined)) {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.type === 'result') p.resolve(m.result);
      else p.reject(new Error(m.message));
    } else if (m?.type === 'progress') options.onprogress?.(m);
    else if (m?.type === 'evaluation') options.onevaluation?.(m.evaluation);
    else if (m?.type === 'error') options.onerror?.(m.message);
  };
  const ready = (async () => {
    if (isNode) {
      const { Worker } = await import('node:worker_threads');
      worker = new Worker(url instanceof URL ? url : new URL(url, import.meta.url));
      worker.on('message', receive);
      worker.on('error', (e) => options.onerror?.(e.message));
      worker.unref?.();
    } else {
      worker = new Worker(url, { type: 'module' });
      worker.onmessage = (e) => receive(e.data);
      worker.onerror = (e) => options.onerror?.(e.message ?? 'the training worker failed');
    }
  })();
  const send = async (type, fields = {}, transfer = []) => {
    await ready;
    const id = nextID++;
    const p = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    if (isNode) worker.ref?.();
    worker.postMessage({ ...fields, type, id }, transfer);
    try {
      return await p;
    } finally {
      if (isNode && pending.size === 0) worker.unref?.();
    }
  };
  const opt = (o) => (o === undefined ? {} : o);
  if (options.data !== undefined || options.wasm !== undefined) {
    const init = {};
    if (options.data !== undefined) init.data = options.data;
    if (options.wasm !== undefined) init.wasm = options.wasm;
    send('init', init).catch(() => {}); // its error comes back on every later request
  }
  return {
    /** start({from, seed, weights}): start again from those weights and train; start(): go on. */
    start: (o) => send('start', opt(o)),
    pause: () => send('pause'),
    /** step(count = 1): pause, then train count batches. */
    step: (count) => send('step', count === undefined ? {} : { count }),
    reset: (o) => send('reset', opt(o)),
    /** set({learningRate, batchSize, augment, evalEvery, progressEvery, slice}) */
    set: (o) => send('set', opt(o)),
    status: () => send('status'),
    evaluate: () => send('evaluate'),
    predict: (indices) => send('predict', indices === undefined ? {} : { indices }),
    kernels: () => send('kernels'),
    params: () => send('params'),
    /** A Promise of a Uint8Array: the weights file. */
    exportWeights: (note) => send('export', note === undefined ? {} : { note }).then((r) => r.weights),
    /** fineTune({labels, inputs | images, from, seed, weights, options}) */
    fineTune: (o) => send('finetune', opt(o)),
    /** Stops the worker; every pending request is rejected. */
    terminate: async () => {
      await ready;
      for (const p of pending.values()) p.reject(new Error('the trainer was terminated'));
      pending.clear();
      await worker.terminate();
    },
  };
}
