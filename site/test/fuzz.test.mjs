// A fuzz of malformed calls: every function of the API gets thousands of
// calls that are each wrong in one way (a value of the wrong kind, size or
// content). Each must throw a TypeError or a RangeError — never return,
// never throw anything else, never end the Go program — and the network must
// answer as before afterwards.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../lenet.js';
import { mnist20, shippedWeights } from './lib/common.mjs';

// mulberry32: a small deterministic generator, so a failure can be replayed.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (xs) => xs[Math.floor(next() * xs.length)] };
}

const SEED = Number(process.env.LENET_FUZZ_SEED ?? 20261127);
const R = rng(SEED);
const junk = () => [undefined, null, 0, 1, -1, NaN, 'x', '', true, [], [1, 2], {}, () => 1, Symbol('s'), 10n, new Map()];
const notInt = [0.5, 1.5, NaN, Infinity, -Infinity, -1, 2 ** 31, 1e300, '3', null, true, {}, [3], 3n];
const nonFinite = [NaN, Infinity, -Infinity];

// ---------------------------------------------------------------- predict

function basePredict() {
  switch (R.int(4)) {
    case 0: {
      const data = new Float32Array(1024);
      for (let i = 0; i < 1024; i++) data[i] = R.next();
      return { image: { data, width: 32, height: 32 }, options: { preprocess: false, layers: R.next() < 0.5 } };
    }
    case 1: {
      const w = 1 + R.int(60), h = 1 + R.int(60);
      return { image: { data: new Uint8Array(w * h).map(() => R.int(256)), width: w, height: h }, options: {} };
    }
    case 2: {
      const w = 1 + R.int(40), h = 1 + R.int(40);
      return { image: { data: new Uint8ClampedArray(4 * w * h).map(() => R.int(256)), width: w, height: h }, options: undefined };
    }
    default: {
      const w = 1 + R.int(50), h = 1 + R.int(50);
      return { image: { data: new Float32Array(w * h).map(() => R.next()), width: w, height: h }, options: { preprocess: true } };
    }
  }
}

const predictBreakers = [
  (c) => { c.image = R.pick(junk()); },
  (c) => { c.image = { ...c.image, data: R.pick([undefined, null, [0, 1], new Float64Array(c.image.data.length), new Int8Array(c.image.data.length), new Uint16Array(c.image.data.length), 'pixels', new ArrayBuffer(c.image.data.length), new DataView(new ArrayBuffer(8))]) }; },
  (c) => { c.image = { ...c.image, width: R.pick(notInt) }; },
  (c) => { c.image = { ...c.image, height: R.pick(notInt) }; },
  (c) => {
    // a width that fits the data neither as grey nor as RGBA
    const { data, height } = c.image;
    let w = c.image.width + 1 + R.int(3);
    while (w * height === data.length || 4 * w * height === data.length) w++;
    c.image = { ...c.image, width: w };
  },
  (c) => {
    const d = c.image.data;
    const n = R.next() < 0.5 ? d.length - 1 - R.int(Math.min(3, d.length)) : d.length + 1 + R.int(5);
    const e = new d.constructor(Math.max(n, 0));
    e.set(d.subarray(0, Math.min(n, d.length)));
    c.image = { ...c.image, data: e };
  },
  (c) => { c.options = R.pick([null, 5, 'fast', [], true, { preprocess: 'yes' }, { layers: 1 }, { preprocess: null }, { layers: {} }, { prepocess: false }, { foo: 1 }]); },
  (c) => {
    const d = new Float32Array(1024);
    d[R.int(1024)] = R.pick(nonFinite);
    c.image = { data: d, width: 32, height: 32 };
    c.options = { preprocess: R.next() < 0.5, layers: R.next() < 0.5 };
  },
  (c) => {
    const w = 2 + R.int(40), h = 2 + R.int(40);
    const d = new Float32Array(w * h).map(() => R.next());
    d[R.int(d.length)] = R.pick([1.5, -0.25, 2, 1e6, -1e-3]);
    c.image = { data: d, width: w, height: h };
    c.options = { preprocess: true };
  },
  (c) => {
    let w = 1 + R.int(60), h = 1 + R.int(60);
    if (w === 32 && h === 32) w = 33;
    c.image = { data: new Uint8Array(w * h), width: w, height: h };
    c.options = { preprocess: false };
  },
  (c) => {
    const w = 8193 + R.int(50000);
    c.image = { data: new Uint8Array(w), width: w, height: 1 };
  },
];

// ---------------------------------------------------------------- conv2d

