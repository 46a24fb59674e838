import { createRng, requirePositiveIntegers, tf, uniformTensor } from '@sgn/tensor';

/** Parameters of the univariate ReLU network f(x) = Σ_k v_k (w_k x + b_k)_+ + a x + c (each [width], a and c [1]). */
export interface UnivariateReluParams {
  [name: string]: tf.Tensor;
  v: tf.Tensor1D;
  w: tf.Tensor1D;
  b: tf.Tensor1D;
  a: tf.Tensor1D;
  c: tf.Tensor1D;
}

/**
 * Initializes the univariate ReLU network as PyTorch's default Linear layers would: w, b ~ U[-1, 1] (fan-in 1),
 * v ~ U[-1/√K, 1/√K] (fan-in K), and the skip term a, c ~ U[-1, 1].
 *
 * @param options - `width` K and `seed`
 * @returns fresh parameters owned by the caller
 * @example
 * ```ts
 * const params = initUnivariateRelu({ width: 80, seed: 20 });
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 3
 */
export function initUnivariateRelu(options: { width: number; seed: number }): UnivariateReluParams {
  const { width, seed } = options;
  requirePositiveIntegers({ width });
  const rng = createRng(seed);
  const bound = 1 / Math.sqrt(width);
  return {
    w: uniformTensor(rng, [width], -1, 1) as tf.Tensor1D,
    b: uniformTensor(rng, [width], -1, 1) as tf.Tensor1D,
    v: uniformTensor(rng, [width], -bound, bound) as tf.Tensor1D,
    a: uniformTensor(rng, [1], -1, 1) as tf.Tensor1D,
    c: uniformTensor(rng, [1], -1, 1) as tf.Tensor1D,
  };
}

/**
 * Evaluates f(x) = Σ_k v_k (w_k x + b_k)_+ + a x + c.
 *
 * @param params - see {@link UnivariateReluParams}
 * @param x - inputs, shape [N]
 * @returns f(x), shape [N]
 * @example
 * ```ts
 * const y = applyUnivariateRelu(params, tf.tensor1d([-1, 0, 1]));
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 3
 */
export function applyUnivariateRelu(params: UnivariateReluParams, x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const column = tf.reshape(x, [-1, 1]);
    const hidden = tf.relu(tf.add(tf.mul(column, params.w), params.b)); // [N, K]
    const out = tf.squeeze(tf.matMul(hidden, tf.reshape(params.v, [-1, 1])), [1]);
    return tf.add(tf.add(out, tf.mul(tf.reshape(x, [-1]), params.a)), params.c) as tf.Tensor1D;
  });
}

/** The univariate ReLU network as plain numbers (a float64 engine's parameters): v, w, b [width], a and c. */
export interface UnivariateReluArrays {
  v: ArrayLike<number>;
  w: ArrayLike<number>;
  b: ArrayLike<number>;
  a: number;
  c: number;
}

/**
 * Evaluates f(x) = Σ_k v_k (w_k x + b_k)_+ + a x + c in float64 at each x: the float64 form of
 * {@link applyUnivariateRelu} (tested equal), for a fused engine's parameters read as they train.
 *
 * @param params - see {@link UnivariateReluArrays}
 * @param x - inputs
 * @returns f(x), one value per input
 * @example
 * ```ts
 * evaluateUnivariateRelu({ v: [2], w: [-1], b: [1], a: 0.5, c: 0 }, [-1, 0, 2]); // [3.5, 2, 1]
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 3
 */
export function evaluateUnivariateRelu(params: UnivariateReluArrays, x: readonly number[]): Float64Array {
  const { v, w, b, a, c } = params;
  const out = new Float64Array(x.length);
  x.forEach((xi, i) => {
    let f = a * xi + c;
    for (let k = 0; k < v.length; k++) f += v[k] * Math.max(0, w[k] * xi + b[k]);
    out[i] = f;
  });
  return out;
}

/** A knot of a univariate ReLU network: where neuron k bends the function, and by how much. */
export interface Knot {
  /** Neuron index k. */
  neuron: number;
  /** Location -b_k / w_k. */
  location: number;
  /** Slope change at the knot, v_k |w_k| (signed). */
  slopeChange: number;
}

/**
 * The knots of the active neurons (|v_k w_k| > threshold), sorted by location. Neurons whose knots coincide are
 * listed separately; see {@link mergeKnots}.
 *
 * @param params - network parameters, as tensors or as plain arrays (e.g. a float64 engine's, read at full precision)
 * @param threshold - a neuron is active when |v_k w_k| exceeds it (default 1e-6)
 * @returns knots sorted by location
 * @example
 * ```ts
 * knotsOf(params).map((k) => k.location);
 * ```
 */
export function knotsOf(
  params:
    Pick<UnivariateReluParams, 'v' | 'w' | 'b'> | { v: ArrayLike<number>; w: ArrayLike<number>; b: ArrayLike<number> },
  threshold = 1e-6,
): Knot[] {
  const values = (x: tf.Tensor | ArrayLike<number>) => (x instanceof tf.Tensor ? x.dataSync() : x);
  const [v, w, b] = [values(params.v), values(params.w), values(params.b)];
  const out: Knot[] = [];
  for (let k = 0; k < v.length; k++) {
    if (Math.abs(v[k] * w[k]) > threshold)
      out.push({ neuron: k, location: -b[k] / w[k], slopeChange: v[k] * Math.abs(w[k]) });
  }
  return out.sort((p, q) => p.location - q.location);
}

/**
 * Merges knots closer than `tolerance` into one (slope changes add; location is the |slope-change|-weighted mean)
 * and drops merged knots whose slope change cancels below `threshold`. Two neurons with the same knot are one
 * bend of the function.
 *
 * @param knots - sorted knots
 * @param tolerance - distance under which knots merge (default 1e-3)
 * @param threshold - drop merged knots with |slope change| below it (default 1e-6)
 * @returns merged knots (neuron is the first merged neuron's index)
 */
export function mergeKnots(knots: readonly Knot[], tolerance = 1e-3, threshold = 1e-6): Knot[] {
  const merged: { knot: Knot; weight: number; weighted: number }[] = [];
  for (const knot of knots) {
    const last = merged[merged.length - 1];
    if (last && Math.abs(knot.location - last.knot.location) < tolerance) {
      last.knot = { ...last.knot, slopeChange: last.knot.slopeChange + knot.slopeChange };
      last.weight += Math.abs(knot.slopeChange);
      last.weighted += Math.abs(knot.slopeChange) * knot.location;
      last.knot.location = last.weighted / last.weight;
    } else {
      merged.push({
        knot: { ...knot },
        weight: Math.abs(knot.slopeChange),
        weighted: Math.abs(knot.slopeChange) * knot.location,
      });
    }
  }
  return merged.map((m) => m.knot).filter((k) => Math.abs(k.slopeChange) > threshold);
}
