import { tf } from '@sgn/tensor';

/** Throws unless p is in (0, 1]. */
export function checkP(p: number): void {
  if (!(typeof p === 'number' && p > 0 && p <= 1)) throw new Error(`p must be in (0, 1], got ${p}`);
}

/**
 * The univariate lp path quasinorm Σ_k |v_k w_k|^p (biases and the skip term are not penalized).
 *
 * @param v - output weights [K]
 * @param w - input weights [K]
 * @param p - in (0, 1]; p = 1 is the l1 path norm
 * @returns a scalar tensor (differentiable where v_k w_k ≠ 0)
 * @example
 * ```ts
 * lpPathPenalty1d(params.v, params.w, 0.4);
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, problem (2)
 */
export function lpPathPenalty1d(v: tf.Tensor, w: tf.Tensor, p: number): tf.Scalar {
  checkP(p);
  return tf.tidy(() => tf.sum(tf.pow(tf.abs(tf.mul(v, w)), p)) as tf.Scalar);
}

/**
 * The multivariate lp path quasinorm Σ_k |v_k|^p ‖w_k‖_p^p = Σ_k Σ_i |v_k w_{k,i}|^p, bias column included.
 *
 * @param v - output weights [K]
 * @param w - input weights with the bias as last column [K, d+1]
 * @param p - in (0, 1]; p = 1 gives Σ |v_k| ‖w_k‖_1
 * @returns a scalar tensor
 * @example
 * ```ts
 * lpPathPenalty(params.v, params.w, 0.4);
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, problem (8)
 */
export function lpPathPenalty(v: tf.Tensor, w: tf.Tensor, p: number): tf.Scalar {
  checkP(p);
  return tf.tidy(() => tf.sum(tf.pow(tf.abs(tf.mul(tf.reshape(v, [-1, 1]), w)), p)) as tf.Scalar);
}

/**
 * The l1 path norm Σ_k |v_k| ‖w_k‖_1 (the lp path penalty at p = 1), for 1-D (w [K]) or d-D (w [K, d+1]) nets.
 *
 * @param v - output weights [K]
 * @param w - input weights [K] or [K, d+1]
 * @returns a scalar tensor
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 4 (p = 1); PathProx, Yang et al. 2022
 */
export function l1PathNorm(v: tf.Tensor, w: tf.Tensor): tf.Scalar {
  return w.rank === 1 ? lpPathPenalty1d(v, w, 1) : lpPathPenalty(v, w, 1);
}

/**
 * The weight-decay penalty ½ Σ ‖θ‖² over the given tensors (its gradient is θ).
 *
 * @param tensors - the penalized parameters
 * @returns a scalar tensor
 * @example
 * ```ts
 * tf.add(mse, tf.mul(lambda, weightDecayPenalty([params.v, params.w])));
 * ```
 */
export function weightDecayPenalty(tensors: readonly tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => tf.mul(0.5, tf.addN(tensors.map((t) => tf.sum(tf.square(t))))) as tf.Scalar);
}
