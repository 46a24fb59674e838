/**
 * The constants of one step of chain(addL2Gradient(coupled), scaleByAdam, addDecayedWeights(decoupled),
 * scaleByLearningRate(eta)): the bias corrections `correction1` = 1 - β1^t and `correction2` = 1 - β2^t (1 without
 * bias correction).
 */
export interface AdamPassOptions {
  beta1: number;
  beta2: number;
  eps: number;
  eta: number;
  /** λ of the coupled L2 gradient (g + λw before the moments; `adam`'s weight decay). */
  coupled: number;
  /** λ of the decoupled decay (w - ηλw after the moments; `adamw`'s weight decay). */
  decoupled: number;
  correction1: number;
  correction2: number;
}

/**
 * Weights and first moments below 1e-100 in magnitude (second moments below 1e-200) are set to 0 every
 * {@link FLUSH_EVERY} steps. Coordinates no example pushes decay geometrically under the weight decay; left alone
 * they reach subnormal numbers within a few thousand steps, whose arithmetic is ~100x slower on x86 (measured: 2.3 ->
 * 5.5 ms a step at d 10000 by epoch 100 of a B = 2 run). A weight of 1e-100 changes no activation, loss or error in
 * any printed digit.
 */
export const TINY = 1e-100;

/**
 * Steps between flushes: in 256 steps a value decays by at most ~1e-32 (w ~0.75 a step, m 0.9, v 0.999), so
 * nothing flushed at 1e-100 gets near the subnormal range (2.2e-308) in between.
 */
export const FLUSH_EVERY = 256;

/** Weights, gradient and moments of a run (float64, `size` each), and the Adam pass over them. */
export interface AdamPassState {
  weights: Float64Array;
  grad: Float64Array;
  first: Float64Array;
  second: Float64Array;
  /** The backend whose kernel runs the pass. */
  backend: string;
  /** What runs it: the WebAssembly SIMD kernel, or the float64 JavaScript loop. */
  kernel: 'wasm' | 'js';
  /** Threads the pass is split over. */
  threads: number;
  /**
   * For a pass split over two threads: how many chunks the worker thread has run so far (the main thread runs the
   * rest; tests use it to see both threads at work).
   */
  workerChunks?: () => number;
  /**
   * One Adam step over every coordinate, clearing the gradient for the next step:
   * g = grad + coupled·w; m = β1 m + (1-β1) g; v = β2 v + (1-β2) g²;
   * w = w - η ((m / correction1)/(sqrt(v / correction2) + ε) + decoupled·w);
   * then, when `flush`, entries below {@link TINY} set to 0.
   */
  step(options: AdamPassOptions, flush: boolean): void;
  /**
   * The sparse-row gather and scatter over these weights and this gradient, present when the setup asked for
   * `rows`.
   */
  rows?: SparseRows;
  /** Stops the worker thread, if any. */
  close(): void;
}

/**
 * Examples stored as sparse rows: example i's entries are `support[k]` (a row index) with `values[k]`, for k in
 * [offsets[i], offsets[i + 1]).
 */
export interface SparseExamples {
  offsets: ArrayLike<number>;
  support: ArrayLike<number>;
  values: ArrayLike<number>;
}

/**
 * An engine's sparse data beside the weights: the weights seen as rows of `width` coordinates (row r holds
 * coordinates [r·width, (r + 1)·width)), and one or more sets of {@link SparseExamples} whose row indices lie in
 * [0, size / width).
 */
export interface SparseRowsSetup {
  width: number;
  sets: readonly SparseExamples[];
}

/**
 * The two passes of a sparse-input layer over the weights and gradient of an {@link AdamPassState}, in the
 * backend's own memory (the wasm kernel reads the examples from wasm memory, copied there once at setup):
 * `out`, `filters` and `scales` are the passes' inputs and outputs, `width` long each.
 */
export interface SparseRows {
  readonly width: number;
  /** gather's accumulator: set its starting values, call `gather`, read the sums. */
  readonly out: Float64Array;
  /** scatter's columns (the first `count` are used). */
  readonly filters: Int32Array;
  /** scatter's scale per column. */
  readonly scales: Float64Array;
  /**
   * out[c] += Σ_k weights[support[k]·width + c]·values[k] for every column c < width, over example `example` of
   * set `set`, k in increasing order (each column's sum in the order of a row-major loop: the same numbers on
   * every backend).
   */
  gather(set: number, example: number): void;
  /**
   * grad[support[k]·width + filters[a]] += scales[a]·values[k] for a < count, over example `example` of set `set`
   * (one term per coordinate and example, so the order within an example does not change the numbers).
   */
  scatter(set: number, example: number, count: number): void;
}

/**
 * The {@link AdamPass} kernel: allocates the four arrays of `size` float64 coordinates and returns the pass over
 * them, split over `threads` (1 or 2) where the backend can, and with `rows` the {@link SparseRows} passes over the
 * same arrays (the patch CNN's forward and gradient).
 *
 * @see Kingma & Ba, arXiv 1412.6980 (Adam); Loshchilov & Hutter, arXiv 1711.05101 (decoupled decay)
 */
export type AdamPassKernel = (setup: AdamPassSetup) => Promise<AdamPassState>;

/** What {@link AdamPassKernel} allocates: `size` coordinates, `threads` (1 or 2), and optional sparse rows. */
export interface AdamPassSetup {
  size: number;
  threads: number;
  rows?: SparseRowsSetup;
}

/** Most threads a split kernel uses: the Adam pass splits its coordinates into two halves. */
export const MAX_KERNEL_THREADS = 2;

/**
 * The threads kernels split over by default: `SGN_THREADS` when set (`sgn --threads` sets it), else the cores this
 * process may use (Node's `os.availableParallelism()`, a browser's `navigator.hardwareConcurrency`), at most
 * {@link MAX_KERNEL_THREADS}. A machine with one usable core gets one thread: two threads that must meet every step
 * on one core only wait for each other.
 *
 * @returns 1 or 2
 * @throws when `SGN_THREADS` is not a positive integer, naming its value
 */
export function defaultThreads(): number {
  const env = typeof process !== 'undefined' ? process.env?.SGN_THREADS : undefined;
  if (env !== undefined && env !== '') {
    if (!/^[1-9][0-9]*$/.test(env)) throw new Error(`SGN_THREADS must be a positive integer, got "${env}"`);
    return Math.min(Number(env), MAX_KERNEL_THREADS);
  }
  const os =
    typeof process !== 'undefined' && typeof process.getBuiltinModule === 'function'
      ? (process.getBuiltinModule('node:os') as typeof import('node:os') | undefined)
      : undefined;
  const cores = os?.availableParallelism?.() ?? globalThis.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(cores, MAX_KERNEL_THREADS));
}
