// Thousands of predictions leave the WebAssembly memory and the JavaScript
// heap flat: nothing leaks on either side of the crossing.
// (site/test/bench-api.mjs does the same with 100,000.)
import test from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { load } from '../lenet.js';
import { mnist20, pad32, rgbaDarkOnLight } from './lib/common.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

// calls returns the mix of calls a page makes: the benchmark's raw 32×32
// floats with and without layers, a 280×280 RGBA canvas and grey bytes,
// both preprocessed, a blank canvas, and a call with a wrong size (errors
// must not leak either).
export function calls(net) {
  const digits = mnist20();
  const raw = pad32(digits[0].pixels);
  const big = new Uint8ClampedArray(4 * 280 * 280).fill(255);
  const d = rgbaDarkOnLight(digits[1].pixels);
  for (let y = 0; y < 280; y++) for (let x = 0; x < 280; x++) {
    const s = (Math.floor(y / 10) * 28 + Math.floor(x / 10)) * 4;
    big.set(d.subarray(s, s + 4), (y * 280 + x) * 4);
  }
  const blank = new Uint8ClampedArray(4 * 280 * 280).fill(255);
  const grey = digits[2].pixels;
  return [
    () => net.predict({ data: raw, width: 32, height: 32 }, { preprocess: false, layers: false }),
    () => net.predict({ data: raw, width: 32, height: 32 }, { preprocess: false, layers: true }),
    () => net.predict({ data: big, width: 280, height: 280 }),
    () => net.predict({ data: grey, width: 28, height: 28 }),
    () => net.predict({ data: blank, width: 280, height: 280 }),
    () => { try { net.predict({ data: raw, width: 31, height: 33 }); } catch { /* expected */ } },
  ];
}

test('predictions leave the memory flat', () => {
  return (async () => {
    const net = await load();
    const mem = () => net[Symbol.for('lenet.test.memory')]();
    const fns = calls(net);
    const run = (n) => {
      for (let i = 0; i < n; i++) fns[i % fns.length]();
    };
    run(300); // warm-up: buffers grow to their working size
    gc();
    const heap0 = process.memoryUsage().heapUsed, mem0 = mem();
    run(3500);
    gc();
    const heap1 = process.memoryUsage().heapUsed, mem1 = mem();
    console.log(`memory after 3,500 calls: wasm ${mem0} → ${mem1} bytes, JS heap ${heap0} → ${heap1} bytes`);
    assert.ok(mem1 - mem0 < 1 << 20, `the WebAssembly memory grew by ${mem1 - mem0} bytes`);
    assert.ok(heap1 - heap0 < 1 << 20, `the JavaScript heap grew by ${heap1 - heap0} bytes`);
  })();
});

// A call refused for its size grows nothing: neither the exchange buffer
// nor the WebAssembly memory. The sizes are checked before anything is
// copied, and the exchange buffer never grows past its cap.
test('refused calls grow nothing; the exchange buffer stays under its cap', async () => {
  const net = await load();
  const mem = () => net[Symbol.for('lenet.test.memory')]();
  const scratch = () => net[Symbol.for('lenet.test.scratch')]();
  const cap = 1 << 26; // apicore.MaxScratchBytes
  const refused = [
    ['a 4096×2560 pool2d', () => net.pool2d({ data: new Float32Array(4096 * 2560), height: 2560, width: 4096 })],
    ['a 7900² grey predict', () => net.predict({ data: new Uint8Array(7900 * 7900), width: 7900, height: 7900 })],
    ['a 4096² pool2d', () => net.pool2d({ data: new Float32Array(4096 * 4096), height: 4096, width: 4096 })],
    ['a 3000² RGBA predict', () => net.predict({ data: new Uint8ClampedArray(4 * 3000 * 3000), width: 3000, height: 3000 })],
    ['a 4096² conv2d with a 1×1 kernel', () => net.conv2d({ data: new Float32Array(4096 * 4096), height: 4096, width: 4096 }, { data: new Float32Array(1), height: 1, width: 1 })],
    ['a conv2d of too many multiply-accumulates', () => net.conv2d({ data: new Float32Array(2000 * 2000), height: 2000, width: 2000 }, { data: new Float32Array(1000), count: 10, height: 10, width: 10 })],
    ['a pool2d whose window does not tile', () => net.pool2d({ data: new Float32Array(2001 * 2000), height: 2001, width: 2000 })],
    ['a 33×33 predict without preprocessing', () => net.predict({ data: new Float32Array(1000 * 1000), width: 1000, height: 1000 }, { preprocess: false })],
  ];
  for (const [what, call] of refused) {
    const m0 = mem(), s0 = scratch();
    assert.throws(call, RangeError, what);
    assert.equal(scratch(), s0, `${what}: the exchange buffer grew from ${s0} to ${scratch()} bytes`);
    assert.equal(mem(), m0, `${what}: the WebAssembly memory grew from ${m0} to ${mem()} bytes`);
  }
  // Accepted calls as large as the limits allow keep the buffer under its cap.
  net.pool2d({ data: new Float32Array(2048 * 2048), height: 2048, width: 2048 });
  net.predict({ data: new Uint8ClampedArray(4 * 2048 * 2048), width: 2048, height: 2048 });
  net.conv2d({ data: new Float32Array(2048 * 2048), height: 2048, width: 2048 }, { data: new Float32Array(4), height: 2, width: 2, count: 1 });
  assert.ok(scratch() <= cap, `the exchange buffer is ${scratch()} bytes, over its cap of ${cap}`);
  console.log(`after the largest accepted calls: exchange buffer ${scratch()} bytes, memory ${mem()} bytes`);
});
