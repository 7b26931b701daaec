// api.js runs api.html, a short guide to lenet.js in which every example
// runs on the page. Each example is written once, in EXAMPLES: the page
// shows the function's body (its own source text, through
// Function.prototype.toString) and runs that same function, so the code a
// reader sees is the code that ran. There is no eval anywhere: the site's
// Content-Security-Policy forbids it, and nothing here needs it.
import { load } from './lenet.js';
import { setUpLanguage } from './lang.js';
import { STRINGS } from './api-strings.js';

// net is the network the first example loads; the others use it.
let net = null;

// The examples, in the page's order. Keep each body short, plain and
// free of comments: it is shown as it is, in both languages.
const EXAMPLES = {
  async load() {
    const net = await load();
    return net;
  },

  draw() {
    const pad = document.getElementById('pad');
    const r = net.predict(pad);
    return r;
  },

  raw() {
    const x = new Float32Array(32 * 32);
    for (let y = 6; y < 26; y++) {
      x[y * 32 + 15] = 1;
      x[y * 32 + 16] = 1;
    }
    const r = net.predict({ data: x, width: 32, height: 32 }, { preprocess: false });
    return r;
  },

  layers() {
    const pad = document.getElementById('pad');
    const r = net.predict(pad);
    return r.layers;
  },

  conv2d() {
    const input = { data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), height: 3, width: 3 };
    const kernel = { data: Float32Array.from([1, 2, 3, 4]), height: 2, width: 2 };
    const corr = net.conv2d(input, kernel);
    const conv = net.conv2d(input, kernel, { mode: 'convolution' });
    return { input, kernel, corr, conv };
  },

  pool2d() {
    const input = {
      data: Float32Array.from([1, 3, 2, 1, 4, 6, 5, 0, 7, 2, 9, 8, 1, 0, 3, 4]),
      height: 4,
      width: 4,
    };
    const max = net.pool2d(input);
    const avg = net.pool2d(input, { mode: 'avg' });
    return { input, max, avg };
  },

  summary() {
    return net.summary();
  },

  errors() {
    const calls = [
      () => net.predict(null),
      () => net.predict({ data: new Float32Array(100), width: 32, height: 32 },
        { preprocess: false }),
      () => net.pool2d({ data: new Float32Array(16), height: 4, width: 4 },
        { mode: 'median' }),
      () => net.conv2d({ data: new Float32Array(16), height: 4, width: 4 },
        { data: new Float32Array(9), height: 3, width: 3 }, { stride: 2 }),
    ];
    return calls.map((call) => {
      try {
        call();
        return { call, error: null };
      } catch (error) {
        return { call, error };
      }
    });
  },

  empty() {
    const blank = document.createElement('canvas');
    blank.width = 280;
    blank.height = 280;
    const ctx = blank.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 280, 280);
    return net.predict(blank);
  },
};

// body returns the text between a function's outer braces, unindented.
function body(fn) {
  const src = fn.toString();
  const lines = src.slice(src.indexOf('{') + 1, src.lastIndexOf('}')).split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

// ---------------------------------------------------------------- page

const $ = (id) => document.getElementById(id);
const status = $('status');
const sections = new Map(); // name → {el, out, value, error, ran}

// h makes an element: h('p', {class: 'x', html: '…'}, child, …).
function h(tag, props = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') el.className = v;
    else if (k === 'html') el.innerHTML = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v);
  }
  el.append(...kids.filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

// num writes a value briefly: whole numbers as they are, others to three
// significant digits.
const num = (v) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));
const list = (a) => `[${Array.from(a, num).join(', ')}]`;
const big = (n) => n.toLocaleString('en-US');
const pct = (p) => (100 * p).toFixed(1);

const lang = setUpLanguage(STRINGS, () => {
  if (sections.size) for (const name of sections.keys()) show(name);
});
const t = (key, args) => lang.t(key, args);

for (const el of document.querySelectorAll('section.example')) {
  const name = el.dataset.example;
  el.querySelector('.snippet code').textContent = body(EXAMPLES[name]);
  el.querySelector('.run').addEventListener('click', () => run(name));
  sections.set(name, { el, out: el.querySelector('.out'), value: undefined, error: null, ran: false });
}

