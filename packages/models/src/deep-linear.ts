import { createRng, normalTensor, requirePositiveIntegers, tf } from '@sgn/tensor';

/** Layers W_1 ... W_N of a deep linear network φ(x) = W_N ⋯ W_1 x (scalar output), named w1 ... wN. */
export type DeepLinearParams = Record<string, tf.Tensor2D>;

/** Options of {@link initDeepLinear}. */
export interface DeepLinearOptions {
  /** Depth N >= 1. */
  depth: number;
  /** Input dimension d. */
  d: number;
  /** Hidden width (all hidden layers). */
  width: number;
  /** 'balanced': the rank-1 recipe W_N = u_Nᵀ, W_i = u_{i+1}u_iᵀ with u_1 = w0/‖w0‖ and every layer scaled by
   * ‖w0‖^{1/N}; 'gaussian': entries N(0, std²). */
  init: 'balanced' | 'gaussian';
  /** The end-to-end vector to start from (balanced init; length d). */
  w0?: readonly number[];
  /** Entry standard deviation for the Gaussian init (default 1/√width). */
  std?: number;
  seed: number;
}

function unit(values: Float64Array): Float64Array {
  const norm = Math.hypot(...values);
  return values.map((v) => v / norm);
}

/** A deep linear network as float64 layers: W_j has shape [widths[j], widths[j-1]], widths[0] = d, last = 1. */
export interface DeepLinearLayers {
  widths: number[];
  /** Row-major layers W_1 ... W_N. */
  layers: Float64Array[];
}

/**
 * The balanced rank-1 initialization of the directional paper as float64 layers: W_N = u_Nᵀ, W_i = u_{i+1} u_iᵀ
 * with unit u's, u_1 = w_e(0)/‖w_e(0)‖, and every layer scaled by ‖w_e(0)‖^{1/N}, so that the end-to-end vector is
 * w_e(0) and W_{j+1}ᵀW_{j+1} = W_j W_jᵀ. Hidden unit vectors are seeded Gaussian directions. Depth 1 is w_e(0).
 *
 * @param options - depth N >= 1, hidden width, w_e(0), seed
 * @returns the layers (the float64 form the directional dynamics in @sgn/theory step)
 * @example
 * ```ts
 * const net = balancedDeepLinear({ depth: 4, width: 2, w0: [0.6, -0.8], seed: 0 });
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021; Arora, Cohen & Hazan 2018 (balancedness)
 */
export function balancedDeepLinear(options: {
  depth: number;
  width: number;
  w0: readonly number[];
  seed: number;
}): DeepLinearLayers {
  const { depth, width, seed } = options;
  requirePositiveIntegers({ depth, width });
  const d = options.w0.length;
  const norm = Math.hypot(...options.w0);
  if (!(norm > 0)) throw new Error('w0 must be nonzero');
  const rng = createRng(seed);
  const units = [unit(Float64Array.from(options.w0))];
  for (let j = 1; j < depth; j++) units.push(unit(rng.normalArray(width)));
  units.push(Float64Array.of(1));
  const scale = norm ** (1 / depth);
  const layers = units.slice(0, depth).map((lower, j) => {
    const upper = units[j + 1];
    const layer = new Float64Array(upper.length * lower.length);
    for (let r = 0; r < upper.length; r++)
      for (let c = 0; c < lower.length; c++) layer[r * lower.length + c] = scale * upper[r] * lower[c];
    return layer;
  });
  return { widths: [d, ...Array.from({ length: depth - 1 }, () => width), 1], layers };
}

/**
 * Initializes a deep linear network. The balanced init satisfies W_{j+1}ᵀW_{j+1} = W_jW_jᵀ and has end-to-end
 * vector w0, as the directional paper's experiments.
 *
 * @param options - depth, d, width, init, w0, seed
 * @returns layers w1 ... wN, W_j of shape [h_j, h_{j-1}] with h_0 = d and h_N = 1
 * @example
 * ```ts
 * const net = initDeepLinear({ depth: 4, d: 2, width: 2, init: 'balanced', w0: [0.6, -0.8], seed: 0 });
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021; Arora, Cohen & Hazan 2018
 */
export function initDeepLinear(options: DeepLinearOptions): DeepLinearParams {
  const { depth, d, width, seed } = options;
  requirePositiveIntegers({ depth, d, width });
  const widths = [d, ...Array.from({ length: depth - 1 }, () => width), 1];
  const rng = createRng(seed);
  const params: DeepLinearParams = {};
  if (options.init === 'gaussian') {
    for (let j = 1; j <= depth; j++)
      params[`w${j}`] = normalTensor(
        rng,
        [widths[j], widths[j - 1]],
        options.std ?? 1 / Math.sqrt(width),
      ) as tf.Tensor2D;
    return params;
  }
  if (options.init !== 'balanced')
    throw new Error(`init must be balanced or gaussian, got "${options.init as string}"`);
  const w0 = options.w0;
  if (!w0 || w0.length !== d)
    throw new Error(`balanced init needs w0 of length d = ${d}, got ${w0 ? w0.length : 'none'}`);
  const net = balancedDeepLinear({ depth, width, w0, seed });
  net.layers.forEach((layer, j) => {
    params[`w${j + 1}`] = tf.tensor2d(Float32Array.from(layer), [net.widths[j + 1], net.widths[j]]);
  });
  return params;
}

function layers(params: DeepLinearParams): tf.Tensor2D[] {
  return Object.keys(params)
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((name) => params[name]);
}

/**
 * The end-to-end vector w_e = (W_N ⋯ W_1)ᵀ.
 *
 * @returns shape [d]
 */
export function endToEndVector(params: DeepLinearParams): tf.Tensor1D {
  return tf.tidy(() => {
    const [first, ...rest] = layers(params);
    let product: tf.Tensor2D = first;
    for (const layer of rest) product = tf.matMul(layer, product);
    return tf.reshape(product, [-1]) as tf.Tensor1D;
  });
}

/**
 * φ(x) = W_N ⋯ W_1 x for a batch.
 *
 * @param x - [n, d]
 * @returns [n]
 */
export function applyDeepLinear(params: DeepLinearParams, x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    let h: tf.Tensor = x;
    for (const layer of layers(params)) h = tf.matMul(h, layer, false, true);
    return tf.reshape(h, [-1]) as tf.Tensor1D;
  });
}

/**
 * Layer alignment |v_{j+1}ᵀ u_j| between consecutive layers, where u_j, v_j are the top left and right singular
 * vectors of W_j (computed by power iteration); 1 means aligned (Ji & Telgarsky 2019).
 *
 * @returns one value per consecutive pair (N - 1 values)
 */
export function layerAlignment(params: DeepLinearParams): number[] {
  const mats = layers(params).map((layer) => ({ rows: layer.shape[0], cols: layer.shape[1], data: layer.dataSync() }));
  const top = mats.map(({ rows, cols, data }) => {
    let right: Float64Array = new Float64Array(cols).fill(1 / Math.sqrt(cols));
    let left: Float64Array = new Float64Array(rows);
    for (let it = 0; it < 200; it++) {
      left = new Float64Array(rows);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) left[r] += data[r * cols + c] * right[c];
      left = unit(left);
      right = new Float64Array(cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) right[c] += data[r * cols + c] * left[r];
      right = unit(right);
    }
    return { left, right };
  });
  return top
    .slice(0, -1)
    .map((current, j) => Math.abs(top[j + 1].right.reduce((s, value, i) => s + value * current.left[i], 0)));
}
