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
import { addFilterGradient, decodePack, train } from './lib/tfjs-train.mjs';

if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const args = process.argv.slice(2);
const opt = (k, d) => {
  const i = args.indexOf(`--${k}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : d;
};
const here = path.dirname(fileURLToPath(import.meta.url));
const packPath = path.join(here, '..', 'mnist-subset.bin');
const RUNTIMES = ['lenet-worker', 'tfjs-cpu', 'tfjs-wasm', 'tfjs-wasm-filter'];

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

async function runTfjs(dir, backend, batch, seconds) {
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
  const data = await decodePack(readFileSync(packPath), async (b) => inflateRawSync(b));
  const cpu0 = process.cpuUsage();
  const r = train(tf, data, batch, seconds);
  const cpu = process.cpuUsage(cpu0);
  return { ...r, cpu: (cpu.user + cpu.system) / 1e6, version: tf.version_core };
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
const fmt0 = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
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
  rows.push([String(batch), ...RUNTIMES.map((rt) => fmt0(middle(Array.from({ length: rounds }, (_, i) => get(i + 1, rt, batch, 'imagesPerSecond'))))),
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
