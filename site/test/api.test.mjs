// Tests of lenet.js in Node: loading, predict's contract, the MNIST digits,
// the summary's figures, custom weights, and what happens after a panic or
// an exit inside Go.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { load, VERSION } from '../lenet.js';
import { mnist20, pad32, rgbaDarkOnLight, argmax, shippedWeights, withOutputBias, siteURL, repoURL } from './lib/common.mjs';

const net = await load();
const digits = mnist20();

test('version', () => {
  assert.equal(net.version, VERSION);
  assert.match(net.version, /^\d+\.\d+\.\d+$/);
  assert.equal(net.weights.custom, false);
  assert.equal(typeof net.weights.meta, 'string');
});

test('summary has every figure of the lecture', () => {
  const s = net.summary();
  assert.deepEqual(s.layers.map((l) => l.name), ['C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'Output']);
  assert.deepEqual(s.layers.map((l) => l.parameters), [156, 0, 2416, 0, 48120, 10164, 850]);
  assert.deepEqual(s.layers.map((l) => l.output), [[6, 28, 28], [6, 14, 14], [16, 10, 10], [16, 5, 5], [120, 1, 1], [84, 1, 1], [10, 1, 1]]);
  assert.deepEqual(s.layers[0].input, [1, 32, 32]);
  assert.equal(s.layers[0].formula, '(1·5·5+1)·6 = 156');
  assert.equal(s.layers[2].formula, '(6·5·5+1)·16 = 2,416');
  assert.equal(s.layers[4].formula, '(16·5·5+1)·120 = 48,120');
  assert.equal(s.layers[5].formula, '(120+1)·84 = 10,164');
  assert.equal(s.layers[6].formula, '(84+1)·10 = 850');
  assert.deepEqual(s.layers.map((l) => l.macs), [117600, 0, 240000, 0, 48000, 10080, 840]);
  assert.equal(s.layers[0].connections, 122304);
  assert.equal(s.layers[0].kind, 'convolution');
  assert.equal(s.layers[1].kind, 'max pooling');
  assert.match(s.layers[0].operation, /6 kernels 1×5×5, stride 1, no padding/);
  assert.equal(s.totals.parameters, 61706);
  assert.equal(s.totals.convolutionParameters, 50692);
  assert.equal(s.totals.fullyConnectedParameters, 11014);
  assert.equal(s.totals.macs, 416520);
  assert.equal(s.totals.weights + s.totals.biases, 61706);
  for (const figure of ['156', '2,416', '48,120', '10,164', '850', '61,706', '416,520', '122,304']) {
    assert.ok(s.text.includes(figure), `the summary text lacks ${figure}`);
  }
  // Each call returns a fresh copy.
  s.layers[0].parameters = -1;
  assert.equal(net.summary().layers[0].parameters, 156);
});

test('predict keeps the peer benchmark contract', () => {
  const x = new Float32Array(1024);
  for (let i = 0; i < x.length; i++) x[i] = ((i * 7919) % 1000) / 1000;
  const r = net.predict({ data: x, width: 32, height: 32 }, { preprocess: false, layers: false });
  assert.ok(r.probs instanceof Float32Array);
  assert.equal(r.probs.length, 10);
  assert.ok(r.logits instanceof Float32Array && r.logits.length === 10);
  assert.ok(r.input instanceof Float32Array && r.input.length === 1024);
  assert.deepEqual(Array.from(r.input), Array.from(x), 'without preprocessing the network sees the image as it is');
  assert.deepEqual(r.layers, []);
  assert.equal(r.empty, false);
  const sum = r.probs.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 1) < 1e-5, `probabilities sum to ${sum}`);
  assert.equal(r.label, argmax(r.probs));
  assert.equal(r.label, argmax(r.logits));
  // The same input gives the same output, bit for bit.
  const again = net.predict({ data: x, width: 32, height: 32 }, { preprocess: false, layers: false });
  assert.deepEqual(Array.from(again.probs), Array.from(r.probs));
});

