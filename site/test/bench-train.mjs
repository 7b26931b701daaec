// Benchmark of training in Node: images per second of LeNet-5 trained by
// the training worker (train-worker.js over train.wasm, one thread) against
// TensorFlow.js training the same network, with the same batch size, on the
// same MNIST digits. ./build.sh bench train runs it after ./build.sh build:
//
//   node site/test/bench-train.mjs --tfjs DIR [--rounds 3] [--batches 16,64,256] [--seconds 3] [--json FILE]
//
// DIR holds node_modules with @tensorflow/tfjs-core, -layers (whose bundle
// carries the gradients), -backend-cpu and -backend-wasm (the peers'
// package.json). Every runtime and batch size runs in its own process, one
// after another, for --seconds of training after a warm-up; the rounds
// repeat the whole set, the ratios are computed within each round and
// judged on the median round, so that a spell of contention on a shared
// machine slows one round and not the verdict.
//
// The runtimes:
//   lenet-worker       this project: the worker's step request, batches of
//                      plain digits (augment 'none'), timed from outside
//   tfjs-cpu           TensorFlow.js, JavaScript kernels: tf.variable
//                      weights, optimizer.minimize of the softmax
//                      cross-entropy, Adam, the same learning rate
//   tfjs-wasm          TensorFlow.js's WebAssembly backend (XNNPACK, SIMD,
//                      one thread) as published: it registers no
//                      Conv2DBackpropFilter, so it cannot train a
//                      convolution's kernels; the run reports the error
//   tfjs-wasm-filter   the same backend with Conv2DBackpropFilter supplied
//                      through its own Conv3DBackpropFilterV2 kernel (a
//                      2-D convolution is a 3-D one of depth 1), checked
//                      against the cpu backend's before it is timed: the
//                      strongest TensorFlow.js baseline that runs
//
// Both sides also report images per second of CPU time (all threads of
// the process), which contention on the machine does not inflate.
//
// It lives beside the tests but is not one: under node --test it returns at
// once.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const args = process.argv.slice(2);
const opt = (k, d) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : d;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const packPath = path.join(here, '..', 'mnist-subset.bin');
const LR = 0.002;
const RUNTIMES = ['lenet-worker', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-wasm-filter'];

// readPack decodes the digit pack (cnn/mnist/pack's format) far enough for
// the benchmark: the training digits as 32×32 floats and their labels.
function readPack(file, max) {
  const b = readFileSync(file);
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  if (b.subarray(0, 8).toString('latin1') !== 'LENET5\x00D') throw new Error(`${file} is not a digit pack`);
  const n = dv.getUint32(24, true), m = dv.getUint32(28, true), ml = dv.getUint32(32, true), pl = dv.getUint32(36, true);
  const raw = inflateRawSync(b.subarray(40 + ml, 40 + ml + pl));
  const count = Math.min(n, max);
  const x = new Float32Array(count * 1024);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = raw[i];
    for (let p = 0; p < 784; p++) {
      const byte = raw[n + m + i * 392 + (p >> 1)];
      const q = p & 1 ? byte >> 4 : byte & 15;
      x[i * 1024 + (Math.floor(p / 28) + 2) * 32 + (p % 28) + 2] = (17 * q) / 255;
    }
  }
  return { x, y, count };
}

// ------------------------------------------------------------ one child run

async function runLenet(batch, seconds) {
  const { createTrainer } = await import('../trainer.js');
  const t = createTrainer();
  try {
    await t.reset({ from: 'random', seed: 1 });
    await t.set({ batchSize: batch, augment: 'none', evalEvery: 10000000 });
    await t.step(Math.max(2, Math.round(512 / batch))); // warm-up
    const per = Math.max(1, Math.min(1000, Math.round(2048 / batch)));
    const s0 = await t.status();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) await t.step(per);
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const s = await t.status();
    const images = s.images - s0.images;
    return { images, wall, cpu: (cpu.user + cpu.system) / 1e6, loss: s.loss, inside: images / (s.seconds - s0.seconds) };
  } finally {
    await t.terminate();
  }
}

