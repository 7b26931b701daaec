// Helpers shared by the tests of lenet.js (no tests here).
import { readFileSync } from 'node:fs';

export const siteURL = new URL('../../', import.meta.url);
export const repoURL = new URL('../../../', import.meta.url);

// The first 20 digits of the MNIST test set: 28×28 grey bytes, 0 background,
// 255 ink, with their labels (regenerate with
// go test ./wasm/internal/apicore -run MNISTFixture -update).
export function mnist20() {
  const f = JSON.parse(readFileSync(new URL('../fixtures/mnist-20.json', import.meta.url), 'utf8'));
  return f.digits.map((d) => ({ index: d.index, label: d.label, pixels: new Uint8Array(Buffer.from(d.pixels, 'base64')) }));
}

// pad32 turns 28×28 grey bytes into the network's 32×32 float input, as
// MNIST is fed to LeNet-5: values /255, two pixels of border.
export function pad32(pixels) {
  const x = new Float32Array(1024);
  for (let y = 0; y < 28; y++) for (let i = 0; i < 28; i++) x[(y + 2) * 32 + i + 2] = pixels[y * 28 + i] / 255;
  return x;
}

// rgbaDarkOnLight draws grey bytes as black ink on white, opaque RGBA, as a
// page's canvas would hold a digit drawn with a black pen.
export function rgbaDarkOnLight(pixels) {
  const d = new Uint8ClampedArray(4 * pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const v = 255 - pixels[i];
    d[4 * i] = d[4 * i + 1] = d[4 * i + 2] = v;
    d[4 * i + 3] = 255;
  }
  return d;
}

export function argmax(v) {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

// crc32 (IEEE), for building weights files in the tests.
const table = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
export function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// shippedWeights returns the bytes of the weights file inside lenet.wasm.
export function shippedWeights() {
  return new Uint8Array(readFileSync(new URL('cnn/lenet/lenet5.weights', repoURL)));
}

// withOutputBias returns a copy of a weights file whose Output bias favours
// class k so strongly that every input is classified k, checksum fixed.
// Version 1 holds float32 values; version 2 half floats as two byte planes
// (all low bytes, then all high bytes), so the last ten of each plane are
// Output.bias.
export function withOutputBias(file, k) {
  const b = file.slice();
  const dv = new DataView(b.buffer);
  const end = b.length - 4; // the values end where the CRC starts
  if (dv.getUint32(8, true) === 2) {
    const numParams = 61706;
    for (let i = 0; i < 10; i++) {
      const h = i === k ? 0x63d0 : 0xe3d0; // ±1000 as half floats
      b[end - numParams - 10 + i] = h & 0xff;
      b[end - 10 + i] = h >> 8;
    }
  } else {
    for (let i = 0; i < 10; i++) dv.setFloat32(end - 10 * 4 + 4 * i, i === k ? 1000 : -1000, true);
  }
  dv.setUint32(end, crc32(b.subarray(0, end)), true);
  return b;
}
