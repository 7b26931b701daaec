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
//
// Calls from inside calls: a page's getter, Proxy or valueOf may call the
// API again while a call reads its arguments. Every call therefore first
// reads each argument once into plain values (numbers, strings, and typed
// arrays checked to be real ones, whose contents no page code can reach),
// and only then touches the exchange buffer, from where no page code runs
// until the results are copied out. A nested call thus completes before the
// outer one uses the buffer, and both give the right answer. Should page code
// still run inside that stretch (only a page that replaced the built-in
// typed-array methods could make it), the nested call throws an Error
// instead of disturbing the outer one.
//
// Sizes are checked before anything is copied: when a call needs more room
// than the exchange buffer has, Go checks the call's sizes first (a dry
// run that reads no data) and the buffer grows only if they pass, never past
// its cap. A refused call leaves the memory as it was.

export const VERSION = '1.0.0';

const ABI = 2;

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
// The evidence maps predict returns with {explain}, by their number in
// lenet.wasm (apicore.Method).
const EXPLAIN = ['', 'occlusion', 'gradient'];

const MAX_INT = 1 << 30; // larger numbers are refused before they reach Go's int32 arguments

const isNode = typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';

// Checks that run no page code: the built-in getters of typed arrays and
// ArrayBuffers, taken when this module loads, answer for real ones only (a
// Proxy around a typed array is not one) and call nothing a page defines.
const call = (f) => Function.prototype.call.bind(f);
const getter = (proto, key) => call(Object.getOwnPropertyDescriptor(proto, key).get);
const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
const typedKind = getter(TypedArray, Symbol.toStringTag); // 'Float32Array' …, undefined for anything else
const typedLength = getter(TypedArray, 'length');
const typedBuffer = getter(TypedArray, 'buffer');
const typedOffset = getter(TypedArray, 'byteOffset');
const typedBytes = getter(TypedArray, 'byteLength');
const bufferBytes = getter(ArrayBuffer.prototype, 'byteLength'); // throws unless an ArrayBuffer
const viewBuffer = getter(DataView.prototype, 'buffer'); // throws unless a DataView
const viewOffset = getter(DataView.prototype, 'byteOffset');
const viewBytes = getter(DataView.prototype, 'byteLength');
const isArrayBuffer = (v) => {
  try {
    bufferBytes(v);
    return true;
  } catch {
    return false;
  }
};
const isDataView = (v) => {
  try {
    viewBuffer(v);
    return true;
  } catch {
    return false;
  }
};
// A detached buffer (transferred to a worker or by structuredClone) has no
// bytes and refuses every new view.
const isDetached = (buf) => {
  try {
    new Uint8Array(buf, 0, 0);
    return false;
  } catch {
    return true;
  }
};

const describe = (v) => {
  if (v === null) return 'null';
  const kind = typedKind(v);
  if (kind) return `${/^[AEIOU]/.test(kind) ? 'an' : 'a'} ${kind}`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') {
    let name;
    try {
      if (Array.isArray(v)) return 'an Array';
      name = v.constructor?.name; // may run page code: only for messages
    } catch {
      return 'an object';
    }
    if (typeof name !== 'string' || !name || name === 'Object') return 'an object';
    if (/^(Big)?(Ui|I)nt(8|16|32|64)(Clamped)?Array$|^Float(16|32|64)Array$/.test(name)) {
      return `an object that looks like a ${name} but is not one (a Proxy around a typed array?); pass the typed array itself`;
    }
    return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
  }
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
};

// typedData returns v if it is a typed array of one of kinds, else throws a
// TypeError saying what was expected.
function typedData(fn, name, v, kinds, expected) {
  if (!kinds.includes(typedKind(v))) throw new TypeError(`${fn}: ${name} must be ${expected}, got ${describe(v)}`);
  return v;
}

