// The smallest embedding of lenet.js: draw on a plain canvas, predict on
// every stroke, show the ten probabilities and what the network saw.
import { load } from './lenet.js';

const pad = document.getElementById('pad');
const seen = document.getElementById('seen');
const label = document.getElementById('label');
const status = document.getElementById('status');
const tbody = document.querySelector('#probs tbody');
const ctx = pad.getContext('2d', { willReadFrequently: true });
const seenCtx = seen.getContext('2d');

// One row per digit: the digit, a bar, the percentage.
const rows = [];
for (let d = 0; d < 10; d++) {
  const tr = document.createElement('tr');
  const digit = document.createElement('td');
  const bar = document.createElement('meter');
  const pct = document.createElement('td');
  digit.textContent = String(d);
  bar.min = 0;
  bar.max = 1;
  bar.value = 0;
  const barCell = document.createElement('td');
  barCell.append(bar);
  tr.append(digit, barCell, pct);
  tbody.append(tr);
  rows.push({ tr, bar, pct });
}

function clear() {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, pad.width, pad.height);
}
clear();
ctx.strokeStyle = '#000';
ctx.lineWidth = 22;
ctx.lineCap = 'round';
ctx.lineJoin = 'round';

let net = null;
let pending = false;

function show(r) {
  label.textContent = r.empty ? '…' : String(r.label);
  rows.forEach((row, d) => {
    row.bar.value = r.probs[d];
    row.pct.textContent = r.empty ? '' : `${(100 * r.probs[d]).toFixed(1)} %`;
    row.tr.classList.toggle('best', d === r.label);
  });
  const img = seenCtx.createImageData(32, 32);
  for (let i = 0; i < 1024; i++) {
    const v = Math.round(255 * r.input[i]);
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
    img.data[4 * i + 3] = 255;
  }
  seenCtx.putImageData(img, 0, 0);
}

// predict at most once per frame, however fast the pointer moves.
function schedule() {
  if (!net || pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    try {
      show(net.predict(pad, { layers: false }));
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  });
}

// Drawing with pointer events: mouse, pen and touch alike.
let last = null;
const at = (e) => {
  const r = pad.getBoundingClientRect();
  return [(e.clientX - r.left) * (pad.width / r.width), (e.clientY - r.top) * (pad.height / r.height)];
};
pad.addEventListener('pointerdown', (e) => {
  pad.setPointerCapture(e.pointerId);
  last = at(e);
  ctx.beginPath();
  ctx.moveTo(...last);
  ctx.lineTo(...last);
  ctx.stroke();
  schedule();
});
pad.addEventListener('pointermove', (e) => {
  if (!last) return;
  const p = at(e);
  ctx.beginPath();
  ctx.moveTo(...last);
  ctx.lineTo(...p);
  ctx.stroke();
  last = p;
  schedule();
});
const end = () => {
  last = null;
  schedule();
};
pad.addEventListener('pointerup', end);
pad.addEventListener('pointercancel', end);
document.getElementById('clear').addEventListener('click', () => {
  clear();
  schedule();
});

try {
  net = await load();
  status.textContent = `Ready: LeNet-5, ${net.summary().totals.parameters.toLocaleString('en')} parameters (lenet.js ${net.version}).`;
  schedule();
} catch (e) {
  status.textContent = `Could not load the network: ${e.message}`;
  status.classList.add('error');
}
