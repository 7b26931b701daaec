// The size budgets of the two WebAssembly files, after gzip -9 (what a host
// sends compressed), from budgets.json; site/docs/performance.md quotes them
// and site/docgen's test holds it to this file. What keeps lenet.wasm small:
// no fmt, os, io/fs, time or syscall in the program (cnn/internal/msg and
// wasm/internal/msg format its messages; the weights are compiled in from
// cnn/lenet/shipped.go, not embedded), and half-float weights.
// `GOOS=js GOARCH=wasm go list -deps ./wasm/api` shows what is linked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { siteURL } from './lib/common.mjs';

const budgets = JSON.parse(readFileSync(new URL('budgets.json', import.meta.url), 'utf8'));

test('budgets.json names both WebAssembly files', () => {
  assert.deepEqual(Object.keys(budgets).sort(), ['demo.wasm', 'lenet.wasm']);
});

for (const [file, budget] of Object.entries(budgets)) {
  test(`${file} is at most ${budget} bytes gzip -9`, () => {
    const wasm = fileURLToPath(new URL(file, siteURL));
    const gz = execFileSync('gzip', ['-9c', wasm], { maxBuffer: 1 << 26 });
    assert.ok(gz.length > 100000, `gzip gave only ${gz.length} bytes`);
    assert.ok(gz.length <= budget, `${file} is ${gz.length} bytes gzip, over the budget of ${budget}`);
  });
}
