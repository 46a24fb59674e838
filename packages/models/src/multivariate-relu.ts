import { createRng, requirePositiveIntegers, tf, uniformTensor } from '@sgn/tensor';

/** Parameters of f(x) = Σ_k v_k (w_kᵀ [x; 1])_+ : v [K], w [K, d+1] (last column is the bias). */
export interface MultivariateReluParams {
  [name: string]: tf.Tensor;
  v: tf.Tensor1D;
  w: tf.Tensor2D;
}

/**
 * Initializes the multivariate ReLU network like PyTorch's default Linear layers: w ~ U[-1/√d, 1/√d] (bias column
 * included), v ~ U[-1/√K, 1/√K].
 *
 * @param options - input dimension `d`, `width` K, `seed`
 * @returns fresh parameters owned by the caller
 * @example
 * ```ts
 * const params = initMultivariateRelu({ d: 50, width: 100, seed: 0 });
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 4
 */
export function initMultivariateRelu(options: { d: number; width: number; seed: number }): MultivariateReluParams {
  const { d, width, seed } = options;
  requirePositiveIntegers({ d, width });
  const rng = createRng(seed);
  const inBound = 1 / Math.sqrt(d);
  const outBound = 1 / Math.sqrt(width);
  return {
    w: uniformTensor(rng, [width, d + 1], -inBound, inBound) as tf.Tensor2D,
    v: uniformTensor(rng, [width], -outBound, outBound) as tf.Tensor1D,
  };
}

/**
 * Evaluates f(x) = Σ_k v_k (w_kᵀ [x; 1])_+ (no skip connection, no output bias).
 *
 * @param params - see {@link MultivariateReluParams}
 * @param x - inputs, shape [N, d]
 * @returns f(x), shape [N]
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 4
 */
export function applyMultivariateRelu(params: MultivariateReluParams, x: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const augmented = tf.concat([x, tf.ones([x.shape[0], 1])], 1);
    const hidden = tf.relu(tf.matMul(augmented, params.w, false, true)); // [N, K]
    return tf.squeeze(tf.matMul(hidden, tf.reshape(params.v, [-1, 1])), [1]) as tf.Tensor1D;
  });
}
