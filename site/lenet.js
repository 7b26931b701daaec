// lenet.js — LeNet-5 in WebAssembly for course pages, browsers and Node.
//
//   import { load } from './lenet.js';
//   const net = await load();
//   const r = net.predict(canvas);          // r.label, r.probs, r.layers …
//
// lenet.wasm (built from wasm/api) and Go's wasm_exec.js sit beside this
// file. Types: lenet.d.ts. Every bad argument throws a TypeError (wrong kind
// of value) or a RangeError (wrong size or value) whose message says what was
// expected.
//
// How data crosses: Go keeps fixed buffers (the image exchange buffer, every
// layer's activations) and tells us their addresses once. We keep typed
// array views on the instance's memory, renewed whenever the memory grows, so
// a predict is one copy in, one call into Go, and one copy out — no
// per-element crossings and nothing left behind on either side.

export const VERSION = '1.0.0';

const ABI = 1;

// Statuses returned by lenet.wasm (wasm/internal/apicore.Status).
const OK = 0;
const EMPTY = 1;
const TYPE_ERROR = 2;
const RANGE_ERROR = 3;

// Register indices (wasm/api/main.go).
const REG_LABEL = 0;
const REG_ERR_PTR = 1;
const REG_ERR_LEN = 2;
const REG_SCRATCH_PTR = 3;
const REG_SCRATCH_CAP = 4;
const REG_RESULT_PTR = 5;
const REG_RESULT_LEN = 6;
const REG_RESULT_C = 7;
const REG_RESULT_H = 8;
const REG_RESULT_W = 9;
const REG_TEXT_PTR = 10;
const REG_TEXT_LEN = 11;
const NUM_REGS = 16;

// Image formats (apicore.Format).
const GRAY8 = 1;
const RGBA8 = 2;
const GRAYF32 = 3;

// Buffers in the layout table, in order.
const BUFFERS = ['Input', 'C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'Output', 'Probs'];
// The layers predict returns with {layers: true}.
const LAYER_NAMES = ['C1', 'S2', 'C3', 'S4', 'C5', 'F6', 'Output'];

const MAX_BYTES = 1 << 26; // apicore.MaxScratchBytes
const MAX_INT = 1 << 30; // larger numbers are refused before they reach Go's int32 arguments

const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

const describe = (v) => {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an Array';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') {
    const name = v.constructor?.name;
    if (!name || name === 'Object') return 'an object';
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
};

function checkInt(fn, name, v, min, max = MAX_INT) {
  if (typeof v !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${describe(v)}`);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new RangeError(`${fn}: ${name} must be a whole number from ${min} to ${max}, got ${v}`);
  }
  return v;
}

function checkOptions(fn, options, allowed) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object such as {${allowed.join(', ')}}, got ${describe(options)}`);
  }
  for (const k in options) {
    if (!allowed.includes(k)) {
      throw new TypeError(`${fn}: unknown option ${JSON.stringify(k)}; the options are ${allowed.join(', ')}`);
    }
  }
  return options;
}

function checkBool(fn, name, v, dflt) {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new TypeError(`${fn}: ${name} must be true or false, got ${describe(v)}`);
  return v;
}

// ---------------------------------------------------------------- loading

const modules = new Map(); // URL → Promise<WebAssembly.Module>

function toURL(src, what) {
  if (src instanceof URL) return src;
  if (typeof src !== 'string' || src === '') {
    throw new TypeError(`load: ${what} must be a URL, a string, bytes or a WebAssembly.Module, got ${describe(src)}`);
  }
  if (isNode && !/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    // A plain path in Node: relative to the working directory.
    return new URL(src, `file://${process.cwd().replace(/\\/g, '/').replace(/\/?$/, '/')}`);
  }
  try {
    return new URL(src, globalThis.location?.href ?? import.meta.url);
  } catch {
    throw new TypeError(`load: ${what} ${JSON.stringify(src)} is not a valid URL`);
  }
}

