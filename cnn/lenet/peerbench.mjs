#!/usr/bin/env node
// Summarises two runs of the peers' bench.mjs (--json files, dense random
// input and --input digit) for ./build.sh bench: one table of medians and
// the ratios LeNet-5 in Go/WebAssembly is judged by.
//
//   node cnn/lenet/peerbench.mjs dense.json digit.json
import { readFileSync } from 'node:fs';
import os from 'node:os';

const [densePath, digitPath] = process.argv.slice(2);
if (!densePath || !digitPath) {
  console.error('usage: node peerbench.mjs dense.json digit.json');
  process.exit(2);
}
const read = (p) => JSON.parse(readFileSync(p, 'utf8'));
const runs = { dense: read(densePath), digit: read(digitPath) };

const stat = (key) => (run, variant) => {
  const r = run.results.find((x) => x.variant === variant);
  return r && !r.error ? r.stats[key] : NaN;
};
const median = stat('median');
const p10 = stat('p10');

const variants = [];
for (const run of Object.values(runs)) for (const r of run.results) if (!variants.includes(r.variant)) variants.push(r.variant);

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const rows = [['peer', 'dense µs', 'digit µs', 'dense p10', 'digit p10']];
for (const v of variants) rows.push([v, fmt(median(runs.dense, v)), fmt(median(runs.digit, v)), fmt(p10(runs.dense, v)), fmt(p10(runs.digit, v))]);
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`µs per forward pass: medians and 10th percentiles of ${runs.dense.N} passes after ${runs.dense.WARMUP} warm-up, ${runs.dense.cpu} ×${os.cpus().length}, node ${runs.dense.node}`);
console.log('');
console.log(`| ${rows[0].map((x, c) => x.padEnd(w[c])).join(' | ')} |`);
console.log(`| ${w.map((n, c) => (c ? '-'.repeat(n - 1) + ':' : '-'.repeat(n))).join(' | ')} |`);
for (const r of rows.slice(1)) console.log(`| ${r.map((x, c) => (c ? x.padStart(w[c]) : x.padEnd(w[c]))).join(' | ')} |`);
console.log('');

const minOf = (f, run, a, b) => Math.min(f(run, a), f(run, b));
const checks = [
  ['dense: lenet-go-wasm / tfjs-wasm-ops', (f) => f(runs.dense, 'lenet-go-wasm') / f(runs.dense, 'tfjs-wasm-ops'), 2.0],
  ['dense: lenet-go-wasm / js-plain', (f) => f(runs.dense, 'lenet-go-wasm') / f(runs.dense, 'js-plain'), 0.25],
  [
    'digit: lenet-go-wasm-trace / min(tfjs-wasm-trace, ort-web-wasm-trace)',
    (f) => f(runs.digit, 'lenet-go-wasm-trace') / minOf(f, runs.digit, 'tfjs-wasm-trace', 'ort-web-wasm-trace'),
    1.0,
  ],
];
const show = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
let missed = 0;
for (const [name, ratio, limit] of checks) {
  const r = ratio(median);
  const ok = r <= limit;
  if (!ok) missed++;
  console.log(`${name} = ${show(r)} (target ≤ ${limit.toFixed(2)}) ${ok ? 'met' : 'MISSED'}; with 10th percentiles ${show(ratio(p10))}`);
}
console.log(`loadavg now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exitCode = missed ? 1 : 0;
