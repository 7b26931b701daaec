// Types of lenet.js, LeNet-5 in WebAssembly for course pages, browsers and
// Node ≥ 20. Every bad argument throws a TypeError (wrong kind of value) or
// a RangeError (wrong size or value) whose message says what was expected.
//
// Arguments are read once. Each call reads every property it uses exactly
// once (a getter runs once), before it touches the network's shared
// buffers, and copies nothing until every size has been checked: a refused
// call allocates nothing, and the WebAssembly memory does not grow for it.
// Pixel and tensor data must be real typed arrays (a Proxy around one is a
// TypeError, as is an array whose ArrayBuffer was detached, e.g. transferred
// to a worker).
//
// Calls from inside calls are safe. A getter, Proxy or valueOf in the
// arguments of one call may call predict, conv2d or pool2d again (on the
// same network or another): the inner call completes first and both return
// the right result. (Only a page that replaces the built-in typed-array
// methods could run code while a call uses the shared buffers; such a nested
// call throws an Error and leaves the outer call intact.)
//
// Overflow is an error. Values beyond float32's range (about ±3.4·10³⁸) are
// never returned: conv2d and pool2d throw a RangeError when a sum
// overflows, and predict throws one for input values large enough that a
// sum inside the network could overflow (beyond a bound computed from the
// weights, about ±2·10²⁶ for the shipped ones).

/** The version of this API, e.g. "1.0.0". */
export const VERSION: string;

export interface LoadOptions {
  /**
   * Where lenet.wasm is: a URL (relative URLs resolve against the page in a
   * browser), a file path in Node, its bytes, or a compiled module.
   * Default: lenet.wasm beside lenet.js.
   */
  wasm?: string | URL | ArrayBuffer | ArrayBufferView | WebAssembly.Module;
  /**
   * Where Go's wasm_exec.js is (the glue of the Go that built lenet.wasm,
   * which comes with it): a URL or a file path in Node. Default:
   * wasm_exec.js beside lenet.js. lenet.js runs its own copy and leaves any
   * globalThis.Go the page has as it was.
   */
  wasmExec?: string | URL;
  /**
   * A folder (URL, or a path in Node) that holds lenet.wasm and
   * wasm_exec.js, for a bundle that moved lenet.js away from them; wasm and
   * wasmExec, when given, take precedence.
   */
  base?: string | URL;
  /**
   * A weights file in the project's format (what `lenet train` writes) to
   * run instead of the shipped trained weights, at most 251,068 bytes. A
   * file that is not valid (wrong magic, shapes, checksum, non-finite
   * values, too long) rejects with a RangeError saying what is wrong. The
   * bytes are copied when load is called: changing them afterwards changes
   * nothing.
   */
  weights?: ArrayBuffer | ArrayBufferView;
}

/**
 * Loads lenet.wasm and resolves to a ready network. Every failure rejects
 * with an Error (TypeError, RangeError, WebAssembly.CompileError …) whose
 * message starts with "load:". In a browser it uses
 * fetch with WebAssembly.compileStreaming (falling back to the whole file
 * when the server does not send application/wasm); in Node it reads the
 * file. Loading the same URL again reuses the compiled module.
 */
export function load(options?: LoadOptions): Promise<Net>;

/**
 * An image for predict. data is
 * - Uint8Array or Uint8ClampedArray of width·height grey bytes (0 black,
 *   255 white) or width·height·4 RGBA bytes (what ImageData holds), or
 * - Float32Array of width·height grey values in 0..1 (without
 *   preprocessing: any finite values up to about ±2·10²⁶, fed to the
 *   network as they are; larger ones could overflow inside it and are a
 *   RangeError).
 * Rows top to bottom, each left to right.
 */
export interface ImageLike {
  data: Uint8Array | Uint8ClampedArray | Float32Array;
  width: number;
  height: number;
}