async function fetchModule(url) {
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    let bytes;
    try {
      bytes = await readFile(fileURLToPath(url));
    } catch (e) {
      throw new Error(`load: cannot read ${fileURLToPath(url)} (${e.code ?? e.message}); build it with ./build.sh`, { cause: e });
    }
    return WebAssembly.compile(bytes);
  }
  if (typeof fetch !== 'function') throw new Error(`load: no fetch() here to get ${url}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    try {
      return await WebAssembly.compileStreaming(fetch(url));
    } catch {
      // A server that does not send application/wasm, or no streaming:
      // fall back to fetching the whole file.
    }
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`load: fetching ${url} failed: HTTP ${res.status} ${res.statusText}`);
  return WebAssembly.compile(await res.arrayBuffer());
}

function compile(src) {
  if (src instanceof WebAssembly.Module) return Promise.resolve(src);
  if (src instanceof ArrayBuffer || ArrayBuffer.isView(src)) return WebAssembly.compile(src);
  const url = toURL(src, 'options.wasm');
  let p = modules.get(url.href);
  if (!p) {
    p = fetchModule(url);
    modules.set(url.href, p);
    p.catch(() => modules.delete(url.href));
  }
  return p;
}

let goReady;

// Go's wasm_exec.js is a classic script that defines globalThis.Go; it
// needs crypto, performance and TextEncoder/TextDecoder, which browsers and
// Node ≥ 20 provide. Importing it works in both.
function ensureGo() {
  if (typeof globalThis.Go === 'function') return Promise.resolve();
  goReady ??= import(new URL('./wasm_exec.js', import.meta.url).href).then(
    () => {
      if (typeof globalThis.Go !== 'function') throw new Error('load: wasm_exec.js did not define Go');
    },
    (e) => {
      goReady = undefined;
      throw new Error(`load: cannot load wasm_exec.js beside lenet.js (${e.message}); build the site with ./build.sh`, { cause: e });
    },
  );
  return goReady;
}

function toBytes(fn, name, v) {
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  throw new TypeError(`${fn}: ${name} must be an ArrayBuffer or a Uint8Array holding a LeNet-5 weights file, got ${describe(v)}`);
}

/**
 * Loads lenet.wasm and returns a ready network.
 * options.wasm: where lenet.wasm is (URL, path in Node, bytes or a compiled
 * WebAssembly.Module); by default the file beside lenet.js.
 * options.weights: a weights file (lenet.Encode's format) to use instead of
 * the shipped trained weights.
 */
export async function load(options) {
  const o = checkOptions('load', options, ['wasm', 'weights']);
  const weights = o.weights === undefined ? undefined : toBytes('load', 'options.weights', o.weights);
  if (weights && weights.length > MAX_BYTES) {
    throw new RangeError(`load: options.weights has ${weights.length} bytes; a LeNet-5 weights file has about 250,000`);
  }
  const [module] = await Promise.all([compile(o.wasm === undefined ? new URL('./lenet.wasm', import.meta.url) : o.wasm), ensureGo()]);
  const go = new globalThis.Go();
  let exitCode = null;
  go.exit = (code) => {
    exitCode = code;
  };
  const instance = await WebAssembly.instantiate(module, go.importObject);
  for (const name of ['mem', 'lenet_layout', 'lenet_status', 'lenet_predict', 'lenet_reserve']) {
    if (!(name in instance.exports)) throw new Error(`load: the WebAssembly module has no ${name}; is it lenet.wasm?`);
  }
  // run() executes Go's main until it waits for calls; that happens before
  // the returned promise settles, so the exports are ready now.
  go.run(instance).catch(() => {});
  return new Net(go, instance, () => exitCode, weights);
}

// ---------------------------------------------------------------- the net

const decoder = new TextDecoder();

class Net {
  #go;
  #ex;
  #exitCode;
  #dead = '';
  #buf = null;
  #ptrs;
  #lens;
  #regs;
  #u8;
  #f32;
  #views = {};
  #block = null; // C1 … Output as one view, when they are contiguous
  #blockOffsets = [];
  #shapes = {};
  #summary;
  #meta;
  #custom = false;

  constructor(go, instance, exitCode, weights) {
    this.#go = go;
    this.#ex = instance.exports;
    this.#exitCode = exitCode;
    const layoutPtr = this.#ex.lenet_layout();
    const table = new Uint32Array(this.#ex.mem.buffer, layoutPtr, 2 + 2 * BUFFERS.length).slice();
    if (table[0] !== ABI) throw new Error(`load: lenet.wasm speaks version ${table[0]}, lenet.js ${ABI}; rebuild the site`);
    this.#ptrs = { regs: table[1] };
    this.#lens = {};
    BUFFERS.forEach((name, i) => {
      this.#ptrs[name] = table[2 + 2 * i];
      this.#lens[name] = table[3 + 2 * i];
    });
    this.#refresh();
    this.#call(this.#ex.lenet_status());
    this.#call(this.#ex.lenet_summary());
    this.#summary = this.#text();
    const s = JSON.parse(this.#summary);
    this.#shapes.Input = [1, 32, 32];
    for (const l of s.layers) this.#shapes[l.name] = l.output;
    this.#shapes.Probs = this.#shapes.Output;
    this.#call(this.#ex.lenet_meta());
    this.#meta = this.#text();
    if (weights) this.#setWeights(weights);
  }

  /** The version of this API. */
  get version() {
    return VERSION;
  }

  /** Where the weights come from: the text stored in the weights file. */
  get weights() {
    return { custom: this.#custom, meta: this.#meta };
  }

  // #refresh renews the typed-array views after the memory grew (which
  // detaches the old ArrayBuffer).
  #refresh() {
    const buf = this.#ex.mem.buffer;
    if (buf === this.#buf) return;
    this.#buf = buf;
    this.#u8 = new Uint8Array(buf);
    this.#f32 = new Float32Array(buf);
    this.#regs = new Int32Array(buf, this.#ptrs.regs, NUM_REGS);
    for (const name of BUFFERS) {
      const p = this.#ptrs[name] >>> 2;
      this.#views[name] = this.#f32.subarray(p, p + this.#lens[name]);
    }
    let contiguous = true;
    for (let i = 1; i < LAYER_NAMES.length; i++) {
      const a = LAYER_NAMES[i - 1], b = LAYER_NAMES[i];
      if (this.#ptrs[b] !== this.#ptrs[a] + 4 * this.#lens[a]) contiguous = false;
    }
    if (contiguous) {
      const first = this.#ptrs[LAYER_NAMES[0]] >>> 2;
      const last = LAYER_NAMES[LAYER_NAMES.length - 1];
      this.#block = this.#f32.subarray(first, (this.#ptrs[last] >>> 2) + this.#lens[last]);
      this.#blockOffsets = LAYER_NAMES.map((n) => (this.#ptrs[n] >>> 2) - first);
    } else {
      this.#block = null;
    }
  }

  #stopped() {
    const code = this.#exitCode();
    this.#dead = `lenet: the WebAssembly program has stopped${code === null ? '' : ` (exit code ${code})`}; ` +
      'this instance can no longer be used — call load() again';
    return new Error(this.#dead);
  }

  #alive() {
    if (this.#dead) throw new Error(this.#dead);
    if (this.#go.exited) throw this.#stopped();
  }

  // #call checks the status an export returned and turns errors into the
  // right Error class.
  #call(st) {
    if (this.#go.exited) throw this.#stopped();
    this.#refresh();
    if (st === OK || st === EMPTY) return st;
    const r = this.#regs;
    const msg = decoder.decode(this.#u8.subarray(r[REG_ERR_PTR], r[REG_ERR_PTR] + r[REG_ERR_LEN]));
    if (st === TYPE_ERROR) throw new TypeError(msg);
    if (st === RANGE_ERROR) throw new RangeError(msg);
    throw new Error(msg || `lenet.wasm returned status ${st}`);
  }

  // #invoke calls an export; a trap (which should never happen) stops the
  // instance for good rather than leaving it half-broken.
  #invoke(f, ...args) {
    this.#alive();
    let st;
    try {
      st = f(...args);
    } catch (e) {
      this.#dead = `lenet: the WebAssembly program failed (${e.message}); this instance can no longer be used — call load() again`;
      throw new Error(this.#dead, { cause: e });
    }
    return this.#call(st);
  }

  #text() {
    const r = this.#regs;
    return decoder.decode(this.#u8.subarray(r[REG_TEXT_PTR], r[REG_TEXT_PTR] + r[REG_TEXT_LEN]));
  }

  // #scratch makes Go's exchange buffer hold n bytes and returns its address.
  #scratch(fn, n) {
    if (n > MAX_BYTES) throw new RangeError(`${fn}: the arguments take ${n} bytes; at most ${MAX_BYTES} are accepted in one call`);
    if (n > this.#regs[REG_SCRATCH_CAP]) this.#invoke(this.#ex.lenet_reserve, n);
    return this.#regs[REG_SCRATCH_PTR];
  }

  #setWeights(bytes) {
    const p = this.#scratch('load', bytes.length);
    this.#u8.set(bytes, p);
    this.#invoke(this.#ex.lenet_set_weights, bytes.length);
    this.#invoke(this.#ex.lenet_meta);
    this.#meta = this.#text();
    this.#custom = true;
  }

  /**
   * Runs LeNet-5 on an image: ImageData, a canvas, an OffscreenCanvas or
   * {data, width, height}. See lenet.d.ts for the result.
   */
  predict(image, options) {
    this.#alive();
    let preprocess = true, layers = true;
    if (options !== undefined) {
      checkOptions('predict', options, ['preprocess', 'layers']);
      preprocess = checkBool('predict', 'options.preprocess', options.preprocess, true);
      layers = checkBool('predict', 'options.layers', options.layers, true);
    }
    const img = readImage(image);
    const { data, width, height } = img;
    let format, bytes;
    if (data instanceof Float32Array) {
      if (data.length !== width * height) {
        throw new RangeError(`predict: a ${width}×${height} image needs ${width * height} grey values, the Float32Array has ${data.length}`);
      }
      format = GRAYF32;
      bytes = 4 * data.length;
    } else {
      if (data.length === width * height) format = GRAY8;
      else if (data.length === 4 * width * height) format = RGBA8;
      else {
        throw new RangeError(`predict: a ${width}×${height} image needs ${width * height} grey bytes or ${4 * width * height} RGBA bytes, the data has ${data.length}`);
      }
      bytes = data.length;
    }
    const p = this.#scratch('predict', bytes);
    if (format === GRAYF32) this.#f32.set(data, p >>> 2);
    else this.#u8.set(data, p);
    let st;
    try {
      st = this.#ex.lenet_predict(format, width, height, data.length, preprocess ? 1 : 0);
    } catch (e) {
      this.#dead = `lenet: the WebAssembly program failed (${e.message}); this instance can no longer be used — call load() again`;
      throw new Error(this.#dead, { cause: e });
    }
    st = this.#call(st);
    const v = this.#views;
    const result = {
      label: st === EMPTY ? -1 : this.#regs[REG_LABEL],
      probs: v.Probs.slice(),
      logits: v.Output.slice(),
      empty: st === EMPTY,
      input: v.Input.slice(),
      layers: [],
    };
    if (layers) {
      if (this.#block) {
        const all = this.#block.slice();
        for (let i = 0; i < LAYER_NAMES.length; i++) {
          const name = LAYER_NAMES[i];
          const off = this.#blockOffsets[i];
          result.layers.push({ name, shape: this.#shapes[name].slice(), data: all.subarray(off, off + this.#lens[name]) });
        }
      } else {
        for (const name of LAYER_NAMES) result.layers.push({ name, shape: this.#shapes[name].slice(), data: v[name].slice() });
      }
    }
    return result;
  }

  /** The lecture's LeNet-5 table, layer by layer, with totals. */
  summary() {
    this.#alive();
    return JSON.parse(this.#summary);
  }

  /**
   * Correlates (or, with mode 'convolution', convolves) a tensor with
   * kernels, for course exercises.
   */
  conv2d(input, kernels, options) {
    this.#alive();
    const fn = 'conv2d';
    const x = readTensor(fn, 'input', input, false);
    const k = readTensor(fn, 'kernels', kernels, true, x.channels);
    const o = checkOptions(fn, options, ['padding', 'stride', 'mode', 'bias']);
    let padding = 0, same = 0;
    if (o.padding === 'same') same = 1;
    else if (o.padding === 'valid' || o.padding === undefined) padding = 0;
    else if (typeof o.padding === 'string') {
      throw new RangeError(`${fn}: padding must be a whole number ≥ 0, 'same' or 'valid', got ${describe(o.padding)}`);
    } else padding = checkInt(fn, 'padding', o.padding, 0);
    const stride = o.stride === undefined ? 1 : checkInt(fn, 'stride', o.stride, 1);
    let mode = 0;
    if (o.mode === 'convolution') mode = 1;
    else if (o.mode !== undefined && o.mode !== 'correlation') {
      if (typeof o.mode !== 'string') throw new TypeError(`${fn}: mode must be 'correlation' or 'convolution', got ${describe(o.mode)}`);
      throw new RangeError(`${fn}: mode must be 'correlation' or 'convolution', got ${describe(o.mode)}`);
    }
    let bias = null;
    if (o.bias !== undefined) {
      const b = o.bias;
      if (!Array.isArray(b) && !(b instanceof Float32Array) && !(b instanceof Float64Array)) {
        throw new TypeError(`${fn}: bias must be an array of ${k.count} number(s), one per kernel, got ${describe(b)}`);
      }
      if (b.length !== k.count) throw new RangeError(`${fn}: bias has ${b.length} value(s) for ${k.count} kernel(s); give one per kernel`);
      for (let i = 0; i < b.length; i++) {
        if (typeof b[i] !== 'number') throw new TypeError(`${fn}: bias[${i}] must be a number, got ${describe(b[i])}`);
      }
      bias = b;
    }
    const nIn = x.data.length, nK = k.data.length, nB = bias ? bias.length : 0;
    const p = this.#scratch(fn, 4 * (nIn + nK + nB)) >>> 2;
    this.#f32.set(x.data, p);
    this.#f32.set(k.data, p + nIn);
    if (bias) this.#f32.set(bias, p + nIn + nK);
    this.#invoke(this.#ex.lenet_conv2d, x.channels, x.height, x.width, k.count, k.channels, k.height, k.width,
      padding, same, stride, mode, bias ? 1 : 0);
    return this.#result();
  }

  /** Max or average pooling of every channel, for course exercises. */
  pool2d(input, options) {
    this.#alive();
    const fn = 'pool2d';
    const x = readTensor(fn, 'input', input, false);
    const o = checkOptions(fn, options, ['size', 'stride', 'mode']);
    const size = o.size === undefined ? 2 : checkInt(fn, 'size', o.size, 1);
    const stride = o.stride === undefined ? size : checkInt(fn, 'stride', o.stride, 1);
    let mode = 0;
    if (o.mode === 'avg' || o.mode === 'average') mode = 1;
    else if (o.mode !== undefined && o.mode !== 'max') {
      if (typeof o.mode !== 'string') throw new TypeError(`${fn}: mode must be 'max' or 'avg', got ${describe(o.mode)}`);
      throw new RangeError(`${fn}: mode must be 'max' or 'avg', got ${describe(o.mode)}`);
    }
    const p = this.#scratch(fn, 4 * x.data.length) >>> 2;
    this.#f32.set(x.data, p);
    this.#invoke(this.#ex.lenet_pool2d, x.channels, x.height, x.width, size, stride, mode);
    return this.#result();
  }

  #result() {
    const r = this.#regs;
    const p = r[REG_RESULT_PTR] >>> 2;
    return {
      data: this.#f32.slice(p, p + r[REG_RESULT_LEN]),
      channels: r[REG_RESULT_C],
      height: r[REG_RESULT_H],
      width: r[REG_RESULT_W],
    };
  }

  // Hooks for the tests: make the Go side panic inside an exported call
  // (it must recover and report an Error), or end the Go program.
  [Symbol.for('lenet.test.panic')]() {
    return this.#invoke(this.#ex.lenet_debug_panic);
  }

  [Symbol.for('lenet.test.exit')]() {
    return this.#invoke(this.#ex.lenet_debug_exit);
  }

  // The size of the instance's memory in bytes, for the memory tests.
  [Symbol.for('lenet.test.memory')]() {
    return this.#ex.mem.buffer.byteLength;
  }

  // The raw exports, for the benchmark that separates the cost of the
  // crossing from the cost of the network.
  [Symbol.for('lenet.test.exports')]() {
    return this.#ex;
  }
}

// readImage accepts ImageData, a canvas, an OffscreenCanvas or
// {data, width, height}, and returns {data, width, height}.
function readImage(image) {
  const expected = 'ImageData, an HTMLCanvasElement, an OffscreenCanvas or {data, width, height}';
  if (image === null || typeof image !== 'object') throw new TypeError(`predict: image must be ${expected}, got ${describe(image)}`);
  const isCanvas = (typeof HTMLCanvasElement === 'function' && image instanceof HTMLCanvasElement) ||
    (typeof OffscreenCanvas === 'function' && image instanceof OffscreenCanvas);
  if (isCanvas) {
    const { width, height } = image;
    if (width < 1 || height < 1) throw new RangeError(`predict: the canvas is ${width}×${height}; it must be at least 1×1`);
    const ctx = image.getContext('2d', { willReadFrequently: true });
    if (!ctx) {
      throw new TypeError('predict: the canvas has no 2D context (it is used for WebGL?); pass ImageData or a 2D canvas instead');
    }
    return ctx.getImageData(0, 0, width, height);
  }
  const { data, width, height } = image;
  if (data === undefined && typeof width === 'number' && typeof height === 'number') {
    throw new TypeError(`predict: image is ${describe(image)} with no pixel data; draw it on a canvas (ctx.drawImage) and pass the canvas, or pass ${expected}`);
  }
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray || data instanceof Float32Array)) {
    throw new TypeError(`predict: image.data must be a Uint8Array or Uint8ClampedArray (grey or RGBA bytes) or a Float32Array (grey, 0..1), got ${describe(data)}`);
  }
  checkInt('predict', 'image.width', width, 1, 1 << 16);
  checkInt('predict', 'image.height', height, 1, 1 << 16);
  return image;
}

// readTensor checks {data, channels, height, width} (and count for
// kernels).
function readTensor(fn, name, t, isKernel, inputChannels) {
  const form = isKernel ? '{data, count, channels, height, width}' : '{data, channels, height, width}';
  if (t === null || typeof t !== 'object') throw new TypeError(`${fn}: ${name} must be a tensor ${form}, got ${describe(t)}`);
  if (!(t.data instanceof Float32Array)) {
    throw new TypeError(`${fn}: ${name}.data must be a Float32Array (channel-major, row-major), got ${describe(t.data)}`);
  }
  const count = isKernel ? (t.count === undefined ? 1 : checkInt(fn, `${name}.count`, t.count, 1)) : 1;
  const dflt = isKernel ? inputChannels : 1;
  const channels = t.channels === undefined ? dflt : checkInt(fn, `${name}.channels`, t.channels, 1);
  const height = checkInt(fn, `${name}.height`, t.height, 1);
  const width = checkInt(fn, `${name}.width`, t.width, 1);
  const need = count * channels * height * width;
  if (t.data.length !== need) {
    const dims = isKernel ? `${count}×${channels}×${height}×${width}` : `${channels}×${height}×${width}`;
    throw new RangeError(`${fn}: ${name} is ${dims} = ${need} values but ${name}.data has ${t.data.length}`);
  }
  return { data: t.data, count, channels, height, width };
}
