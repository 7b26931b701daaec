// Calls made from inside another call: a getter, a Proxy or a valueOf that
// a page hands to the API may call the API again. Every argument is read
// once, into plain values, before the shared exchange buffer is touched, so
// the nested call and the outer one both give the right answer. Wrappers the
// API cannot read without running page code (a Proxy around a typed array)
// and buffers that are gone (detached) get a lenet message.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../lenet.js';
import { mnist20, pad32, shippedWeights } from './lib/common.mjs';

const net = await load();
const digits = mnist20();
const x3 = () => ({ data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), channels: 1, height: 3, width: 3 });
const k2 = () => ({ data: Float32Array.from([1, 2, 3, 4]), height: 2, width: 2 });
const want = [37.5, 47.5, 67.5, 77.5];

// A large canvas: predicting it makes the exchange buffer (and so the
// WebAssembly memory) grow, which detaches every view on the old memory.
const bigCanvas = () => {
  const side = 2000;
  const d = new Uint8ClampedArray(4 * side * side).fill(255);
  for (let y = 400; y < 1600; y++) for (let x = 950; x < 1050; x++) d.fill(0, 4 * (y * side + x), 4 * (y * side + x) + 3);
  return { data: d, width: side, height: side };
};

test('conv2d inside a bias getter: both calls right', () => {
  let inner;
  const bias = [0];
  Object.defineProperty(bias, 0, {
    get() {
      inner = net.conv2d({ data: new Float32Array(10000).fill(100), height: 100, width: 100 }, { data: new Float32Array([4]), height: 1, width: 1 });
      return 0.5;
    },
  });
  const out = net.conv2d(x3(), k2(), { bias });
  assert.deepEqual(Array.from(out.data), want);
  assert.equal(inner.data.length, 10000);
  assert.ok(inner.data.every((v) => v === 400));
});

test('a large predict inside a bias getter: the outer conv2d is still right', () => {
  const mem0 = net[Symbol.for('lenet.test.memory')]();
  let label;
  const bias = new Proxy([0.5], {
    get(t, k, r) {
      if (k === '0') label = net.predict(bigCanvas(), { layers: false }).label;
      return Reflect.get(t, k, r);
    },
  });
  const out = net.conv2d(x3(), k2(), { bias });
  assert.deepEqual(Array.from(out.data), want);
  assert.equal(label, 1);
  assert.ok(net[Symbol.for('lenet.test.memory')]() > mem0, 'the nested predict did not grow the memory, so this test tests nothing');
});

test('getters on every argument that call the API again', () => {
  const calls = [];
  const nested = (what) => {
    calls.push(what);
    net.pool2d({ data: new Float32Array(64 * 64).fill(3), height: 64, width: 64 });
    return net.predict({ data: digits[calls.length % 20].pixels, width: 28, height: 28 }).label;
  };
  const input = {
    get data() { nested('input.data'); return Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]); },
    get channels() { nested('input.channels'); return 1; },
    get height() { nested('input.height'); return 3; },
    get width() { nested('input.width'); return 3; },
  };
  const kernels = {
    get data() { nested('kernels.data'); return Float32Array.from([1, 2, 3, 4]); },
    get count() { nested('kernels.count'); return 1; },
    get height() { nested('kernels.height'); return 2; },
    get width() { nested('kernels.width'); return 2; },
  };
  const options = {
    get padding() { nested('padding'); return 0; },
    get stride() { nested('stride'); return 1; },
    get mode() { nested('mode'); return 'correlation'; },
    get bias() { nested('bias'); return [0.5]; },
  };
  assert.deepEqual(Array.from(net.conv2d(input, kernels, options).data), want);
  // Each property was read exactly once.
  assert.deepEqual(calls.sort(), ['bias', 'input.channels', 'input.data', 'input.height', 'input.width',
    'kernels.count', 'kernels.data', 'kernels.height', 'kernels.width', 'mode', 'padding', 'stride']);

  // pool2d and predict too.
  const pooled = net.pool2d({ get data() { nested('p'); return Float32Array.from([1, 5, 2, 0]); }, get height() { nested('p'); return 2; }, width: 2 },
    { get size() { nested('p'); return 2; }, get mode() { net.conv2d(x3(), k2()); return 'max'; } });
  assert.deepEqual(Array.from(pooled.data), [5]);
  const expected = net.predict({ data: pad32(digits[3].pixels), width: 32, height: 32 }, { preprocess: false });
  const r = net.predict(
    { get data() { nested('i'); return pad32(digits[3].pixels); }, get width() { net.predict(bigCanvas()); return 32; }, get height() { nested('i'); return 32; } },
    { get preprocess() { nested('o'); return false; }, get layers() { nested('o'); return true; } });
  assert.deepEqual(Array.from(r.probs), Array.from(expected.probs));
  assert.deepEqual(Array.from(r.layers[2].data), Array.from(expected.layers[2].data));
});