async function tfjs(dir, backend) {
  const require = createRequire(path.join(path.resolve(dir), 'package.json'));
  const tf = require('@tensorflow/tfjs-core');
  require('@tensorflow/tfjs-backend-cpu');
  require('@tensorflow/tfjs-layers'); // registers the gradients
  if (backend !== 'cpu') {
    const wasm = require('@tensorflow/tfjs-backend-wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setThreadsCount(1);
  }
  await tf.setBackend(backend === 'cpu' ? 'cpu' : 'wasm');
  await tf.ready();
  if (backend === 'wasm-filter') addFilterGradient(tf);
  return tf;
}

// addFilterGradient registers Conv2DBackpropFilter for the wasm backend as
// its Conv3DBackpropFilterV2 on inputs of depth 1, and checks it against
// the cpu backend's on LeNet-5's C3 shapes.
function addFilterGradient(tf) {
  const c3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter', backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs;
      const { strides, pad, filterShape, dataFormat, dilations, dimRoundingMode } = attrs;
      if ((dataFormat && dataFormat !== 'NHWC') || dimRoundingMode || (dilations && [].concat(dilations).some((d) => d !== 1))) {
        throw new Error('this Conv2DBackpropFilter handles NHWC without dilation only');
      }
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      const x5 = reshape.kernelFunc({ inputs: { x }, backend, attrs: { shape: [x.shape[0], 1, ...x.shape.slice(1)] } });
      const dy5 = reshape.kernelFunc({ inputs: { x: dy }, backend, attrs: { shape: [dy.shape[0], 1, ...dy.shape.slice(1)] } });
      const f5 = c3d.kernelFunc({ inputs: { x: x5, dy: dy5 }, backend, attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] } });
      const out = reshape.kernelFunc({ inputs: { x: f5 }, backend, attrs: { shape: filterShape } });
      for (const t of [x5, dy5, f5]) backend.disposeData(t.dataId);
      return out;
    },
  });
  const x = tf.randomNormal([3, 14, 14, 6], 0, 1, 'float32', 7);
  const dy = tf.randomNormal([3, 10, 10, 16], 0, 1, 'float32', 8);
  const w = tf.randomNormal([5, 5, 6, 16], 0, 1, 'float32', 9);
  // The kernel's gradient through it, against the sum written out.
  const g = tf.grad((w) => tf.sum(tf.mul(tf.conv2d(x, w, 1, 'valid'), dy)))(w).dataSync();
  const xs = x.dataSync(), dys = dy.dataSync();
  let worst = 0;
  for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) for (let c = 0; c < 6; c++) for (let n = 0; n < 16; n++) {
    let s = 0;
    for (let b = 0; b < 3; b++) for (let oy = 0; oy < 10; oy++) for (let ox = 0; ox < 10; ox++) {
      s += xs[((b * 14 + oy + ky) * 14 + ox + kx) * 6 + c] * dys[((b * 10 + oy) * 10 + ox) * 16 + n];
    }
    worst = Math.max(worst, Math.abs(s - g[((ky * 5 + kx) * 6 + c) * 16 + n]) / (1 + Math.abs(s)));
  }
  if (!(worst < 1e-4)) throw new Error(`the supplied Conv2DBackpropFilter is off by ${worst}`);
}

async function runTfjs(dir, backend, batch, seconds) {
  const tf = await tfjs(dir, backend);
  const data = readPack(packPath, 15000);
  const he = (shape, fanIn) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', 1));
  const p = {
    c1w: he([5, 5, 1, 6], 25), c1b: tf.variable(tf.zeros([6])),
    c3w: he([5, 5, 6, 16], 150), c3b: tf.variable(tf.zeros([16])),
    c5w: he([5, 5, 16, 120], 400), c5b: tf.variable(tf.zeros([120])),
    f6w: he([120, 84], 120), f6b: tf.variable(tf.zeros([84])),
    ow: tf.variable(tf.randomNormal([84, 10], 0, Math.sqrt(1 / 84), 'float32', 2)), ob: tf.variable(tf.zeros([10])),
  };
  const net = (x) => {
    let h = tf.relu(tf.add(tf.conv2d(x, p.c1w, 1, 'valid'), p.c1b));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p.c3w, 1, 'valid'), p.c3b));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p.c5w, 1, 'valid'), p.c5b));
    h = tf.reshape(h, [-1, 120]);
    h = tf.relu(tf.add(tf.matMul(h, p.f6w), p.f6b));
    return tf.add(tf.matMul(h, p.ow), p.ob);
  };
  const opt = tf.train.adam(LR);
  let at = 0;
  let loss = NaN;
  const step = () => {
    if (at + batch > data.count) at = 0;
    const xs = tf.tensor4d(data.x.subarray(at * 1024, (at + batch) * 1024), [batch, 32, 32, 1]);
    const ys = tf.oneHot(tf.tensor1d(data.y.subarray(at, at + batch), 'int32'), 10);
    at += batch;
    const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, net(xs)), true);
    loss = l.dataSync()[0];
    tf.dispose([xs, ys, l]);
  };
  step(); // warm-up (one step: the cpu backend takes seconds for one)
  let images = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    step();
    images += batch;
  } while (performance.now() - t0 < seconds * 1000);
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const version = tf.version_core;
  return { images, wall, cpu: (cpu.user + cpu.system) / 1e6, loss, version, tensors: tf.memory().numTensors };
}