export interface PredictOptions {
  /**
   * Run the canvas preprocessing (default true): detect the polarity, crop
   * to the ink, scale the longer side to 20 pixels by area averaging, centre
   * by the centre of mass in 28×28, pad to 32×32. Accepts images up to 8192
   * pixels a side and 4,194,304 pixels in all. With false the image must be
   * exactly 32×32 and is fed as it is (ink bright on a dark background).
   */
  preprocess?: boolean;
  /**
   * Return every layer's activations (default true). Leave it false when
   * only the class is needed: it saves copying 8,094 values.
   */
  layers?: boolean;
  /**
   * Also map the evidence for a class over the 32×32 input (the result's
   * explanation), measured on the class's score before softmax (its logit):
   * 'occlusion' gives every pixel the mean drop of the score when the 4×4
   * patches (stride 1) that cover it are set to background (positive where
   * the ink spoke for the class); 'gradient' the score's derivative with
   * respect to the pixel (positive where more ink would raise it). An
   * occlusion map costs about as much as 130 predictions, a gradient about
   * three.
   */
  explain?: 'occlusion' | 'gradient';
  /** The class whose evidence explain maps, 0–9 (default: the predicted one). */
  target?: number;
}

/** An evidence map (predict's option explain). */
export interface Explanation {
  method: 'occlusion' | 'gradient';
  /** The class whose evidence it is. */
  target: number;
  /** [32, 32]: height and width, as the network's input. */
  shape: [number, number];
  /** The map, row-major: pixel (y, x) is data[y·32 + x]. A copy that belongs to the caller. */
  data: Float32Array;
}

export type LayerName = 'C1' | 'S2' | 'C3' | 'S4' | 'C5' | 'F6' | 'Output';

/** One layer's output for the last image: channels × height × width. */
export interface LayerActivation {
  name: LayerName;
  /** [channels, height, width], e.g. [6, 28, 28] for C1, [84, 1, 1] for F6. */
  shape: [number, number, number];
  /**
   * The values, channel-major then row-major: value (c, y, x) is
   * data[(c·height + y)·width + x]. After the layer's activation (ReLU for
   * C1, C3, C5, F6); Output holds the logits, before softmax. The array is
   * a copy that belongs to the caller; later calls do not change it.
   */
  data: Float32Array;
}

export interface Prediction {
  /** The most probable digit 0–9, or -1 when the canvas is empty. */
  label: number;
  /** The ten class probabilities (softmax), summing to 1; all 0 when empty. */
  probs: Float32Array;
  /** The ten scores before softmax; all 0 when empty. */
  logits: Float32Array;
  /**
   * True when the canvas holds no ink (blank, or only faint noise): the
   * network did not run, label is -1 and every array is zero. Not an error,
   * so a page can call predict on every frame, before anything is drawn.
   * Only the preprocessing decides this; with {preprocess: false} the
   * network always runs and empty is false.
   */
  empty: boolean;
  /** The 32×32 image the network saw (after preprocessing), row-major. */
  input: Float32Array;
  /**
   * C1, S2, C3, S4, C5, F6 and Output in that order when options.layers is
   * true (all zero when empty); an empty array otherwise.
   */
  layers: LayerActivation[];
  /**
   * With options.explain: the evidence map, or null when the canvas is
   * empty. Absent otherwise.
   */
  explanation?: Explanation | null;
}

/** A row of the lecture's LeNet-5 table. */
export interface SummaryLayer {
  name: LayerName;
  kind: 'convolution' | 'max pooling' | 'fully connected';
  /** The operation in the lecture's words, e.g. "6 kernels 1×5×5, stride 1, no padding, ReLU". */
  operation: string;
  input: [number, number, number];
  output: [number, number, number];
  /** Window side (0 for fully connected layers). */
  kernel: number;
  stride: number;
  padding: number;
  activation: 'ReLU' | 'softmax' | 'none' | string;
  /** weights + biases, e.g. 156 for C1. */
  parameters: number;
  weights: number;
  biases: number;
  /** The parameter count written out, e.g. "(1·5·5+1)·6 = 156". */
  formula: string;
  /** Multiply-accumulates of one forward pass. */
  macs: number;
  /** Edges between input and output units (122,304 for C1: weight sharing). */
  connections: number;
}

