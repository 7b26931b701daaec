// peerbench.mjs, the summary of ./build.sh bench: each target's
// ratio is taken within a round and judged on the median round, and the
// exit code says whether every target was met.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('peerbench.mjs', import.meta.url));
// The script returns at once under node --test; it runs here as a command.
const env = { ...process.env };
delete env.NODE_TEST_CONTEXT;

// run writes one bench.mjs --json file per {variant: median µs} map and
// runs peerbench.mjs on them (dense, digit, dense, digit, …).
function run(t, rounds) {
  const dir = mkdtempSync(path.join(tmpdir(), 'peerbench-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const files = [];
  rounds.forEach((round, i) => {
    for (const kind of ['dense', 'digit']) {
      const results = Object.entries(round[kind]).map(([variant, median]) => ({
        variant,
        stats: { median, p10: median * 0.9 },
      }));
      const f = path.join(dir, `${kind}-${i + 1}.json`);
      writeFileSync(f, JSON.stringify({ node: 'v20', cpu: 'test', N: 2000, WARMUP: 200, results }));
      files.push(f);
    }
  });
  return spawnSync(process.execPath, [script, ...files], { encoding: 'utf8', env });
}

const fast = {
  dense: { 'lenet-go-wasm': 90, 'lenet-go-wasm-trace': 95, 'tfjs-wasm-ops': 120, 'js-plain': 880, 'tfjs-wasm-trace': 130, 'ort-web-wasm-trace': 220 },
  digit: { 'lenet-go-wasm': 75, 'lenet-go-wasm-trace': 80, 'tfjs-wasm-ops': 120, 'js-plain': 860, 'tfjs-wasm-trace': 130, 'ort-web-wasm-trace': 220 },
};
// slow is a round in which our rows ran during a spell of contention.
const slow = {
  dense: { ...fast.dense, 'lenet-go-wasm': 300 },
  digit: { ...fast.digit, 'lenet-go-wasm-trace': 200 },
};

test('every target met in every round', (t) => {
  const r = run(t, [fast, fast, fast]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /digit: lenet-go-wasm-trace \/ min\(tfjs-wasm-trace, ort-web-wasm-trace\) = 0\.62 \(rounds: 0\.62, 0\.62, 0\.62\), target ≤ 1\.00: met/);
  assert.match(r.stdout, /dense: lenet-go-wasm \/ tfjs-wasm-ops = 0\.75/);
});

test('one slow round out of three does not decide', (t) => {
  const r = run(t, [fast, slow, fast]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\(rounds: 0\.62, 1\.54, 0\.62\), target ≤ 1\.00: met/);
});

test('a target missed in most rounds is missed', (t) => {
  const r = run(t, [slow, slow, fast]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /digit: .* = 1\.54 \(rounds: 1\.54, 1\.54, 0\.62\), target ≤ 1\.00: MISSED/);
  assert.match(r.stdout, /dense: lenet-go-wasm \/ tfjs-wasm-ops = 2\.50 .*MISSED/);
});

test('a single round is judged on its own', (t) => {
  const r = run(t, [slow]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /rounds:/);
});

test('a missing runtime is a miss, not a pass', (t) => {
  const broken = { dense: { ...fast.dense }, digit: { ...fast.digit } };
  delete broken.digit['lenet-go-wasm-trace'];
  const r = run(t, [broken]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /= n\/a.*MISSED/);
});

test('a run that did not finish is reported', () => {
  const r = spawnSync(process.execPath, [script, '/nonexistent/dense-1.json', '/nonexistent/digit-1.json'], { encoding: 'utf8', env });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /dense-1\.json is missing: that run of bench\.mjs did not finish/);
});

test('an odd number of files is refused', () => {
  const r = spawnSync(process.execPath, [script, 'dense-1.json'], { encoding: 'utf8', env });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage/);
});