test('image.data is read once', () => {
  let reads = 0;
  const good = digits[5].pixels;
  const image = {
    get data() {
      reads++;
      // a page whose getter answers differently each time
      return reads === 1 ? good : new Uint8Array(3);
    },
    width: 28,
    height: 28,
  };
  const r = net.predict(image);
  assert.equal(reads, 1);
  assert.equal(r.label, digits[5].label);
});

test('a Proxy around a typed array gets a lenet message', () => {
  const px = (a) => new Proxy(a, {});
  const cases = [
    () => net.predict({ data: px(new Uint8Array(28 * 28)), width: 28, height: 28 }),
    () => net.predict({ data: px(new Float32Array(1024)), width: 32, height: 32 }, { preprocess: false }),
    () => net.conv2d({ ...x3(), data: px(new Float32Array(9)) }, k2()),
    () => net.conv2d(x3(), { ...k2(), data: px(new Float32Array(4)) }),
    () => net.conv2d(x3(), k2(), { bias: px(new Float32Array(1)) }),
    () => net.pool2d({ data: px(new Float32Array(16)), height: 4, width: 4 }),
  ];
  for (const call of cases) {
    assert.throws(call, (e) => e instanceof TypeError && /^(predict|conv2d|pool2d): /.test(e.message) && /Proxy/.test(e.message),
      `${call}`);
  }
  // A Proxy around an Array of bias values is read like an Array.
  assert.deepEqual(Array.from(net.conv2d(x3(), k2(), { bias: px([0.5]) }).data), want);
});

test('a buffer detached while the arguments are read', () => {
  const data = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const input = { data, channels: 1, get height() { structuredClone(data.buffer, { transfer: [data.buffer] }); return 3; }, width: 3 };
  assert.throws(() => net.conv2d(input, k2()), (e) => e instanceof TypeError && /^conv2d: input\.data.*detached/.test(e.message));
  const pix = new Uint8Array(28 * 28);
  structuredClone(pix.buffer, { transfer: [pix.buffer] });
  assert.throws(() => net.predict({ data: pix, width: 28, height: 28 }), (e) => e instanceof TypeError && /^predict: image\.data.*detached/.test(e.message));
});

test('load with a detached weights buffer gets a lenet message', async () => {
  const file = shippedWeights();
  structuredClone(file.buffer, { transfer: [file.buffer] });
  await assert.rejects(load({ weights: file }), (e) => e instanceof TypeError && /^load: options\.weights.*detached/.test(e.message));
  await assert.rejects(load({ weights: file.buffer }), (e) => e instanceof TypeError && /^load: options\.weights.*detached/.test(e.message));
  const wasm = new Uint8Array(16);
  structuredClone(wasm.buffer, { transfer: [wasm.buffer] });
  await assert.rejects(load({ wasm }), (e) => e instanceof TypeError && /^load: options\.wasm.*detached/.test(e.message));
  // The weights are copied when load is called: changing them while it
  // loads changes nothing.
  const good = shippedWeights();
  const p = load({ weights: good });
  good.fill(0);
  const n = await p;
  assert.equal(n.weights.custom, true);
  assert.equal(n.predict({ data: digits[0].pixels, width: 28, height: 28 }).label, digits[0].label);
});

test('page code inside the built-in methods: the nested call throws, the outer one is intact', () => {
  const slice = Float32Array.prototype.slice;
  const errors = [];
  let depth = 0;
  Float32Array.prototype.slice = function (...a) {
    if (depth++ === 0) {
      try {
        net.conv2d({ data: new Float32Array(9).fill(1e3), height: 3, width: 3 }, k2());
      } catch (e) {
        errors.push(e);
      }
    }
    depth--;
    return slice.apply(this, a);
  };
  let out;
  try {
    out = net.conv2d(x3(), k2(), { bias: [0.5] });
  } finally {
    Float32Array.prototype.slice = slice;
  }
  assert.deepEqual(Array.from(out.data), want);
  assert.ok(errors.length > 0, 'the replaced slice was not called');
  for (const e of errors) {
    assert.ok(e.constructor === Error && /^lenet: conv2d was called while conv2d was using the exchange buffer/.test(e.message), e.message);
  }
  // and the network works as before
  assert.deepEqual(Array.from(net.conv2d(x3(), k2(), { bias: [0.5] }).data), want);
});