export interface Summary {
  layers: SummaryLayer[];
  totals: {
    /** 50,692 */
    convolutionParameters: number;
    /** 11,014 */
    fullyConnectedParameters: number;
    /** 61,706 */
    parameters: number;
    weights: number;
    biases: number;
    /** 416,520 */
    macs: number;
    connections: number;
  };
  /** The table as text, as `lenet summary` prints it. */
  text: string;
}

/** A tensor: channels × height × width values, channel-major, row-major. */
export interface Tensor {
  data: Float32Array;
  /** Default 1. */
  channels?: number;
  height: number;
  width: number;
}

/** The result of conv2d and pool2d; data is a copy owned by the caller. */
export interface TensorResult {
  data: Float32Array;
  channels: number;
  height: number;
  width: number;
}

/**
 * count kernels of channels × height × width, stored (count, channels,
 * height, width) as PyTorch stores Conv2d weights.
 */
export interface Kernels {
  data: Float32Array;
  /** Default 1. */
  count?: number;
  /** Default: the input's channels; must match them. */
  channels?: number;
  height: number;
  width: number;
}

export interface Conv2dOptions {
  /**
   * Zero rows and columns added on every side (default 0); 'same' keeps the
   * size at stride 1 (odd kernels only); 'valid' is 0.
   */
  padding?: number | 'same' | 'valid';
  /** Step of the window, ≥ 1 (default 1). */
  stride?: number;
  /**
   * 'correlation' (default) slides the kernel as it is — what deep-learning
   * libraries call convolution; 'convolution' first flips it in both
   * directions.
   */
  mode?: 'correlation' | 'convolution';
  /** One number per kernel, added to its map. */
  bias?: number[] | Float32Array | Float64Array;
}

export interface Pool2dOptions {
  /** Window side (default 2). */
  size?: number;
  /** Step (default: size). */
  stride?: number;
  /** 'max' (default) or 'avg' (also 'average'). */
  mode?: 'max' | 'avg' | 'average';
}

export interface Net {
  /** The version of this API. */
  readonly version: string;
  /** The weights in use: custom (given to load) or shipped, and the provenance text stored in the file. */
  readonly weights: { custom: boolean; meta: string };

  /**
   * Runs LeNet-5 on an image: ImageData, an HTMLCanvasElement or
   * OffscreenCanvas with a 2D context, or {data, width, height}.
   */
  predict(image: ImageLike | ImageData | HTMLCanvasElement | OffscreenCanvas, options?: PredictOptions): Prediction;

  /** The lecture's LeNet-5 table; a fresh copy on each call. */
  summary(): Summary;

  /**
   * Correlation (or convolution) for course exercises:
   * out[n][y][x] = bias[n] + Σ_c Σ_i Σ_j in[c][y·s+i−p][x·s+j−p] · k[n][c][i][j].
   * A window that does not tile the padded input — (M + 2p − h) not a
   * multiple of the stride — is a RangeError that shows the arithmetic.
   * At most 4,194,304 values per tensor and 2^30 multiply-accumulates;
   * input, kernels and bias together at most 67,108,864 bytes. A sum
   * beyond float32's range (about ±3.4·10³⁸) is a RangeError naming the
   * output value, never Infinity.
   */
  conv2d(input: Tensor, kernels: Kernels, options?: Conv2dOptions): TensorResult;

  /**
   * Max or average pooling of every channel, no padding. At most 4,194,304
   * input values and 2^30 window reads; an average whose sum overflows
   * float32 is a RangeError.
   */
  pool2d(input: Tensor, options?: Pool2dOptions): TensorResult;
}
