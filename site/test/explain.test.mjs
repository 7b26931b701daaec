// Tests of predict's evidence maps (options.explain) in Node: the occlusion
// map against covering and re-running, the gradient against central
// differences, where the evidence lies, and the options' checks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from '../lenet.js';
import { mnist20, pad32 } from './lib/common.mjs';

const net = await load();
const digits = mnist20();
const opts = { preprocess: false, layers: false };
const run = (x) => net.predict({ data: x, width: 32, height: 32 }, opts);

test('an occlusion map is the mean drop of covering, pixel by pixel', () => {
  for (const d of digits.slice(0, 3)) {
    const x = pad32(d.pixels);
    const r = net.predict({ data: x, width: 32, height: 32 }, { ...opts, explain: 'occlusion' });
    const e = r.explanation;
    assert.equal(e.method, 'occlusion');
    assert.equal(e.target, r.label);
    assert.deepEqual(e.shape, [32, 32]);
    assert.ok(e.data instanceof Float32Array && e.data.length === 1024);
    const base = r.logits[r.label];
    // The patches (4×4, stride 1, inside rows and columns 2–29) that
    // cover the pixel, each covered in a copy and run again.
    const drop = (y0, x0) => {
      const c = x.slice();
      for (let y = y0; y < y0 + 4; y++) for (let xx = x0; xx < x0 + 4; xx++) c[y * 32 + xx] = 0;
      return base - run(c).logits[r.label];
    };
    let ink = 0;
    for (const [py, px] of [[16, 16], [10, 14], [22, 18], [5, 9], [0, 0], [29, 29]]) {
      let sum = 0, n = 0;
      for (let y0 = Math.max(2, py - 3); y0 <= Math.min(26, py); y0++) {
        for (let x0 = Math.max(2, px - 3); x0 <= Math.min(26, px); x0++) {
          sum += drop(y0, x0);
          n++;
        }
      }
      const want = n ? sum / n : 0;
      const got = e.data[py * 32 + px];
      assert.ok(Math.abs(got - want) <= 2e-4 * Math.max(1, Math.abs(base)), `digit ${d.label}, pixel (${py}, ${px}): ${got}, covering and re-running gives ${want}`);
      if (got !== 0) ink++;
    }
    assert.ok(ink >= 2, `digit ${d.label}: the map is 0 at the pixels on the digit`);
  }
});

test('a gradient map matches central differences', () => {
  const d = digits[2];
  const x = pad32(d.pixels);
  const r = net.predict({ data: x, width: 32, height: 32 }, { ...opts, explain: 'gradient', target: 3 });
  const g = r.explanation.data;
  assert.equal(r.explanation.target, 3);
  let big = 0;
  for (const v of g) big = Math.max(big, Math.abs(v));
  assert.ok(big > 0);
  // The network is piecewise linear: where x ± h fall on the same piece
  // (the one-sided differences agree; ties of max pooling over the
  // background are kinks), the central difference is the derivative, up to
  // float32 rounding. The pixels of the background (exactly 0) are left
  // out: their neighbours tie in max pooling, where the gradient is one of
  // several one-sided ones. The largest derivatives on the ink, and every
  // 20th pixel of the ink.
  const order = Array.from(g.keys()).filter((i) => x[i] > 0).sort((a, b) => Math.abs(g[b]) - Math.abs(g[a]));
  const tol = 0.01 * big, h = 1e-3, z = r.logits[3];
  let smooth = 0;
  for (const i of [...order.slice(0, 20), ...order.filter((_, k) => k % 20 === 0)]) {
    const up = x.slice(), down = x.slice();
    up[i] += h;
    down[i] -= h;
    const zu = run(up).logits[3], zd = run(down).logits[3];
    if (Math.abs((zu - z) / h - (z - zd) / h) > tol) continue; // a kink
    smooth++;
    const fd = (zu - zd) / (2 * h);
    assert.ok(Math.abs(fd - g[i]) <= tol, `pixel ${i}: gradient ${g[i]}, central difference ${fd}`);
  }
  assert.ok(smooth >= 10, `only ${smooth} pixels off the kinks`);
});

test('the evidence for the true class lies on the ink', () => {
  // Share of the map's positive mass on the ink (pixels ≥ 0.1, grown by
  // one pixel), against that mask's share of the input.
  for (const d of digits.slice(0, 10)) {
    const x = pad32(d.pixels);
    const r = net.predict({ data: x, width: 32, height: 32 }, { ...opts, explain: 'occlusion', target: d.label });
    const mask = new Uint8Array(1024);
    for (let y = 0; y < 32; y++) {
      for (let xx = 0; xx < 32; xx++) {
        if (x[y * 32 + xx] < 0.1) continue;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const yy = y + dy, xv = xx + dx;
          if (yy >= 0 && yy < 32 && xv >= 0 && xv < 32) mask[yy * 32 + xv] = 1;
        }
      }
    }
    let on = 0, all = 0, area = 0;
    r.explanation.data.forEach((v, i) => {
      area += mask[i];
      if (v > 0) {
        all += v;
        if (mask[i]) on += v;
      }
    });
    const share = on / all;
    assert.ok(share >= 0.7 && share >= 2 * area / 1024, `digit ${d.label}: ${share.toFixed(2)} of the evidence on ${(area / 1024).toFixed(2)} of the input`);
  }
});

test('explain options are checked, and an empty canvas has no map', () => {
  const x = pad32(digits[0].pixels);
  const img = { data: x, width: 32, height: 32 };
  assert.throws(() => net.predict(img, { ...opts, explain: 'saliency' }), TypeError);
  assert.throws(() => net.predict(img, { ...opts, explain: true }), TypeError);
  assert.throws(() => net.predict(img, { ...opts, target: 3 }), TypeError);
  assert.throws(() => net.predict(img, { ...opts, explain: 'gradient', target: 10 }), RangeError);
  assert.throws(() => net.predict(img, { ...opts, explain: 'gradient', target: 2.5 }), RangeError);
  assert.throws(() => net.predict(img, { ...opts, explain: 'gradient', target: '3' }), TypeError);
  assert.equal(net.predict(img, opts).explanation, undefined);
  const blank = net.predict({ data: new Uint8Array(28 * 28), width: 28, height: 28 }, { explain: 'gradient' });
  assert.equal(blank.empty, true);
  assert.equal(blank.explanation, null);
  // The network still answers after refused options.
  assert.equal(net.predict(img, opts).label, digits[0].label);
});
