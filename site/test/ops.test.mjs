// conv2d and pool2d against results worked out by hand.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../lenet.js';

const net = await load();
const t = (data, height, width, channels = 1) => ({ data: Float32Array.from(data), channels, height, width });
const k = (data, height, width, count = 1, channels = 1) => ({ data: Float32Array.from(data), count, channels, height, width });
const close = (got, want) => {
  assert.equal(got.length, want.length);
  for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-5, `[${i}] is ${got[i]}, want ${want[i]}`);
};

const x3 = t([1, 2, 3, 4, 5, 6, 7, 8, 9], 3, 3);
const asym = k([1, 2, 3, 4], 2, 2);

test('correlation and convolution differ for an asymmetric kernel', () => {
  // correlation: out(0,0) = 1·1 + 2·2 + 4·3 + 5·4 = 37, and so on.
  const corr = net.conv2d(x3, asym);
  assert.deepEqual([corr.channels, corr.height, corr.width], [1, 2, 2]);
  close(corr.data, [37, 47, 67, 77]);
  assert.deepEqual(net.conv2d(x3, asym, { mode: 'correlation' }).data, corr.data);
  // convolution flips the kernel to 4 3 / 2 1: out(0,0) = 1·4 + 2·3 + 4·2 + 5·1 = 23.
  const conv = net.conv2d(x3, asym, { mode: 'convolution' });
  close(conv.data, [23, 33, 53, 63]);
  // A symmetric kernel gives the same either way.
  const sym = k([1, 2, 1, 2, 4, 2, 1, 2, 1], 3, 3);
  assert.deepEqual(net.conv2d(x3, sym, { padding: 1 }).data, net.conv2d(x3, sym, { padding: 1, mode: 'convolution' }).data);
});

test('bias, several kernels and channels', () => {
  // Two channels; kernel 0 adds the channels' top-left 1×1, kernel 1 subtracts.
  const input = t([1, 2, 3, 4, /* channel 1 */ 10, 20, 30, 40], 2, 2, 2);
  const kernels = k([1, 1, /* kernel 1 */ 1, -1], 1, 1, 2, 2);
  const out = net.conv2d(input, kernels, { bias: [0.5, -1] });
  assert.deepEqual([out.channels, out.height, out.width], [2, 2, 2]);
  close(out.data, [11.5, 22.5, 33.5, 44.5, -10, -19, -28, -37]);
  // The kernels' channels default to the input's.
  const out2 = net.conv2d(input, { data: Float32Array.from([1, 1, 1, -1]), count: 2, height: 1, width: 1 });
  close(out2.data, [11, 22, 33, 44, -9, -18, -27, -36]);
});

test('padding and stride shapes', () => {
  const img = t(new Float32Array(32 * 32).fill(1), 32, 32);
  const k5 = k(new Float32Array(6 * 25).fill(1), 5, 5, 6);
  const shape = (r) => [r.channels, r.height, r.width];
  assert.deepEqual(shape(net.conv2d(img, k5)), [6, 28, 28]); // LeNet-5's C1
  assert.deepEqual(shape(net.conv2d(img, k5, { padding: 2 })), [6, 32, 32]);
  assert.deepEqual(shape(net.conv2d(img, k5, { padding: 'same' })), [6, 32, 32]);
  assert.deepEqual(shape(net.conv2d(img, k5, { padding: 'valid' })), [6, 28, 28]);
  assert.deepEqual(shape(net.conv2d(img, k(new Float32Array(16), 4, 4), { stride: 4 })), [1, 8, 8]);
  assert.deepEqual(shape(net.conv2d(img, k(new Float32Array(16), 4, 4), { padding: 1, stride: 2 })), [1, 16, 16]);
  // With padding the border sees zeros: a 3×3 box of ones over all-ones gives 4 in a corner, 9 inside.
  const box = net.conv2d(t(new Float32Array(16).fill(1), 4, 4), k(new Float32Array(9).fill(1), 3, 3), { padding: 'same' });
  close(box.data, [4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4]);
  // The identity kernel with padding 1 and stride 2 picks every other pixel.
  close(net.conv2d(x3, k([0, 0, 0, 0, 1, 0, 0, 0, 0], 3, 3), { padding: 1, stride: 2 }).data, [1, 3, 7, 9]);
});