if (args[0] === '--child') {
  const [, runtime, batch, seconds] = args;
  let r;
  try {
    if (runtime === 'lenet-worker') r = await runLenet(Number(batch), Number(seconds));
    else r = await runTfjs(opt('tfjs', '.'), runtime.replace(/^tfjs-/, ''), Number(batch), Number(seconds));
    r.imagesPerSecond = r.images / r.wall;
    r.imagesPerCPUSecond = r.images / r.cpu;
  } catch (e) {
    r = { error: String(e?.message ?? e).split('\n')[0] };
  }
  console.log('@@RESULT ' + JSON.stringify(r));
  process.exit(0);
}

// ------------------------------------------------------------ the parent

const tfjsDir = opt('tfjs', null);
const rounds = Number(opt('rounds', 3));
const batches = opt('batches', '16,64,256').split(',').map(Number);
const seconds = Number(opt('seconds', 3));
if (!tfjsDir || !(rounds >= 1) || batches.some((b) => !(b >= 1 && b <= 1024)) || !(seconds > 0)) {
  console.error('usage: node site/test/bench-train.mjs --tfjs DIR [--rounds 3] [--batches 16,64,256] [--seconds 3] [--json FILE]');
  process.exit(2);
}
console.log(`training LeNet-5, images per second | node ${process.version} | ${os.cpus()[0]?.model} x${os.cpus().length} | ${seconds} s a run | rounds ${rounds}`);
const results = []; // {round, runtime, batch, ...}
for (let round = 1; round <= rounds; round++) {
  console.log(`\nround ${round} of ${rounds} (load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);
  for (const batch of batches) {
    for (const runtime of RUNTIMES) {
      const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', runtime, String(batch), String(seconds), '--tfjs', tfjsDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
      const line = (p.stdout || '').split('\n').find((l) => l.startsWith('@@RESULT '));
      const r = line ? JSON.parse(line.slice(9)) : { error: `exit ${p.status}: ${(p.stderr || '').trim().split('\n').slice(-1)[0]}` };
      results.push({ round, runtime, batch, ...r });
      const what = r.error ? `error: ${r.error}` : `${r.imagesPerSecond.toFixed(0).padStart(6)} images/s, ${r.imagesPerCPUSecond.toFixed(0).padStart(6)} per CPU second, loss ${r.loss?.toFixed(3)}`;
      console.log(`  batch ${String(batch).padStart(4)}  ${runtime.padEnd(17)} ${what}`);
    }
  }
}

const middle = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};
const get = (round, runtime, batch, key) => results.find((r) => r.round === round && r.runtime === runtime && r.batch === batch && !r.error)?.[key] ?? NaN;
console.log('\nsummary: the median round of each; ratio = lenet-worker / the fastest TensorFlow.js that ran, within each round');
const rows = [['batch', ...RUNTIMES.map((r) => `${r} /s`), 'ratio (wall)', 'ratio (CPU)', 'ratio each round']];
const verdict = [];
for (const batch of batches) {
  const ratio = (key) => Array.from({ length: rounds }, (_, i) => {
    const ours = get(i + 1, 'lenet-worker', batch, key);
    const best = Math.max(...RUNTIMES.slice(1).map((rt) => get(i + 1, rt, batch, key)).filter(Number.isFinite));
    return ours / best;
  });
  const wall = ratio('imagesPerSecond'), cpu = ratio('imagesPerCPUSecond');
  rows.push([String(batch), ...RUNTIMES.map((rt) => middle(Array.from({ length: rounds }, (_, i) => get(i + 1, rt, batch, 'imagesPerSecond'))).toFixed(0)),
    middle(wall).toFixed(1), middle(cpu).toFixed(1), wall.map((x) => x.toFixed(1)).join(' / ')]);
  verdict.push({ batch, wall: middle(wall), cpu: middle(cpu) });
}
const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => r[j].length)));
for (const r of rows) console.log(r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  '));
const errors = [...new Set(results.filter((r) => r.error).map((r) => `${r.runtime}: ${r.error}`))];
for (const e of errors) console.log(`did not run: ${e}`);
if (opt('json', null)) writeFileSync(opt('json', null), JSON.stringify({ node: process.version, cpu: os.cpus()[0]?.model, results, verdict }, null, 1) + '\n');
const v64 = verdict.find((v) => v.batch === 64);
if (v64) {
  const ok = v64.wall >= 3;
  console.log(`\ntarget: at batch 64, lenet-worker ≥ 3 × the fastest TensorFlow.js: ${v64.wall.toFixed(1)} × (wall), ${v64.cpu.toFixed(1)} × (CPU) — ${ok ? 'met' : 'MISSED'}`);
  if (!ok) process.exit(1);
}
