// Benchmark of lenet.js in Node: the cost of one predict with and without
// layers, with the canvas preprocessing, the bare JS→Go crossing, and the
// memory after 100,000 predictions. Run it after ./build.sh build:
//
//   node site/test/bench-api.mjs [-n 100000]
//
// It lives beside the tests but is not one: under node --test it returns at
// once.
import v8 from 'node:v8';
import vm from 'node:vm';
import os from 'node:os';
import { statSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { load } from '../lenet.js';
import { mnist20, pad32, rgbaDarkOnLight } from './lib/common.mjs';

if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const arg = process.argv.indexOf('-n');
const N = arg > 0 ? Number(process.argv[arg + 1]) : 100000;
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const wasmPath = fileURLToPath(new URL('../lenet.wasm', import.meta.url));
const raw = statSync(wasmPath).size;
const gz = gzipSync(readFileSync(wasmPath), { level: 9 }).length;
const t0 = performance.now();
const net = await load();
const loadMs = performance.now() - t0;
console.log(`node ${process.version} | ${os.cpus()[0]?.model} x${os.cpus().length} | loadavg ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`lenet.wasm: ${raw} bytes, ${gz} gzip -9 | load() ${loadMs.toFixed(0)} ms | weights: ${net.weights.meta.split('\n')[0]}`);

const digits = mnist20();
const x = pad32(digits[0].pixels);
const canvas = new Uint8ClampedArray(4 * 280 * 280).fill(255);
const ink = rgbaDarkOnLight(digits[0].pixels);
for (let y = 0; y < 280; y++) for (let i = 0; i < 280; i++) {
  const s = (Math.floor(y / 10) * 28 + Math.floor(i / 10)) * 4;
  canvas.set(ink.subarray(s, s + 4), (y * 280 + i) * 4);
}
const ex = net[Symbol.for('lenet.test.exports')]();

function time(name, n, fn) {
  for (let i = 0; i < Math.min(200, n); i++) fn();
  const us = new Float64Array(n);
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const s = process.hrtime.bigint();
    fn();
    us[i] = Number(process.hrtime.bigint() - s) / 1e3;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = (cpu.user + cpu.system) / n;
  us.sort();
  const q = (p) => us[Math.min(n - 1, Math.floor(p * n))];
  // On a busy machine the wall-clock times include waiting for a CPU; the
  // CPU time per call (this process, all threads) does not.
  console.log(`${name.padEnd(58)} median ${q(0.5).toFixed(2).padStart(8)} µs   p10 ${q(0.1).toFixed(2).padStart(8)}   p90 ${q(0.9).toFixed(2).padStart(8)}   CPU ${cpuUs.toFixed(2).padStart(8)} µs/call`);
  return Math.min(q(0.5), cpuUs);
}

const M = 3000;
const bare = time('bare JS→Go call (an export that does nothing)', M * 10, () => ex.lenet_status());
// The same 32×32 input two ways: the peer benchmark's dense random values
// and a real digit (mostly zeros, which the forward pass skips).
const dense = new Float32Array(1024);
for (let i = 0; i < 1024; i++) dense[i] = ((i * 7919) % 1000) / 1000;
const cross = {};
for (const [name, input] of [['dense', dense], ['digit', x]]) {
  net.predict({ data: input, width: 32, height: 32 }, { preprocess: false, layers: false }); // puts input in Go's buffer
  const goOnly = time(`${name}: lenet_predict export alone (input already in Go)`, M, () => ex.lenet_predict(3, 32, 32, 1024, 0, 0));
  const fast = time(`${name}: predict {preprocess: false, layers: false}`, M, () =>
    net.predict({ data: input, width: 32, height: 32 }, { preprocess: false, layers: false }).probs);
  const trace = time(`${name}: predict {preprocess: false, layers: true}`, M, () =>
    net.predict({ data: input, width: 32, height: 32 }, { preprocess: false, layers: true }));
  cross[name] = [fast - goOnly, trace - goOnly];
}
time('predict 280×280 RGBA canvas, preprocessed, layers', M, () => net.predict({ data: canvas, width: 280, height: 280 }));
time('predict 28×28 grey bytes, preprocessed, no layers', M, () => net.predict({ data: digits[0].pixels, width: 28, height: 28 }, { layers: false }));
for (const [name, [a, b]] of Object.entries(cross)) {
  console.log(`${name}: the API's own cost (copy in, checks, copies out) = predict − export: ${a.toFixed(2)} µs without layers, ${b.toFixed(2)} µs with layers (lesser of median and CPU time)`);
}
console.log(`bare crossing ${bare.toFixed(3)} µs`);

// Memory over N predictions, after a warm-up.
const mem = () => net[Symbol.for('lenet.test.memory')]();
const calls = [
  () => net.predict({ data: x, width: 32, height: 32 }, { preprocess: false, layers: false }),
  () => net.predict({ data: x, width: 32, height: 32 }, { preprocess: false, layers: true }),
  () => net.predict({ data: canvas, width: 280, height: 280 }, { layers: false }),
  () => net.predict({ data: digits[1].pixels, width: 28, height: 28 }),
];
for (let i = 0; i < 2000; i++) calls[i % calls.length]();
gc();
const heap0 = process.memoryUsage().heapUsed, mem0 = mem();
const ts = performance.now();
let maxMem = mem0;
for (let i = 0; i < N; i++) {
  calls[i % calls.length]();
  if (i % 1000 === 0) maxMem = Math.max(maxMem, mem());
}
gc();
const heap1 = process.memoryUsage().heapUsed, mem1 = mem();
console.log(`${N} predictions (a mix of the four kinds above) in ${((performance.now() - ts) / 1000).toFixed(1)} s:`);
console.log(`  wasm memory ${mem0} → ${mem1} bytes (growth ${mem1 - mem0}, peak ${maxMem})`);
console.log(`  JS heap after gc ${heap0} → ${heap1} bytes (growth ${heap1 - heap0})`);
console.log(`loadavg at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
