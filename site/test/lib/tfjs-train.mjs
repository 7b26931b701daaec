// TensorFlow.js training the project's LeNet-5, for the training
// benchmarks (site/test/bench-train.mjs in Node, BenchmarkTraining in
// Chromium): the same layers, He initialisation, softmax cross-entropy and
// Adam as cnn/train, on the same digits (the digit pack's training set),
// one optimizer.minimize per batch. The caller passes its tf (Node's
// require, or the page's global one). No tests here.

export const LR = 0.002;

// decodePack reads the first max training digits of a digit pack
// (cnn/mnist/pack's format) as 32×32 floats and labels; inflateRaw
// inflates a DEFLATE stream (Node's zlib or the browser's
// DecompressionStream).
export async function decodePack(bytes, inflateRaw, max = 15000) {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== 'LENET5\x00D') throw new Error('not a digit pack');
  const n = dv.getUint32(24, true), m = dv.getUint32(28, true), ml = dv.getUint32(32, true), pl = dv.getUint32(36, true);
  const raw = await inflateRaw(bytes.subarray(40 + ml, 40 + ml + pl));
  const count = Math.min(n, max);
  const x = new Float32Array(count * 1024);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    y[i] = raw[i];
    for (let p = 0; p < 784; p++) {
      const byte = raw[n + m + i * 392 + (p >> 1)];
      const q = p & 1 ? byte >> 4 : byte & 15;
      x[i * 1024 + (Math.floor(p / 28) + 2) * 32 + (p % 28) + 2] = (17 * q) / 255;
    }
  }
  return { x, y, count };
}

// addFilterGradient registers Conv2DBackpropFilter, which tfjs-backend-wasm
// 4.22 lacks, for the wasm backend: its own Conv3DBackpropFilterV2 on
// inputs of depth 1. It checks the result against the sum written out on
// LeNet-5's C3 shapes and throws if they differ.
export function addFilterGradient(tf) {
  const c3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  const reshape = tf.getKernel('Reshape', 'wasm');
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter', backendName: 'wasm',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs;
      const { strides, pad, filterShape, dataFormat, dilations, dimRoundingMode } = attrs;
      if ((dataFormat && dataFormat !== 'NHWC') || dimRoundingMode || (dilations && [].concat(dilations).some((d) => d !== 1))) {
        throw new Error('this Conv2DBackpropFilter handles NHWC without dilation only');
      }
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      const x5 = reshape.kernelFunc({ inputs: { x }, backend, attrs: { shape: [x.shape[0], 1, ...x.shape.slice(1)] } });
      const dy5 = reshape.kernelFunc({ inputs: { x: dy }, backend, attrs: { shape: [dy.shape[0], 1, ...dy.shape.slice(1)] } });
      const f5 = c3d.kernelFunc({ inputs: { x: x5, dy: dy5 }, backend, attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] } });
      const out = reshape.kernelFunc({ inputs: { x: f5 }, backend, attrs: { shape: filterShape } });
      for (const t of [x5, dy5, f5]) backend.disposeData(t.dataId);
      return out;
    },
  });
  const x = tf.randomNormal([3, 14, 14, 6], 0, 1, 'float32', 7);
  const dy = tf.randomNormal([3, 10, 10, 16], 0, 1, 'float32', 8);
  const w = tf.randomNormal([5, 5, 6, 16], 0, 1, 'float32', 9);
  // The kernel's gradient through it, against the sum written out.
  const g = tf.grad((w) => tf.sum(tf.mul(tf.conv2d(x, w, 1, 'valid'), dy)))(w).dataSync();
  const xs = x.dataSync(), dys = dy.dataSync();
  let worst = 0;
  for (let ky = 0; ky < 5; ky++) for (let kx = 0; kx < 5; kx++) for (let c = 0; c < 6; c++) for (let n = 0; n < 16; n++) {
    let s = 0;
    for (let b = 0; b < 3; b++) for (let oy = 0; oy < 10; oy++) for (let ox = 0; ox < 10; ox++) {
      s += xs[((b * 14 + oy + ky) * 14 + ox + kx) * 6 + c] * dys[((b * 10 + oy) * 10 + ox) * 16 + n];
    }
    worst = Math.max(worst, Math.abs(s - g[((ky * 5 + kx) * 6 + c) * 16 + n]) / (1 + Math.abs(s)));
  }
  tf.dispose([x, dy, w]);
  if (!(worst < 1e-4)) throw new Error(`the supplied Conv2DBackpropFilter is off by ${worst}`);
}

// train trains LeNet-5 from He-initialised weights on data, batch digits a
// step, one warm-up step and then for at least seconds (and one step);
// it returns {images, wall, loss}.
export function train(tf, data, batch, seconds) {
  const he = (shape, fanIn) => tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn), 'float32', 1));
  const p = {
    c1w: he([5, 5, 1, 6], 25), c1b: tf.variable(tf.zeros([6])),
    c3w: he([5, 5, 6, 16], 150), c3b: tf.variable(tf.zeros([16])),
    c5w: he([5, 5, 16, 120], 400), c5b: tf.variable(tf.zeros([120])),
    f6w: he([120, 84], 120), f6b: tf.variable(tf.zeros([84])),
    ow: tf.variable(tf.randomNormal([84, 10], 0, Math.sqrt(1 / 84), 'float32', 2)), ob: tf.variable(tf.zeros([10])),
  };
  const net = (x) => {
    let h = tf.relu(tf.add(tf.conv2d(x, p.c1w, 1, 'valid'), p.c1b));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p.c3w, 1, 'valid'), p.c3b));
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, p.c5w, 1, 'valid'), p.c5b));
    h = tf.reshape(h, [-1, 120]);
    h = tf.relu(tf.add(tf.matMul(h, p.f6w), p.f6b));
    return tf.add(tf.matMul(h, p.ow), p.ob);
  };
  const opt = tf.train.adam(LR);
  let at = 0;
  let loss = NaN;
  const step = () => {
    if (at + batch > data.count) at = 0;
    const xs = tf.tensor4d(data.x.subarray(at * 1024, (at + batch) * 1024), [batch, 32, 32, 1]);
    const ys = tf.oneHot(tf.tensor1d(data.y.subarray(at, at + batch), 'int32'), 10);
    at += batch;
    const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(ys, net(xs)), true);
    loss = l.dataSync()[0];
    tf.dispose([xs, ys, l]);
  };
  step(); // warm-up (one step: the cpu backend takes seconds for one)
  let images = 0;
  const t0 = performance.now();
  do {
    step();
    images += batch;
  } while (performance.now() - t0 < seconds * 1000);
  const wall = (performance.now() - t0) / 1000;
  tf.dispose(Object.values(p));
  opt.dispose();
  return { images, wall, loss };
}
