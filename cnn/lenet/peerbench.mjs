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

const median = (run, variant) => {
  const r = run.results.find((x) => x.variant === variant);
  return r && !r.error ? r.stats.median : NaN;
};

const variants = [];
for (const run of Object.values(runs)) for (const r of run.results) if (!variants.includes(r.variant)) variants.push(r.variant);

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const rows = [['peer', 'dense µs', 'digit µs']];
for (const v of variants) rows.push([v, fmt(median(runs.dense, v)), fmt(median(runs.digit, v))]);
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
console.log(`medians of ${runs.dense.N} forwards after ${runs.dense.WARMUP} warm-up, ${runs.dense.cpu} ×${os.cpus().length}, node ${runs.dense.node}`);
console.log('');
console.log(`| ${rows[0].map((x, c) => x.padEnd(w[c])).join(' | ')} |`);
console.log(`| ${w.map((n, c) => (c ? '-'.repeat(n - 1) + ':' : '-'.repeat(n))).join(' | ')} |`);
for (const r of rows.slice(1)) console.log(`| ${r.map((x, c) => (c ? x.padStart(w[c]) : x.padEnd(w[c]))).join(' | ')} |`);
console.log('');

const checks = [
  ['dense: lenet-go-wasm / tfjs-wasm-ops', median(runs.dense, 'lenet-go-wasm') / median(runs.dense, 'tfjs-wasm-ops'), 2.0],
  ['dense: lenet-go-wasm / js-plain', median(runs.dense, 'lenet-go-wasm') / median(runs.dense, 'js-plain'), 0.25],
  [
    'digit: lenet-go-wasm-trace / min(tfjs-wasm-trace, ort-web-wasm-trace)',
    median(runs.digit, 'lenet-go-wasm-trace') / Math.min(median(runs.digit, 'tfjs-wasm-trace'), median(runs.digit, 'ort-web-wasm-trace')),
    1.0,
  ],
];
let missed = 0;
for (const [name, ratio, limit] of checks) {
  const ok = ratio <= limit;
  if (!ok) missed++;
  console.log(`${name} = ${Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a'} (target ≤ ${limit.toFixed(2)}) ${ok ? 'met' : 'MISSED'}`);
}
console.log(`loadavg now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exitCode = missed ? 1 : 0;
