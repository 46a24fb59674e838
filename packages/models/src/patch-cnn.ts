import { createRng, requirePositiveIntegers, tf } from '@sgn/tensor';

/** Filters of the two-layer patch CNN: `w` [2, m, d], class +1 first (second layer fixed to +1). */
export interface PatchCnnParams {
  [name: string]: tf.Tensor;
  w: tf.Tensor3D;
}

/** Static configuration of the patch CNN. */
export interface PatchCnnConfig {
  m: number;
  d: number;
  q: number;
  sigma0: number;
  seed: number;
}

/**
 * Initializes the filters i.i.d. N(0, σ_0²) from `createRng(seed)`, in the order class, filter, coordinate (the
 * same draws as the fused trainer in @sgn/theory).
 *
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Definition 3.2
 */
export function initPatchCnn(config: PatchCnnConfig): PatchCnnParams {
  requirePositiveIntegers({ m: config.m, d: config.d, q: config.q });
  const draws = createRng(config.seed).normalArray(2 * config.m * config.d, 0, config.sigma0);
  return { w: tf.tensor3d(Float32Array.from(draws), [2, config.m, config.d]) };
}

/**
 * F_j(W, x) = Σ_r Σ_p max(⟨w_{j,r}, x_p⟩, 0)^q for both classes, no 1/m.
 *
 * @param params - filters
 * @param x - patch images [n, 2, d]
 * @param q - the polynomial ReLU power
 * @returns F [n, 2] (column 0: class +1, column 1: class -1)
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Definition 3.2
 */
export function applyPatchCnn(params: PatchCnnParams, x: tf.Tensor3D, q: number): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, patches, d] = x.shape;
    const [, m] = params.w.shape;
    const inner = tf.matMul(tf.reshape(x, [n * patches, d]), tf.reshape(params.w, [2 * m, d]), false, true);
    return tf.sum(tf.pow(tf.relu(tf.reshape(inner, [n, patches, 2, m])), q), [1, 3]) as tf.Tensor2D;
  });
}

/**
 * The margins y_i (F_{+1} - F_{-1}): positive where the network classifies example i correctly.
 *
 * @param scores - F [n, 2]
 * @param y - labels ±1 [n]
 * @returns [n]
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Definition 3.2
 */
export function patchCnnMargins(scores: tf.Tensor2D, y: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const [positive, negative] = tf.split(scores, 2, 1);
    return tf.mul(y, tf.reshape(tf.sub(positive, negative), [-1])) as tf.Tensor1D;
  });
}

/**
 * The logistic loss mean_i log(1 + exp(-y_i (F_{+1} - F_{-1}))).
 *
 * @param scores - F [n, 2]
 * @param y - labels ±1 [n]
 */
export function patchCnnLoss(scores: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(patchCnnMargins(scores, y)))) as tf.Scalar);
}

/**
 * The feature-learning read-out max_r ⟨w_{j,r}, j v⟩ for v = e1 and j = +1, -1.
 *
 * @returns [class +1, class -1]
 */
export function featureReadout(params: PatchCnnParams): [number, number] {
  const w = params.w;
  const [, m, d] = w.shape;
  const values = w.dataSync();
  let positive = Number.NEGATIVE_INFINITY;
  let negative = Number.NEGATIVE_INFINITY;
  for (let r = 0; r < m; r++) {
    positive = Math.max(positive, values[r * d]);
    negative = Math.max(negative, -values[(m + r) * d]);
  }
  return [positive, negative];
}