test('a window that does not tile is a RangeError', () => {
  const img = t(new Float32Array(25), 5, 5);
  assert.throws(() => net.conv2d(img, k([1, 1, 1, 1], 2, 2), { stride: 2 }), (e) => e instanceof RangeError && /does not tile/.test(e.message) && /3\/2/.test(e.message));
  assert.throws(() => net.pool2d(img, { size: 2 }), (e) => e instanceof RangeError && /does not tile/.test(e.message));
  assert.throws(() => net.conv2d(img, k(new Float32Array(4), 2, 2), { padding: 'same' }), (e) => e instanceof RangeError && /odd/.test(e.message));
});

test('max and average pooling', () => {
  const grid = t([
    1, 3, 2, 0,
    4, 2, 1, 1,
    0, 0, 5, 6,
    -1, 2, 7, 8,
  ], 4, 4);
  const max = net.pool2d(grid); // 2×2, stride 2, max by default
  assert.deepEqual([max.channels, max.height, max.width], [1, 2, 2]);
  close(max.data, [4, 2, 2, 8]);
  close(net.pool2d(grid, { size: 2, stride: 2, mode: 'avg' }).data, [2.5, 1, 0.25, 6.5]);
  close(net.pool2d(grid, { mode: 'average' }).data, [2.5, 1, 0.25, 6.5]);
  const s1 = net.pool2d(grid, { size: 3, stride: 1, mode: 'max' });
  assert.deepEqual([s1.height, s1.width], [2, 2]);
  close(s1.data, [5, 6, 7, 8]);
  // LeNet-5's S2: 6×28×28 → 6×14×14, each channel on its own.
  const c1 = new Float32Array(6 * 28 * 28);
  for (let c = 0; c < 6; c++) c1[c * 784 + 27 * 28 + 27] = c + 1;
  const s2 = net.pool2d(t(c1, 28, 28, 6));
  assert.deepEqual([s2.channels, s2.height, s2.width], [6, 14, 14]);
  for (let c = 0; c < 6; c++) assert.equal(s2.data[c * 196 + 195], c + 1);
});

test('results are copies that later calls leave alone', () => {
  const a = net.conv2d(x3, asym);
  const keep = Array.from(a.data);
  net.conv2d(x3, asym, { mode: 'convolution' });
  net.pool2d(t(new Float32Array(64).fill(7), 8, 8));
  assert.deepEqual(Array.from(a.data), keep);
  a.data[0] = 1e6;
  close(net.conv2d(x3, asym).data, [37, 47, 67, 77]);
});

// Sums beyond float32's range (3.4·10³⁸) are refused, by conv2d and pool2d
// as by predict, rather than returned as Infinity.
test('float32 overflow is a RangeError', () => {
  const big = t([3e38, 3e38, 3e38, 3e38], 2, 2);
  assert.throws(() => net.conv2d(big, k([1, 1], 1, 2)), (e) => e instanceof RangeError && /^conv2d: .*overflow/.test(e.message));
  assert.throws(() => net.conv2d(t([1e30], 1, 1), k([1e30], 1, 1)), (e) => e instanceof RangeError && /overflow/.test(e.message));
  assert.throws(() => net.conv2d(t([1], 1, 1), k([3e38], 1, 1), { bias: [3e38] }), (e) => e instanceof RangeError && /overflow/.test(e.message));
  assert.throws(() => net.pool2d(big, { mode: 'avg' }), (e) => e instanceof RangeError && /^pool2d: .*overflow/.test(e.message));
  // the same values that stay in range are fine
  assert.deepEqual(Array.from(net.pool2d(big).data), [Math.fround(3e38)]);
  assert.deepEqual(Array.from(net.conv2d(t([1e19], 1, 1), k([1e19], 1, 1)).data), [Math.fround(1e38)]);
  // predict says the same, also where a later layer would hide the
  // overflow (ReLU turns −∞ into 0): values beyond a bound from the weights
  // (about 2·10²⁶ for the shipped ones) are refused.
  for (const v of [3e38, 1e38, -1e36, 1e30]) {
    const x = new Float32Array(1024).fill(v);
    assert.throws(() => net.predict({ data: x, width: 32, height: 32 }, { preprocess: false }),
      (e) => e instanceof RangeError && /^predict: .*overflow/.test(e.message), `${v}`);
  }
  assert.equal(net.predict({ data: new Float32Array(1024).fill(1e20), width: 32, height: 32 }, { preprocess: false }).probs.length, 10);
});