// typedCount returns the length of a typed array checked by typedData, or
// throws a TypeError if its buffer was detached. Call it once no more page
// code can run before the data is copied.
function typedCount(fn, name, v) {
  const n = typedLength(v);
  if (n === 0 && isDetached(typedBuffer(v))) {
    throw new TypeError(`${fn}: ${name} is a ${typedKind(v)} whose ArrayBuffer is detached (transferred to a worker or by structuredClone); pass data that is still there`);
  }
  return n;
}

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
  if (src instanceof URL) return new URL(src.href);
  if (typeof src !== 'string' || src === '') {
    const kinds = what === 'options.wasm' ? 'a URL, a string, bytes or a WebAssembly.Module' : 'a URL or a path';
    throw new TypeError(`load: ${what} must be ${kinds}, got ${describe(src)}`);
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

// nodeModule imports one of Node's own modules, only ever in Node. The
// name is a variable so that a bundler making a browser bundle leaves the
// import alone instead of failing to find node:fs.
const nodeModule = (name) => import(/* webpackIgnore: true */ /* @vite-ignore */ name);

async function fetchModule(url) {
  if (url.protocol === 'file:') {
    const { readFile } = await nodeModule('node:fs/promises');
    const { fileURLToPath } = await nodeModule('node:url');
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
  if (typedKind(src) === 'Uint8Array') return WebAssembly.compile(src);
  const url = toURL(src, 'options.wasm');
  let p = modules.get(url.href);
  if (!p) {
    p = fetchModule(url);
    modules.set(url.href, p);
    p.catch(() => modules.delete(url.href));
  }
  return p;
}

// Go's glue, wasm_exec.js, is a classic script that defines globalThis.Go
// when it runs; it needs crypto, performance and TextEncoder/TextDecoder,
// which browsers and Node ≥ 20 provide. lenet.wasm must run with the glue
// of the Go that built it, so lenet.js runs its own copy (beside it, or
// where options.wasmExec or options.base say) and keeps the class that copy
// defines, and puts back whatever globalThis.Go the page had: a page that
// runs another Go program, with another Go's glue, keeps its own.
//
// The classes are kept by the glue's URL in one Map shared by every copy of
// lenet.js on the page (a module is run only once per URL, so a second copy
// importing the same glue would otherwise find no class).
const GLUES = Symbol.for('seecnn.lenet.goGlues');
const glues = (() => {
  let m = globalThis[GLUES];
  if (!(m instanceof Map)) {
    m = new Map();
    Object.defineProperty(globalThis, GLUES, { value: m });
  }
  return m;
})();

function goClass(url) {
  let p = glues.get(url.href);
  if (p) return p;
  const had = Object.getOwnPropertyDescriptor(globalThis, 'Go');
  p = import(url.href).then(
    () => {
      const Go = globalThis.Go;
      // Put back the page's Go (or none), whatever the glue did.
      if (had) Object.defineProperty(globalThis, 'Go', had);
      else delete globalThis.Go;
      if (typeof Go !== 'function' || (had && Go === had.value)) {
        throw new Error(`load: ${url.href} did not define Go; is it Go's wasm_exec.js, and not loaded as a module elsewhere on the page?`);
      }
      return Go;
    },
    (e) => {
      throw new Error(`load: cannot load Go's glue ${url.href} (${e.message}); it comes with lenet.js (./build.sh build writes it beside it)`, { cause: e });
    },
  );
  glues.set(url.href, p);
  p.catch(() => glues.delete(url.href));
  return p;
}

// where returns the URL of a file lenet.js needs: options[key] if given,
// else name in options.base, else name beside lenet.js.
function where(o, key, name) {
  if (o[key] !== undefined) return toURL(o[key], `options.${key}`);
  if (o.base !== undefined) {
    const base = toURL(o.base, 'options.base');
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    return new URL(name, base);
  }
  return new URL('./' + name, import.meta.url);
}

// bytesOf returns a copy of the bytes of an ArrayBuffer, a typed array or
// a DataView, or null for anything else; a detached buffer is a TypeError.
function bytesOf(fn, name, v) {
  let buf, offset, length;
  if (isArrayBuffer(v)) [buf, offset, length] = [v, 0, bufferBytes(v)];
  else if (typedKind(v)) [buf, offset, length] = [typedBuffer(v), typedOffset(v), typedBytes(v)];
  else if (isDataView(v)) [buf, offset, length] = [viewBuffer(v), viewOffset(v), viewBytes(v)];
  else return null;
  if (length === 0 && isDetached(buf)) {
    throw new TypeError(`${fn}: ${name} is held in a detached ArrayBuffer (transferred to a worker or by structuredClone); pass bytes that are still there`);
  }
  return new Uint8Array(buf, offset, length).slice();
}

/**
 * Loads lenet.wasm and returns a ready network.
 * options.wasm: where lenet.wasm is (URL, path in Node, bytes or a compiled
 * WebAssembly.Module); by default the file beside lenet.js.
 * options.wasmExec: where Go's wasm_exec.js is (URL or path in Node); by
 * default the file beside lenet.js.
 * options.base: a folder (URL or path) holding both, for a bundle that
 * moved lenet.js away from them.
 * options.weights: a weights file (lenet.Encode's format) to use instead of
 * the shipped trained weights.
 * Every failure is an Error (TypeError, RangeError, …) whose message
 * starts with "load:".
 */
export async function load(options) {
  try {
    return await loadNet(options);
  } catch (e) {
    if (e instanceof Error && !e.message.startsWith('load:')) {
      const E = [TypeError, RangeError, WebAssembly.CompileError, WebAssembly.LinkError, WebAssembly.RuntimeError].find((c) => e instanceof c) ?? Error;
      throw new E(`load: ${e.message}`, { cause: e });
    }
    throw e;
  }
}

async function loadNet(options) {
  // Read every option once, and copy the bytes given, before anything waits:
  // what the page does with them afterwards changes nothing here.
  const o = checkOptions('load', options, ['wasm', 'wasmExec', 'base', 'weights']);
  const w = o.weights, src = o.wasm;
  let weights;
  if (w !== undefined) {
    weights = bytesOf('load', 'options.weights', w);
    if (!weights) {
      throw new TypeError(`load: options.weights must be an ArrayBuffer or a Uint8Array holding a LeNet-5 weights file, got ${describe(w)}`);
    }
  }
  const wasmBytes = src === undefined ? null : bytesOf('load', 'options.wasm', src);
  const paths = { wasm: src, wasmExec: o.wasmExec, base: o.base };
  for (const k of ['wasmExec', 'base']) if (paths[k] !== undefined) toURL(paths[k], `options.${k}`); // checked now, before anything waits
  const wasmSrc = src === undefined || typeof src === 'string' || src instanceof URL ? where(paths, 'wasm', 'lenet.wasm') : wasmBytes ?? src;
  const [module, Go] = await Promise.all([compile(wasmSrc), goClass(where(paths, 'wasmExec', 'wasm_exec.js'))]);
  const go = new Go();
  let exitCode = null;
  go.exit = (code) => {
    exitCode = code;
  };
  const instance = await WebAssembly.instantiate(module, go.importObject);
  for (const name of ['mem', 'lenet_layout', 'lenet_status', 'lenet_predict', 'lenet_reserve', 'lenet_explain']) {
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
  #maxBytes; // the exchange buffer's cap (apicore.MaxScratchBytes)
  #maxWeights; // the longest valid weights file (lenet.MaxFileSize)
  #busy = ''; // the call that is using the exchange buffer

  constructor(go, instance, exitCode, weights) {
    this.#go = go;
    this.#ex = instance.exports;
    this.#exitCode = exitCode;
    const layoutPtr = this.#ex.lenet_layout();
    const version = new Uint32Array(this.#ex.mem.buffer, layoutPtr, 1)[0];
    if (version !== ABI) throw new Error(`load: lenet.wasm speaks version ${version}, lenet.js ${ABI}; rebuild the site`);
    const table = new Uint32Array(this.#ex.mem.buffer, layoutPtr, 2 + 2 * BUFFERS.length + 2).slice();
    this.#maxBytes = table[2 + 2 * BUFFERS.length];
    this.#maxWeights = table[3 + 2 * BUFFERS.length];
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

  // #exchange runs one call through the exchange buffer, once every
  // argument has been read: bytes is how much room the arguments take,
  // run(dry) calls the export (with dry set it only checks the sizes),
  // fill(p) copies the arguments to address p, and collect(status) copies
  // the results out. The buffer grows only after a dry run accepted the
  // sizes.
  #exchange(fn, bytes, run, fill, collect) {
    if (this.#busy) {
      throw new Error(`lenet: ${fn} was called while ${this.#busy} was using the exchange buffer of this network ` +
        '(from page code that runs inside built-in typed-array methods?); make the calls one after the other');
    }
    if (bytes > this.#maxBytes) {
      throw new RangeError(`${fn}: the arguments take ${bytes} bytes; at most ${this.#maxBytes} are accepted in one call`);
    }
    this.#busy = fn;
    try {
      if (bytes > this.#regs[REG_SCRATCH_CAP]) {
        if (run) this.#invoke(run, 1);
        this.#invoke(this.#ex.lenet_reserve, bytes);
      }
      fill(this.#regs[REG_SCRATCH_PTR]);
      let st;
      try {
        st = run ? run(0) : OK;
      } catch (e) {
        this.#dead = `lenet: the WebAssembly program failed (${e.message}); this instance can no longer be used — call load() again`;
        throw new Error(this.#dead, { cause: e });
      }
      return collect(this.#call(st));
    } finally {
      this.#busy = '';
    }
  }

  #setWeights(bytes) {
    if (bytes.length > this.#maxWeights) {
      throw new RangeError(`load: options.weights has ${bytes.length} bytes; a LeNet-5 weights file has at most ${this.#maxWeights}`);
    }
    this.#exchange('load', bytes.length, null, (p) => this.#u8.set(bytes, p), () => {
      this.#invoke(this.#ex.lenet_set_weights, bytes.length);
      this.#invoke(this.#ex.lenet_meta);
      this.#meta = this.#text();
      this.#custom = true;
    });
  }

  /**
   * Runs LeNet-5 on an image: ImageData, a canvas, an OffscreenCanvas or
   * {data, width, height}. See lenet.d.ts for the result.
   */
  predict(image, options) {
    this.#alive();
    const fn = 'predict';
    let preprocess = true, layers = true, explain = 0, target = -1;
    if (options !== undefined) {
      const o = checkOptions(fn, options, ['preprocess', 'layers', 'explain', 'target']);
      preprocess = checkBool(fn, 'options.preprocess', o.preprocess, true);
      layers = checkBool(fn, 'options.layers', o.layers, true);
      const ex = o.explain, t = o.target;
      if (ex !== undefined) {
        explain = EXPLAIN.indexOf(ex);
        if (explain < 1) throw new TypeError(`predict: options.explain must be 'occlusion' or 'gradient', got ${describe(ex)}`);
      }
      if (t !== undefined) {
        if (!explain) throw new TypeError('predict: options.target says whose evidence options.explain maps; give explain too');
        target = checkInt(fn, 'options.target', t, 0, 9);
      }
    }
    const { data, width, height } = readImage(image);
    // No page code runs from here on.
    const n = typedCount(fn, 'image.data', data);
    let format, bytes;
    if (typedKind(data) === 'Float32Array') {
      if (n !== width * height) {
        throw new RangeError(`predict: a ${width}×${height} image needs ${width * height} grey values, the Float32Array has ${n}`);
      }
      format = GRAYF32;
      bytes = 4 * n;
    } else {
      if (n === width * height) format = GRAY8;
      else if (n === 4 * width * height) format = RGBA8;
      else {
        throw new RangeError(`predict: a ${width}×${height} image needs ${width * height} grey bytes or ${4 * width * height} RGBA bytes, the data has ${n}`);
      }
      bytes = n;
    }
    const pre = preprocess ? 1 : 0;
    return this.#exchange(fn, bytes,
      (dry) => this.#ex.lenet_predict(format, width, height, n, pre, dry),
      (p) => {
        if (format === GRAYF32) this.#f32.set(data, p >>> 2);
        else this.#u8.set(data, p);
      },
      (st) => {
        const r = this.#prediction(st, layers);
        if (explain) {
          r.explanation = null;
          if (st !== EMPTY) {
            this.#invoke(this.#ex.lenet_explain, explain, target);
            const m = this.#result();
            r.explanation = { method: EXPLAIN[explain], target: target < 0 ? r.label : target, shape: [m.height, m.width], data: m.data };
          }
        }
        return r;
      });
  }

  #prediction(st, layers) {
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
    const pad = o.padding, st = o.stride, md = o.mode, b = o.bias;
    let padding = 0, same = 0;
    if (pad === 'same') same = 1;
    else if (pad === 'valid' || pad === undefined) padding = 0;
    else if (typeof pad === 'string') {
      throw new RangeError(`${fn}: padding must be a whole number ≥ 0, 'same' or 'valid', got ${describe(pad)}`);
    } else padding = checkInt(fn, 'padding', pad, 0);
    const stride = st === undefined ? 1 : checkInt(fn, 'stride', st, 1);
    let mode = 0;
    if (md === 'convolution') mode = 1;
    else if (md !== undefined && md !== 'correlation') {
      if (typeof md !== 'string') throw new TypeError(`${fn}: mode must be 'correlation' or 'convolution', got ${describe(md)}`);
      throw new RangeError(`${fn}: mode must be 'correlation' or 'convolution', got ${describe(md)}`);
    }
    const bias = b === undefined ? null : readBias(fn, b, k.count, this.#maxBytes);
    // No page code runs from here on.
    const nIn = tensorCount(fn, 'input', x), nK = tensorCount(fn, 'kernels', k);
    const nB = bias ? typedCount(fn, 'bias', bias) : 0;
    if (bias && nB !== k.count) throw new RangeError(`${fn}: bias has ${nB} value(s) for ${k.count} kernel(s); give one per kernel`);
    return this.#exchange(fn, 4 * (nIn + nK + nB),
      (dry) => this.#ex.lenet_conv2d(x.channels, x.height, x.width, k.count, k.channels, k.height, k.width,
        padding, same, stride, mode, bias ? 1 : 0, dry),
      (p) => {
        p >>>= 2;
        this.#f32.set(x.data, p);
        this.#f32.set(k.data, p + nIn);
        if (bias) this.#f32.set(bias, p + nIn + nK);
      },
      () => this.#result());
  }

  /** Max or average pooling of every channel, for course exercises. */
  pool2d(input, options) {
    this.#alive();
    const fn = 'pool2d';
    const x = readTensor(fn, 'input', input, false);
    const o = checkOptions(fn, options, ['size', 'stride', 'mode']);
    const sz = o.size, st = o.stride, md = o.mode;
    const size = sz === undefined ? 2 : checkInt(fn, 'size', sz, 1);
    const stride = st === undefined ? size : checkInt(fn, 'stride', st, 1);
    let mode = 0;
    if (md === 'avg' || md === 'average') mode = 1;
    else if (md !== undefined && md !== 'max') {
      if (typeof md !== 'string') throw new TypeError(`${fn}: mode must be 'max' or 'avg', got ${describe(md)}`);
      throw new RangeError(`${fn}: mode must be 'max' or 'avg', got ${describe(md)}`);
    }
    // No page code runs from here on.
    const n = tensorCount(fn, 'input', x);
    return this.#exchange(fn, 4 * n,
      (dry) => this.#ex.lenet_pool2d(x.channels, x.height, x.width, size, stride, mode, dry),
      (p) => this.#f32.set(x.data, p >>> 2),
      () => this.#result());
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

  // The capacity of the exchange buffer in bytes, for the memory tests.
  [Symbol.for('lenet.test.scratch')]() {
    return this.#regs[REG_SCRATCH_CAP];
  }

  // The raw exports, for the benchmark that separates the cost of the
  // crossing from the cost of the network.
  [Symbol.for('lenet.test.exports')]() {
    return this.#ex;
  }
}

// readImage accepts ImageData, a canvas, an OffscreenCanvas or
// {data, width, height}, reads each property once, and returns
// {data, width, height}: data a real typed array (its length is checked
// later), width and height whole numbers.
function readImage(image) {
  const expected = 'ImageData, an HTMLCanvasElement, an OffscreenCanvas or {data, width, height}';
  if (image === null || typeof image !== 'object') throw new TypeError(`predict: image must be ${expected}, got ${describe(image)}`);
  const isCanvas = (typeof HTMLCanvasElement === 'function' && image instanceof HTMLCanvasElement) ||
    (typeof OffscreenCanvas === 'function' && image instanceof OffscreenCanvas);
  if (isCanvas) {
    const width = image.width, height = image.height;
    if (!(width >= 1 && height >= 1)) throw new RangeError(`predict: the canvas is ${width}×${height}; it must be at least 1×1`);
    const ctx = image.getContext('2d', { willReadFrequently: true });
    if (!ctx) {
      throw new TypeError('predict: the canvas has no 2D context (it is used for WebGL?); pass ImageData or a 2D canvas instead');
    }
    image = ctx.getImageData(0, 0, width, height);
  }
  const data = image.data, width = image.width, height = image.height;
  if (data === undefined && typeof width === 'number' && typeof height === 'number') {
    throw new TypeError(`predict: image is ${describe(image)} with no pixel data; draw it on a canvas (ctx.drawImage) and pass the canvas, or pass ${expected}`);
  }
  typedData('predict', 'image.data', data, ['Uint8Array', 'Uint8ClampedArray', 'Float32Array'],
    'a Uint8Array or Uint8ClampedArray (grey or RGBA bytes) or a Float32Array (grey, 0..1)');
  checkInt('predict', 'image.width', width, 1, 1 << 16);
  checkInt('predict', 'image.height', height, 1, 1 << 16);
  return { data, width, height };
}

// readTensor reads {data, channels, height, width} (and count for
// kernels), each property once, into a plain object; data is a real
// Float32Array whose length tensorCount checks.
function readTensor(fn, name, t, isKernel, inputChannels) {
  const form = isKernel ? '{data, count, channels, height, width}' : '{data, channels, height, width}';
  if (t === null || typeof t !== 'object') throw new TypeError(`${fn}: ${name} must be a tensor ${form}, got ${describe(t)}`);
  const data = typedData(fn, `${name}.data`, t.data, ['Float32Array'], 'a Float32Array (channel-major, row-major)');
  const c = isKernel ? t.count : undefined;
  const count = c === undefined ? 1 : checkInt(fn, `${name}.count`, c, 1);
  const ch = t.channels;
  const channels = ch === undefined ? (isKernel ? inputChannels : 1) : checkInt(fn, `${name}.channels`, ch, 1);
  const height = checkInt(fn, `${name}.height`, t.height, 1);
  const width = checkInt(fn, `${name}.width`, t.width, 1);
  return { data, count, channels, height, width, isKernel };
}

// tensorCount checks that a tensor's data holds its shape and returns its
// length. Call it once no more page code can run before the data is copied.
function tensorCount(fn, name, t) {
  const n = typedCount(fn, `${name}.data`, t.data);
  const need = t.count * t.channels * t.height * t.width;
  if (n !== need) {
    const dims = t.isKernel ? `${t.count}×${t.channels}×${t.height}×${t.width}` : `${t.channels}×${t.height}×${t.width}`;
    throw new RangeError(`${fn}: ${name} is ${dims} = ${need} values but ${name}.data has ${n}`);
  }
  return n;
}

// readBias reads conv2d's bias: a real Float32Array or Float64Array, or an
// Array (or array-like Proxy) whose values it copies, each read once.
function readBias(fn, b, count, maxBytes) {
  const kind = typedKind(b);
  if (kind === 'Float32Array' || kind === 'Float64Array') return b;
  if (!Array.isArray(b)) {
    throw new TypeError(`${fn}: bias must be an array of ${count} number(s), one per kernel, got ${describe(b)}`);
  }
  const n = b.length;
  if (n !== count) throw new RangeError(`${fn}: bias has ${n} value(s) for ${count} kernel(s); give one per kernel`);
  if (4 * n > maxBytes) throw new RangeError(`${fn}: bias has ${n} values; at most ${maxBytes / 4} are accepted in one call`);
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = b[i];
    if (typeof x !== 'number') throw new TypeError(`${fn}: bias[${i}] must be a number, got ${describe(x)}`);
    v[i] = x;
  }
  return v;
}
