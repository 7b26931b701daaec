#!/usr/bin/env node
// Summarises rounds of the peers' bench.mjs (--json files; each round is a
// run with dense random input and one with --input digit) for ./build.sh
// bench: a table of medians, and the ratios LeNet-5 in Go/WebAssembly is
// judged by, computed within each round and judged on the median round.
//
//   node site/test/peerbench.mjs dense-1.json digit-1.json [dense-2.json digit-2.json ...]
//
// It lives beside the tests (peerbench.test.mjs tests it) but is not one:
// under node --test it returns at once.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';

if (process.env.NODE_TEST_CONTEXT) process.exit(0);

const files = process.argv.slice(2);
if (files.length === 0 || files.length % 2 !== 0) {
  console.error('usage: node peerbench.mjs dense-1.json digit-1.json [dense-2.json digit-2.json ...]');
  process.exit(2);
}
const read = (p) => {
  if (!existsSync(p)) {
    console.error(`peerbench: ${p} is missing: that run of bench.mjs did not finish (see its output above)`);
    process.exit(1);
  }
  return JSON.parse(readFileSync(p, 'utf8'));
};
const rounds = [];
for (let i = 0; i < files.length; i += 2) rounds.push({ dense: read(files[i]), digit: read(files[i + 1]) });

const stat = (key) => (run, variant) => {
  const r = run.results.find((x) => x.variant === variant);
  return r && !r.error ? r.stats[key] : NaN;
};
const median = stat('median');
const p10 = stat('p10');
// middle is the median of a list of numbers (the mean of the two middle
// ones for an even count); NaN when any is missing.
const middle = (xs) => {
  if (xs.some((x) => !Number.isFinite(x))) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
};

const variants = [];
for (const round of rounds) for (const run of Object.values(round)) for (const r of run.results) if (!variants.includes(r.variant)) variants.push(r.variant);

const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');
const each = (kind, v) => rounds.map((r) => fmt(median(r[kind], v))).join(' / ');
const head = ['peer', 'dense µs', 'digit µs'];
if (rounds.length > 1) head.push('dense, each round', 'digit, each round');
const rows = [head];
for (const v of variants) {
  const row = [v, fmt(middle(rounds.map((r) => median(r.dense, v)))), fmt(middle(rounds.map((r) => median(r.digit, v))))];
  if (rounds.length > 1) row.push(each('dense', v), each('digit', v));
  rows.push(row);
}
const w = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
const first = rounds[0].dense;
console.log(
  `µs per forward pass: the median of ${first.N} passes after ${first.WARMUP} warm-up` +
    (rounds.length > 1 ? `, then the median over ${rounds.length} rounds` : '') +
    `; ${first.cpu} ×${os.cpus().length}, node ${first.node}`,
);
console.log('');
console.log(`| ${rows[0].map((x, c) => x.padEnd(w[c])).join(' | ')} |`);
console.log(`| ${w.map((n, c) => (c ? '-'.repeat(n - 1) + ':' : '-'.repeat(n))).join(' | ')} |`);
for (const r of rows.slice(1)) console.log(`| ${r.map((x, c) => (c ? x.padStart(w[c]) : x.padEnd(w[c]))).join(' | ')} |`);
console.log('');

const minOf = (f, run, a, b) => Math.min(f(run, a), f(run, b));
const checks = [
  ['dense: lenet-go-wasm / tfjs-wasm-ops', (f, r) => f(r.dense, 'lenet-go-wasm') / f(r.dense, 'tfjs-wasm-ops'), 2.0],
  ['dense: lenet-go-wasm / js-plain', (f, r) => f(r.dense, 'lenet-go-wasm') / f(r.dense, 'js-plain'), 0.25],
  [
    'digit: lenet-go-wasm-trace / min(tfjs-wasm-trace, ort-web-wasm-trace)',
    (f, r) => f(r.digit, 'lenet-go-wasm-trace') / minOf(f, r.digit, 'tfjs-wasm-trace', 'ort-web-wasm-trace'),
    1.0,
  ],
];
const show = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
let missed = 0;
for (const [name, ratio, limit] of checks) {
  const perRound = rounds.map((r) => ratio(median, r));
  const r = middle(perRound);
  const ok = r <= limit;
  if (!ok) missed++;
  const rest = rounds.length > 1 ? ` (rounds: ${perRound.map(show).join(', ')})` : '';
  console.log(`${name} = ${show(r)}${rest}, target ≤ ${limit.toFixed(2)}: ${ok ? 'met' : 'MISSED'}; with 10th percentiles ${show(middle(rounds.map((x) => ratio(p10, x))))}`);
}
console.log(`loadavg now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exitCode = missed ? 1 : 0;