function baseConv() {
  const C = 1 + R.int(3), H = 3 + R.int(6), W = 3 + R.int(6);
  const n = 1 + R.int(3), kh = 1 + R.int(3), kw = 1 + R.int(3);
  const input = { data: new Float32Array(C * H * W).map(() => R.next() - 0.5), channels: C, height: H, width: W };
  const kernels = { data: new Float32Array(n * C * kh * kw).map(() => R.next() - 0.5), count: n, channels: C, height: kh, width: kw };
  const options = { padding: R.int(3), stride: 1, mode: R.pick(['correlation', 'convolution']) };
  if (R.next() < 0.5) options.bias = Array.from({ length: n }, () => R.next());
  return { input, kernels, options };
}

const withLen = (t, n) => ({ ...t, data: new Float32Array(n) });

const convBreakers = [
  (c) => { c.input = R.pick(junk()); },
  (c) => { c.kernels = R.pick(junk()); },
  (c) => { c.input = { ...c.input, data: R.pick([undefined, null, Array.from(c.input.data), new Float64Array(c.input.data.length), 'data']) }; },
  (c) => { c.kernels = { ...c.kernels, data: R.pick([undefined, Array.from(c.kernels.data), new Uint8Array(c.kernels.data.length)]) }; },
  (c) => { c.input = { ...c.input, [R.pick(['height', 'width', 'channels'])]: R.pick(notInt) }; },
  (c) => { c.kernels = { ...c.kernels, [R.pick(['height', 'width', 'channels', 'count'])]: R.pick(notInt) }; },
  (c) => { c.input = withLen(c.input, c.input.data.length + R.pick([-1, 1, 2])); },
  (c) => { c.kernels = withLen(c.kernels, c.kernels.data.length + R.pick([-1, 1, 5])); },
  (c) => {
    const k = c.kernels, ch = k.channels + 1 + R.int(2);
    c.kernels = { ...k, channels: ch, data: new Float32Array(k.count * ch * k.height * k.width) };
  },
  (c) => { c.input.data[R.int(c.input.data.length)] = R.pick(nonFinite); },
  (c) => { c.kernels.data[R.int(c.kernels.data.length)] = R.pick(nonFinite); },
  (c) => { c.options = R.pick([null, 'same', 5, [], true, { foo: 1 }, { strides: 2 }, { pad: 1 }]); },
  (c) => { c.options.padding = R.pick([-1, -5, 0.5, NaN, Infinity, 'full', 'SAME', '', null, true, {}, [1], 2 ** 31, 20000]); },
  (c) => { c.options.stride = R.pick([0, -1, 1.5, NaN, '1', null, true, Infinity, 2 ** 40]); },
  (c) => {
    // a 1-row kernel with a stride that leaves 1 … s−1 rows over
    const s = 2 + R.int(3), H = s * (1 + R.int(3)) + 2 + R.int(s - 1), C = c.input.channels, W = c.input.width;
    c.input = { data: new Float32Array(C * H * W), channels: C, height: H, width: W };
    c.kernels = { data: new Float32Array(c.kernels.count * C), count: c.kernels.count, channels: C, height: 1, width: 1 };
    c.options.padding = 0;
    c.options.stride = s;
  },
  (c) => { c.options.mode = R.pick(['conv', 'Correlation', '', 0, 1, null, true, {}]); },
  (c) => { c.options.bias = R.pick(['1', 1, {}, new Uint8Array(c.kernels.count), Array(c.kernels.count + 1).fill(0), []]); },
  (c) => {
    const b = Array(c.kernels.count).fill(0);
    b[R.int(b.length)] = R.pick([NaN, Infinity, '1', null, undefined, {}]);
    c.options.bias = b;
  },
  (c) => {
    const p = c.options.padding, kh = c.input.height + 2 * p + 1 + R.int(3);
    c.kernels = { ...c.kernels, height: kh, data: new Float32Array(c.kernels.count * c.kernels.channels * kh * c.kernels.width) };
  },
  (c) => {
    const k = c.kernels, kh = 2 * (1 + R.int(2));
    c.kernels = { ...k, height: kh, width: kh, data: new Float32Array(k.count * k.channels * kh * kh) };
    c.options.padding = 'same';
  },
  (c) => { c.options.padding = 5000 + R.int(10000); c.options.stride = 1; },
];

// ---------------------------------------------------------------- pool2d

function basePool() {
  const C = 1 + R.int(3), size = 1 + R.int(3), stride = 1 + R.int(3);
  const oh = 1 + R.int(5), ow = 1 + R.int(5);
  const H = (oh - 1) * stride + size, W = (ow - 1) * stride + size;
  return {
    input: { data: new Float32Array(C * H * W).map(() => R.next()), channels: C, height: H, width: W },
    options: { size, stride, mode: R.pick(['max', 'avg', 'average']) },
  };
}

