// The size budget of lenet.wasm: at most 786,432 bytes (768 KiB) after gzip -9, the
// weights inside. What keeps it there: no fmt, os, io/fs, time or syscall in
// the program (cnn/msg formats its messages; the weights are compiled
// in from cnn/lenet/shipped.go, not embedded), and half-float weights.
// `GOOS=js GOARCH=wasm go list -deps ./wasm/api` shows what is linked.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { siteURL } from './lib/common.mjs';

const budget = 786432;

test(`lenet.wasm is at most ${budget} bytes gzip -9`, () => {
  const wasm = fileURLToPath(new URL('lenet.wasm', siteURL));
  const gz = execFileSync('gzip', ['-9c', wasm], { maxBuffer: 1 << 26 });
  assert.ok(gz.length > 100000, `gzip gave only ${gz.length} bytes`);
  assert.ok(gz.length <= budget, `lenet.wasm is ${gz.length} bytes gzip, over the budget of ${budget}`);
});