// run runs one example and shows what it returned or threw.
async function run(name) {
  const s = sections.get(name);
  s.el.dataset.state = 'running';
  if (name === 'load') {
    status.textContent = t('load.loading');
    status.dataset.state = 'loading';
  }
  try {
    if (name !== 'load' && !net) throw new Error(t('needs.net'));
    s.value = await EXAMPLES[name]();
    s.error = null;
    if (name === 'load') net = s.value;
  } catch (e) {
    s.value = undefined;
    s.error = e;
  }
  s.ran = true;
  s.el.dataset.state = s.error ? 'error' : 'ok';
  show(name);
}

function show(name) {
  const s = sections.get(name);
  if (name === 'load') showStatus(s);
  if (!s.ran) return;
  if (s.error) {
    const e = s.error;
    s.out.replaceChildren(h('span', { class: 'error', text: t('threw', { name: e.name, message: e.message }) }));
    return;
  }
  render[name](s.value, s.out);
}

function showStatus(s) {
  status.classList.toggle('error', Boolean(s.error));
  if (!s.ran) {
    status.textContent = t('load.loading');
    return;
  }
  if (s.error) {
    status.textContent = t('load.failed', { message: s.error.message });
    status.dataset.state = 'error';
    return;
  }
  status.textContent = t('load.ready', { parameters: big(s.value.summary().totals.parameters), version: s.value.version });
  status.dataset.state = 'ready';
}

// ------------------------------------------------------------- pictures

// grey draws values 0..1 (any finite values, clamped) into a new canvas.
function grey(data, width, height, label) {
  const c = h('canvas', { class: 'px', width, height, role: 'img', 'aria-label': label });
  const ctx = c.getContext('2d');
  const img = ctx.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, data[i])));
    img.data.set([v, v, v, 255], 4 * i);
  }
  ctx.putImageData(img, 0, 0);
  return c;
}

// diverging colours: white at 0, red for positive, blue for negative.
const POS = [178, 24, 43];
const NEG = [33, 102, 172];
function colour(v, scale) {
  const a = scale > 0 ? Math.min(1, Math.abs(v) / scale) : 0;
  const to = v < 0 ? NEG : POS;
  return to.map((c) => Math.round(255 + (c - 255) * a));
}

// layerPicture draws every channel of a layer side by side (in two rows
// for 16 channels), each value one pixel, channels one pixel apart.
function layerPicture(layer) {
  const [ch, hgt, wid] = layer.shape;
  const scale = layer.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const vector = hgt === 1 && wid === 1;
  const perRow = vector ? ch : ch > 8 ? Math.ceil(ch / 2) : ch;
  const rows = vector ? 1 : Math.ceil(ch / perRow);
  const cw = vector ? 1 : wid;
  const W = vector ? ch : perRow * (wid + 1) - 1;
  const H = vector ? 1 : rows * (hgt + 1) - 1;
  const c = h('canvas', { class: vector ? 'px vec' : 'px maps', width: W, height: H, role: 'img', 'aria-label': `${layer.name} ${layer.shape.join('×')}` });
  const ctx = c.getContext('2d');
  const img = ctx.createImageData(W, H);
  img.data.fill(255);
  for (let k = 0; k < ch; k++) {
    const ox = vector ? k : (k % perRow) * (cw + 1);
    const oy = vector ? 0 : Math.floor(k / perRow) * (hgt + 1);
    for (let y = 0; y < hgt; y++) {
      for (let x = 0; x < wid; x++) {
        const [r, g, b] = colour(layer.data[(k * hgt + y) * wid + x], scale);
        img.data.set([r, g, b, 255], 4 * ((oy + y) * W + ox + x));
      }
    }
  }
  ctx.putImageData(img, 0, 0);
  // Every layer about as wide as C1 at twice its size; a value at most 24
  // CSS pixels wide.
  c.style.width = `${Math.round(W * Math.min(24, 340 / W))}px`;
  return c;
}

// grid shows a small matrix as a table; shade(y, x) names a cell's class.
function grid(caption, data, height, width, shade) {
  const body = h('tbody');
  for (let y = 0; y < height; y++) {
    const tr = h('tr');
    for (let x = 0; x < width; x++) tr.append(h('td', { class: shade ? shade(y, x) : '', text: num(data[y * width + x]) }));
    body.append(tr);
  }
  return h('table', { class: 'grid' }, h('caption', { html: caption }), body);
}

// -------------------------------------------------------------- results