test('layers: shapes, values and independent copies', () => {
  const d = digits[0];
  const r = net.predict({ data: pad32(d.pixels), width: 32, height: 32 }, { preprocess: false });
  const shapes = { C1: [6, 28, 28], S2: [6, 14, 14], C3: [16, 10, 10], S4: [16, 5, 5], C5: [120, 1, 1], F6: [84, 1, 1], Output: [10, 1, 1] };
  assert.deepEqual(r.layers.map((l) => l.name), Object.keys(shapes));
  for (const l of r.layers) {
    assert.deepEqual(l.shape, shapes[l.name]);
    assert.ok(l.data instanceof Float32Array);
    assert.equal(l.data.length, l.shape[0] * l.shape[1] * l.shape[2]);
  }
  const layer = Object.fromEntries(r.layers.map((l) => [l.name, l.data]));
  assert.deepEqual(Array.from(layer.Output), Array.from(r.logits));
  for (const n of ['C1', 'C3', 'C5', 'F6']) assert.ok(layer[n].every((v) => v >= 0), `${n} is after ReLU`);
  // S2 is C1's 2×2 maximum.
  for (const [c, y, x] of [[0, 0, 0], [3, 7, 9], [5, 13, 13]]) {
    const at = (yy, xx) => layer.C1[c * 784 + yy * 28 + xx];
    const m = Math.max(at(2 * y, 2 * x), at(2 * y, 2 * x + 1), at(2 * y + 1, 2 * x), at(2 * y + 1, 2 * x + 1));
    assert.equal(layer.S2[c * 196 + y * 14 + x], m);
  }
  // The arrays belong to the caller: another predict does not change them.
  const keep = Array.from(layer.C1);
  const keepProbs = Array.from(r.probs);
  net.predict({ data: pad32(digits[1].pixels), width: 32, height: 32 }, { preprocess: false });
  assert.deepEqual(Array.from(layer.C1), keep);
  assert.deepEqual(Array.from(r.probs), keepProbs);
  r.layers[0].shape[0] = 99;
  assert.deepEqual(net.predict({ data: pad32(d.pixels), width: 32, height: 32 }, { preprocess: false }).layers[0].shape, [6, 28, 28]);
});

test('20 MNIST test digits are predicted correctly', () => {
  const wrong = [];
  for (const d of digits) {
    const r = net.predict({ data: pad32(d.pixels), width: 32, height: 32 }, { preprocess: false, layers: false });
    if (r.label !== d.label) wrong.push(`test digit ${d.index}: ${d.label} read as ${r.label}`);
  }
  assert.deepEqual(wrong, [], `weights: ${net.weights.meta}`);
});

test('MNIST digits through the canvas preprocessing', () => {
  let right = 0;
  for (const d of digits) {
    // Grey bytes, white ink on black, as MNIST stores them.
    const grey = net.predict({ data: d.pixels, width: 28, height: 28 }, { layers: false });
    // The same digit as black ink on white RGBA, as a page's canvas holds it:
    // the preprocessing detects the polarity, so the network sees the same.
    const rgba = net.predict({ data: rgbaDarkOnLight(d.pixels), width: 28, height: 28 }, { layers: false });
    assert.equal(grey.empty, false);
    assert.equal(rgba.label, grey.label, `digit ${d.index}: RGBA dark-on-light and grey light-on-dark disagree`);
    for (let i = 0; i < 1024; i++) assert.ok(Math.abs(rgba.input[i] - grey.input[i]) < 0.02, `digit ${d.index}: inputs differ at ${i}`);
    if (grey.label === d.label) right++;
  }
  assert.ok(right >= 18, `only ${right} of 20 digits right after preprocessing (weights: ${net.weights.meta})`);
});

test('an empty canvas gives empty: true, label -1 and zeros', () => {
  const white = new Uint8ClampedArray(4 * 100 * 80).fill(255);
  for (const image of [
    { data: white, width: 100, height: 80 },
    { data: new Uint8Array(100 * 80), width: 100, height: 80 },
    { data: new Float32Array(64 * 64), width: 64, height: 64 },
    { data: new Uint8ClampedArray(4 * 50 * 50), width: 50, height: 50 }, // transparent
  ]) {
    const r = net.predict(image);
    assert.equal(r.empty, true);
    assert.equal(r.label, -1);
    assert.ok(r.probs instanceof Float32Array && r.probs.length === 10);
    assert.ok(r.probs.every((v) => v === 0));
    assert.ok(r.logits.every((v) => v === 0));
    assert.ok(r.input.every((v) => v === 0));
    assert.equal(r.layers.length, 7);
    for (const l of r.layers) assert.ok(l.data.every((v) => v === 0));
  }
  // The next drawing is read normally.
  const d = digits[2];
  assert.equal(net.predict({ data: d.pixels, width: 28, height: 28 }).empty, false);
});

test('custom weights', async () => {
  const file = withOutputBias(shippedWeights(), 3);
  const custom = await load({ weights: file });
  assert.equal(custom.weights.custom, true);
  for (const d of digits.slice(0, 5)) {
    assert.equal(custom.predict({ data: d.pixels, width: 28, height: 28 }).label, 3);
  }
  // ArrayBuffer works too; the first instance is unaffected.
  const again = await load({ weights: file.buffer.slice(0) });
  assert.equal(again.predict({ data: digits[0].pixels, width: 28, height: 28 }).label, 3);
  assert.notEqual(net.predict({ data: pad32(digits[0].pixels), width: 32, height: 32 }, { preprocess: false }).probs[3], 1);

  const corrupt = file.slice();
  corrupt[1000] ^= 0x40;
  await assert.rejects(load({ weights: corrupt }), (e) => e instanceof RangeError && /checksum/.test(e.message));
  await assert.rejects(load({ weights: file.subarray(0, 500) }), (e) => e instanceof RangeError && /truncated/.test(e.message));
  await assert.rejects(load({ weights: new Uint8Array(10) }), RangeError);
  await assert.rejects(load({ weights: 'lenet5.weights' }), TypeError);
  await assert.rejects(load({ weights: [1, 2, 3] }), TypeError);
});

