// The browser tests' page for the training worker (see train.html). It
// exposes window.trainPage:
//
//   trainer            the trainer.js object, ready for requests
//   progress           every progress message so far; evaluations likewise
//   frames()           the frame intervals (ms) since the last framesReset()
//   framesReset()
//   curve(opts)        from random weights (opts.seed), train until the test
//                      digits reach opts.target or opts.seconds pass; a
//                      Promise of {points: [{wall, seconds, images, accuracy}],
//                      reached: the first point at or above target, frames}
//   throughput(batch, seconds)  a Promise of images per second of steps
//   load(...)          lenet.js's load, to read exported weights
import { createTrainer } from '../../trainer.js';
import { load } from '../../lenet.js';

const progress = [];
const evaluations = [];
const kernels = document.getElementById('kernels').getContext('2d');
const curve = document.getElementById('curve').getContext('2d');
const text = document.getElementById('status');
const losses = [];

function draw(p) {
  const c1 = p.kernels.c1;
  const img = kernels.createImageData(6 * 5, 5);
  for (let n = 0; n < 6; n++) {
    let m = 1e-6;
    for (let i = 0; i < 25; i++) m = Math.max(m, Math.abs(c1[n * 25 + i]));
    for (let i = 0; i < 25; i++) {
      const v = c1[n * 25 + i] / m;
      const o = ((i / 5 | 0) * 30 + n * 5 + (i % 5)) * 4;
      img.data.set([v > 0 ? 255 : 255 + 255 * v, 255 - 255 * Math.abs(v), v < 0 ? 255 : 255 - 255 * v, 255], o);
    }
  }
  kernels.putImageData(img, 0, 0);
  kernels.imageSmoothingEnabled = false;
  kernels.drawImage(kernels.canvas, 0, 0, 30, 5, 0, 0, 360, 60);
  if (p.status.loss !== null) losses.push(p.status.loss);
  curve.clearRect(0, 0, 360, 120);
  curve.beginPath();
  losses.forEach((l, i) => curve.lineTo((i * 360) / Math.max(1, losses.length - 1), 120 - Math.min(1, l / 2.5) * 118));
  curve.stroke();
  text.textContent = JSON.stringify({ images: p.status.images, loss: p.status.loss, test: p.status.testAccuracy, ips: Math.round(p.status.imagesPerSecond) });
}

const trainer = createTrainer({
  onprogress: (p) => {
    progress.push(p);
    draw(p);
  },
  onevaluation: (e) => evaluations.push({ ...e, wall: performance.now() }),
});

let frames = [];
let last = performance.now();
function frame(now) {
  frames.push(now - last);
  last = now;
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

window.trainPage = {
  trainer,
  progress,
  evaluations,
  load,
  frames: () => frames.slice(),
  framesReset: () => {
    frames = [];
  },
  async curve({ seed = 1, target = 0.97, seconds = 60, after = 0, batchSize = 64, augment = 'jitter' } = {}) {
    await trainer.set({ batchSize, augment, progressEvery: 250 });
    await trainer.reset({ from: 'random', seed });
    evaluations.length = 0;
    frames = [];
    const t0 = performance.now();
    await trainer.start();
    let reached = null;
    let stopAt = t0 + seconds * 1000;
    while (performance.now() < stopAt) {
      await new Promise((r) => setTimeout(r, 100));
      const hit = evaluations.find((e) => e.accuracy >= target);
      if (hit && !reached) {
        reached = hit;
        stopAt = Math.min(stopAt, performance.now() + after * 1000);
      }
    }
    const s = await trainer.pause();
    const points = evaluations.map((e) => ({ wall: (e.wall - t0) / 1000, seconds: e.seconds, images: e.images, accuracy: e.accuracy }));
    const r = points.find((p) => p.accuracy >= target) ?? null;
    return { points, reached: r, status: s, frames: frames.slice() };
  },
  async throughput(batchSize, seconds) {
    await trainer.set({ batchSize, augment: 'none', evalEvery: 10000000 });
    await trainer.reset({ from: 'random', seed: 1 });
    await trainer.step(Math.max(2, Math.round(512 / batchSize)));
    const per = Math.max(1, Math.min(1000, Math.round(2048 / batchSize)));
    const s0 = await trainer.status();
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) await trainer.step(per);
    const wall = (performance.now() - t0) / 1000;
    const s = await trainer.status();
    await trainer.set({ evalEvery: 10000 });
    return { batchSize, images: s.images - s0.images, wall, imagesPerSecond: (s.images - s0.images) / wall, inside: (s.images - s0.images) / (s.seconds - s0.seconds) };
  },
};
window.trainPage.ready = trainer.status().then(() => true);