const render = {
  load(n, out) {
    out.replaceChildren(
      h('dl', { class: 'facts' },
        h('dt', { html: '<code>net.version</code>' }), h('dd', { text: n.version }),
        h('dt', { html: '<code>net.weights.custom</code>' }), h('dd', { text: String(n.weights.custom) })),
      h('p', { class: 'where', html: t('load.meta') }),
      h('pre', { class: 'meta', text: n.weights.meta.trim() }));
  },

  draw(r, out) {
    $('label').textContent = r.empty ? '…' : String(r.label);
    drawRows.forEach((row, d) => {
      row.bar.value = r.probs[d];
      row.pct.textContent = r.empty ? '' : `${pct(r.probs[d])} %`;
      row.tr.classList.toggle('best', d === r.label);
    });
    const seen = $('seen').getContext('2d');
    seen.drawImage(grey(r.input, 32, 32, ''), 0, 0);
    out.innerHTML = r.empty ? t('draw.empty') : t('draw.read', { label: r.label, p: pct(r.probs[r.label]) });
    out.dataset.label = String(r.label);
  },

  raw(r, out) {
    out.dataset.label = String(r.label);
    out.replaceChildren(h('div', { class: 'row' },
      h('figure', { class: 'seen' }, grey(r.input, 32, 32, t('raw.seen').replace(/<[^>]+>/g, '')), h('figcaption', { html: t('raw.seen') })),
      h('p', { class: 'read', html: t('draw.read', { label: r.label, p: pct(r.probs[r.label]) }) })));
  },

  layers(layers, out) {
    const empty = layers.every((l) => l.data.every((v) => v === 0));
    out.dataset.names = layers.map((l) => l.name).join(' ');
    out.dataset.shapes = layers.map((l) => l.shape.join('×')).join(' ');
    out.replaceChildren(...[
      empty ? h('p', { class: 'note', html: t('layers.empty') }) : null,
      h('ol', { class: 'layers' }, ...layers.map((l) => h('li', {},
        h('p', { class: 'head', html: `<b>${l.name}</b> <code>[${l.shape.join(', ')}]</code> · ${t(`layers.${l.name}`)}` }),
        layerPicture(l),
        h('p', { class: 'vals', text: t('layers.values', { values: `${Array.from(l.data.subarray(0, 4), num).join(', ')}, …`, max: num(Math.max(...l.data)) }) })))),
    ].filter(Boolean));
  },

  conv2d({ input, kernel, corr, conv }, out) {
    const kh = kernel.height, kw = kernel.width;
    const flipped = kernel.data.slice().reverse(); // top to bottom and left to right at once
    const sum = (k, value) => {
      const terms = [];
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) terms.push(`${num(input.data[i * input.width + j])}·${num(k[i * kw + j])}`);
      return `${terms.join(' + ')} = ${num(value)}`;
    };
    const inWindow = (y, x) => (y < kh && x < kw ? 'win' : '');
    out.dataset.corr = list(corr.data);
    out.dataset.conv = list(conv.data);
    out.replaceChildren(
      h('div', { class: 'grids' },
        grid(`${t('conv.input')} ${input.height}×${input.width}`, input.data, input.height, input.width, inWindow),
        grid(`${t('conv.kernel')} ${kh}×${kw}`, kernel.data, kh, kw),
        grid(t('conv.flipped'), flipped, kh, kw)),
      h('div', { class: 'grids' },
        h('div', {}, grid(`${t('conv.corr')} ${corr.height}×${corr.width}`, corr.data, corr.height, corr.width, (y, x) => (y + x === 0 ? 'win' : '')),
          h('p', { class: 'sum', text: t('conv.sum', { sum: sum(kernel.data, corr.data[0]) }) }),
          h('p', { class: 'data', html: `<code>corr.data</code> ${list(corr.data)}` })),
        h('div', {}, grid(`${t('conv.conv')} ${conv.height}×${conv.width}`, conv.data, conv.height, conv.width, (y, x) => (y + x === 0 ? 'win' : '')),
          h('p', { class: 'sum', text: t('conv.sum', { sum: sum(flipped, conv.data[0]) }) }),
          h('p', { class: 'data', html: `<code>conv.data</code> ${list(conv.data)}` }))));
  },

  pool2d({ input, max, avg }, out) {
    const block = (y, x) => ((Math.floor(y / 2) + Math.floor(x / 2)) % 2 ? 'b1' : 'b0');
    out.dataset.max = list(max.data);
    out.dataset.avg = list(avg.data);
    out.replaceChildren(h('div', { class: 'grids' },
      grid(`${t('pool.input')} ${input.height}×${input.width}`, input.data, input.height, input.width, block),
      h('div', {}, grid(`${t('pool.max')} ${max.height}×${max.width}`, max.data, max.height, max.width, block),
        h('p', { class: 'data', html: `<code>max.data</code> ${list(max.data)}` })),
      h('div', {}, grid(`${t('pool.avg')} ${avg.height}×${avg.width}`, avg.data, avg.height, avg.width, block),
        h('p', { class: 'data', html: `<code>avg.data</code> ${list(avg.data)}` }))));
  },

  summary(s, out) {
    const act = (a) => (a === 'softmax' ? t('summary.softmax') : a);
    const op = (l) => {
      const [c] = l.input;
      const [count] = l.output;
      if (l.kind === 'convolution') {
        const padding = l.padding ? t('summary.pad', { p: l.padding }) : t('summary.nopad');
        return t('summary.op.conv', { count, c, k: l.kernel, stride: l.stride, padding, act: act(l.activation) });
      }
      if (l.kind === 'max pooling') return t('summary.op.pool', { k: l.kernel, stride: l.stride });
      return t('summary.op.fc', { in: l.input.reduce((a, b) => a * b), out: count, act: act(l.activation) });
    };
    const tot = s.totals;
    out.dataset.parameters = String(tot.parameters);
    out.replaceChildren(
      h('div', { class: 'scroll' }, h('table', { class: 'summary' },
        h('thead', {}, h('tr', {}, ...['summary.layer', 'summary.op', 'summary.shape', 'summary.params'].map((k) => h('th', { scope: 'col', text: t(k) })))),
        h('tbody', {}, ...s.layers.map((l) => h('tr', {},
          h('th', { scope: 'row', text: l.name }),
          h('td', { class: 'op', text: op(l) }),
          h('td', { text: `${l.input.join('×')} → ${l.output.join('×')}` }),
          h('td', { class: 'n', text: l.parameters ? l.formula : '0' })))))),
      h('p', { class: 'total', html: t('summary.total', { total: big(tot.parameters), conv: big(tot.convolutionParameters), fc: big(tot.fullyConnectedParameters), macs: big(tot.macs) }) }),
      h('details', {}, h('summary', { html: t('summary.textLabel') }), h('pre', { class: 'meta', text: s.text })));
  },

  errors(results, out) {
    out.dataset.thrown = results.map((r) => (r.error ? r.error.name : 'none')).join(' ');
    out.replaceChildren(h('div', { class: 'scroll' }, h('table', { class: 'errors' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: t('errors.call') }), h('th', { scope: 'col', text: t('errors.thrown') }))),
      h('tbody', {}, ...results.map(({ call, error }) => h('tr', {},
        h('td', {}, h('code', { text: call.toString().replace(/^\(\)\s*=>\s*/, '').replace(/\s+/g, ' ') })),
        h('td', {}, error ? h('b', { text: error.name }) : t('errors.none'), error ? h('span', { class: 'msg', text: error.message }) : null)))))));
  },

  empty(r, out) {
    out.dataset.empty = String(r.empty);
    out.dataset.label = String(r.label);
    out.replaceChildren(h('p', { html: t('empty.result', { empty: r.empty, label: r.label, max: num(Math.max(...r.probs)) }) }));
  },
};

// ------------------------------------------------------ the drawing pad

const pad = $('pad');
const ctx = pad.getContext('2d', { willReadFrequently: true });

// One row per digit: the digit, a bar, the percentage.
const drawRows = [];
for (let d = 0; d < 10; d++) {
  const bar = h('meter', { min: 0, max: 1, value: 0 });
  const pctCell = h('td');
  const tr = h('tr', {}, h('td', { text: String(d) }), h('td', {}, bar), pctCell);
  document.querySelector('#probs tbody').append(tr);
  drawRows.push({ tr, bar, pct: pctCell });
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

// The pad's examples run at most once per frame, however fast the pointer
// moves.
let pending = false;
function schedule() {
  if (!net || pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    run('draw');
    run('layers');
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
$('clear').addEventListener('click', () => {
  clear();
  schedule();
});

// Run every example once, in order, when the page opens.
for (const name of sections.keys()) await run(name);
document.body.dataset.ran = 'all';