const poolBreakers = [
  (c) => { c.input = R.pick(junk()); },
  (c) => { c.input = { ...c.input, data: R.pick([undefined, null, Array.from(c.input.data), new Float64Array(c.input.data.length)]) }; },
  (c) => { c.input = { ...c.input, [R.pick(['height', 'width', 'channels'])]: R.pick(notInt) }; },
  (c) => { c.input = withLen(c.input, c.input.data.length + R.pick([-1, 1, 3])); },
  (c) => { c.input.data[R.int(c.input.data.length)] = R.pick(nonFinite); },
  (c) => { c.options = R.pick([null, 2, 'max', [], true, { window: 2 }, { kernel: 2 }]); },
  (c) => { c.options.size = R.pick([0, -2, 1.5, NaN, '2', null, true, Infinity]); },
  (c) => { c.options.stride = R.pick([0, -1, 2.5, NaN, '2', null, false]); },
  (c) => { c.options.mode = R.pick(['min', 'MAX', 'mean', '', 0, 1, null, {}]); },
  (c) => {
    const { height: H, width: W } = c.input;
    c.options.size = Math.max(H, W) + 1 + R.int(3);
  },
  (c) => {
    // a window and stride that leave 1 … s−1 rows over
    const z = 1 + R.int(3), s = 2 + R.int(3), H = z + s * R.int(4) + 1 + R.int(s - 1), C = c.input.channels, W = c.input.width;
    c.input = { data: new Float32Array(C * H * W), channels: C, height: H, width: W };
    c.options.size = z;
    c.options.stride = s;
  },
];

// ---------------------------------------------------------------- load

function loadCase(file) {
  switch (R.int(5)) {
    case 0: return R.pick([null, 5, 'lenet.wasm', true, [], () => 1]);
    case 1: return { [R.pick(['wasmURL', 'weight', 'url', 'model', ''])]: 1 };
    case 2: return { wasm: R.pick([0, true, {}, [], null, '', Symbol('w')]) };
    case 3: return { weights: R.pick([0, 'weights', [1, 2], {}, true, null]) };
    default: {
      const b = file.slice();
      const how = R.int(3);
      if (how === 0) b[R.int(b.length)] ^= 1 << R.int(8);
      return { weights: how === 1 ? b.subarray(0, R.int(b.length)) : how === 2 ? new Uint8Array(R.int(300)) : b };
    }
  }
}

// ---------------------------------------------------------------- the run

test(`malformed calls all throw TypeError or RangeError (seed ${SEED})`, async () => {
  const net = await load();
  const digit = mnist20()[0];
  const before = net.predict({ data: digit.pixels, width: 28, height: 28 });
  const counts = {};
  const bad = [];
  const expectThrow = (fn, what, call) => {
    counts[fn] = (counts[fn] ?? 0) + 1;
    try {
      call();
    } catch (e) {
      if (!(e instanceof TypeError || e instanceof RangeError)) bad.push(`${fn} ${what}: threw ${e?.constructor?.name}: ${e?.message}`);
      else if (!e.message || e.message.length < 15) bad.push(`${fn} ${what}: message too short: ${e.message}`);
      return;
    }
    bad.push(`${fn} ${what}: returned normally`);
  };
  for (let i = 0; i < 4000; i++) {
    const c = basePredict();
    const b = R.int(predictBreakers.length);
    predictBreakers[b](c);
    expectThrow('predict', `breaker ${b} #${i}`, () => net.predict(c.image, c.options));
  }
  for (let i = 0; i < 4000; i++) {
    const c = baseConv();
    if (i % 200 === 0) net.conv2d(c.input, c.kernels, c.options); // the unbroken call works
    const b = R.int(convBreakers.length);
    convBreakers[b](c);
    expectThrow('conv2d', `breaker ${b} #${i}`, () => net.conv2d(c.input, c.kernels, c.options));
  }
  for (let i = 0; i < 2500; i++) {
    const c = basePool();
    if (i % 200 === 0) net.pool2d(c.input, c.options);
    const b = R.int(poolBreakers.length);
    poolBreakers[b](c);
    expectThrow('pool2d', `breaker ${b} #${i}`, () => net.pool2d(c.input, c.options));
  }
  const file = shippedWeights();
  for (let i = 0; i < 150; i++) {
    const o = loadCase(file);
    counts.load = (counts.load ?? 0) + 1;
    try {
      await load(o);
      bad.push(`load #${i}: resolved`);
    } catch (e) {
      if (!(e instanceof TypeError || e instanceof RangeError)) bad.push(`load #${i}: ${e?.constructor?.name}: ${e?.message}`);
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`fuzz: ${total} malformed calls ${JSON.stringify(counts)}, ${bad.length} misbehaved`);
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} of ${total} calls misbehaved`);
  assert.ok(total >= 10000);
  const after = net.predict({ data: digit.pixels, width: 28, height: 28 });
  assert.deepEqual(Array.from(after.probs), Array.from(before.probs));
  assert.equal(net.summary().totals.parameters, 61706);
});