test('custom weights in version 1 (float32), as training writes them', async () => {
  const v1 = new Uint8Array(readFileSync(new URL('cnn/lenet/testdata/peers.weights', repoURL)));
  assert.equal(new DataView(v1.buffer).getUint32(8, true), 1);
  assert.equal(new DataView(shippedWeights().buffer).getUint32(8, true), 2, 'the shipped file is version 2, half floats');
  const custom = await load({ weights: withOutputBias(v1, 7) });
  assert.equal(custom.weights.custom, true);
  for (const d of digits.slice(0, 5)) {
    assert.equal(custom.predict({ data: d.pixels, width: 28, height: 28 }).label, 7);
  }
});

test('load options', async () => {
  const wasmPath = fileURLToPath(new URL('lenet.wasm', siteURL));
  const bytes = readFileSync(wasmPath);
  const module = await WebAssembly.compile(bytes);
  for (const wasm of [wasmPath, new URL('lenet.wasm', siteURL), new URL('lenet.wasm', siteURL).href, bytes, module]) {
    const n = await load({ wasm });
    assert.equal(n.predict({ data: digits[0].pixels, width: 28, height: 28 }).label,
      net.predict({ data: digits[0].pixels, width: 28, height: 28 }).label);
  }
  await assert.rejects(load(null), TypeError);
  await assert.rejects(load(42), TypeError);
  await assert.rejects(load({ wasn: 'typo' }), (e) => e instanceof TypeError && /unknown option "wasn"/.test(e.message));
  await assert.rejects(load({ wasm: 42 }), TypeError);
  await assert.rejects(load({ wasm: '/no/such/lenet.wasm' }), /cannot read/);
  await assert.rejects(load({ wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }), /lenet_layout|no /);
});

test('a Go panic becomes an Error and the instance lives on', async () => {
  const n = await load();
  const before = n.predict({ data: digits[4].pixels, width: 28, height: 28 });
  for (let i = 0; i < 3; i++) {
    assert.throws(() => n[Symbol.for('lenet.test.panic')](), (e) => e.constructor === Error && /internal error.*still usable.*index out of range/.test(e.message));
  }
  const after = n.predict({ data: digits[4].pixels, width: 28, height: 28 });
  assert.deepEqual(Array.from(after.probs), Array.from(before.probs));
});

test('after the Go program exits every call throws a clear Error', async () => {
  const n = await load();
  // The hook ends the program with a panic the boundary does not catch, as
  // a fault in Go's runtime would; Go prints it (wasm_exec.js uses
  // console.log) and exits with code 2.
  const printed = [];
  const log = console.log;
  console.log = (...a) => printed.push(a.join(' '));
  try {
    assert.throws(() => n[Symbol.for('lenet.test.exit')](), /stopped \(exit code 2\).*load\(\) again/);
  } finally {
    console.log = log;
  }
  assert.match(printed.join('\n'), /panic: lenet\.wasm: stopped on purpose/);
  const calls = [
    () => n.predict({ data: digits[0].pixels, width: 28, height: 28 }),
    () => n.summary(),
    () => n.conv2d({ data: new Float32Array(9), height: 3, width: 3 }, { data: new Float32Array(1), height: 1, width: 1 }),
    () => n.pool2d({ data: new Float32Array(16), height: 4, width: 4 }),
  ];
  for (const call of calls) assert.throws(call, (e) => e.constructor === Error && /stopped.*load\(\) again/.test(e.message));
  // Other instances are not affected.
  assert.equal(net.predict({ data: digits[0].pixels, width: 28, height: 28 }).empty, false);
});

test('loading over HTTP: streaming, the fallback for a wrong MIME type, and a missing file', async () => {
  const http = await import('node:http');
  const bytes = readFileSync(fileURLToPath(new URL('lenet.wasm', siteURL)));
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    if (req.url === '/missing.wasm') {
      res.writeHead(404).end('not here');
      return;
    }
    res.writeHead(200, { 'Content-Type': req.url === '/plain.wasm' ? 'application/octet-stream' : 'application/wasm' }).end(bytes);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const label = net.predict({ data: digits[3].pixels, width: 28, height: 28 }).label;
    for (const name of ['/lenet.wasm', '/plain.wasm']) {
      const n = await load({ wasm: base + name });
      assert.equal(n.predict({ data: digits[3].pixels, width: 28, height: 28 }).label, label);
    }
    // the wrong MIME type made streaming fail, so that file was fetched twice
    assert.equal(seen.filter((u) => u === '/plain.wasm').length, 2);
    assert.equal(seen.filter((u) => u === '/lenet.wasm').length, 1);
    await assert.rejects(load({ wasm: base + '/missing.wasm' }), /HTTP 404/);
    // a second load of the same URL reuses the compiled module
    await load({ wasm: base + '/lenet.wasm' });
    assert.equal(seen.filter((u) => u === '/lenet.wasm').length, 1);
  } finally {
    server.close();
  }
});
