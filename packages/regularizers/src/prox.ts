import { tf } from '@sgn/tensor';
import { checkP } from './lp-path.js';

/** Options of the reweighted-l1 proximal steps. */
export interface ReweightedL1Options {
  /** Penalty weight λ > 0. */
  lambda: number;
  /** The step size γ of the gradient step the prox follows (Algorithm 1 uses Adam's learning rate, 0.01). */
  step: number;
  /** The quasinorm exponent p in (0, 1]. */
  p: number;
}

/** max(|z| - scale |z|^(p-1), 0), and 0 where z = 0 (the threshold is infinite there, even when scale = 0). */
function shrinkPath(path: tf.Tensor, scale: number, p: number): tf.Tensor {
  const shrunk = tf.relu(tf.sub(path, tf.mul(scale, tf.pow(path, p - 1))));
  return tf.where(tf.greater(path, 0), shrunk, tf.zerosLike(path));
}

/** Throws a one-line error naming λ, the step or p when one is out of range. */
export function checkOptions({ lambda, step, p }: ReweightedL1Options): void {
  checkP(p);
  if (!(lambda >= 0 && Number.isFinite(lambda))) throw new Error(`lambda must be a finite number >= 0, got ${lambda}`);
  if (!(step > 0 && Number.isFinite(step))) throw new Error(`step must be a finite number > 0, got ${step}`);
}

/**
 * One reweighted-l1 proximal step on a univariate ReLU net (Algorithm 1 of the lp paper, d = 1), with a
 * function-preserving rebalance:
 * - threshold C_k = λγp |v_k w_k|^{p-1} from the iterate the prox is applied to (C = ∞ once v_k w_k = 0, so a
 *   pruned neuron never revives);
 * - u_k = max(|v_k w_k| - C_k, 0);
 * - v_k ← sgn(v_k) √u_k, w_k ← sgn(w_k) √u_k (balanced: |w_k| = |v_k|), and b_k ← b_k √u_k / |w_k|, so the knot
 *   -b_k/w_k stays where it was. (The published notebook does not rescale b, which moves the knots every step.)
 *
 * @param params - `v`, `w`, `b` [K] (or any equal shape, e.g. [R, K] for R stacked restarts: every operation is elementwise)
 * @param options - λ, step γ, p
 * @returns new tensors for v, w, b (the inputs are not disposed)
 * @example
 * ```ts
 * params = { ...params, ...proxReweightedL1Univariate(params, { lambda: 0.003, step: 0.01, p: 0.4 }) };
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export function proxReweightedL1Univariate<P extends { v: tf.Tensor; w: tf.Tensor; b: tf.Tensor }>(
  params: P,
  options: ReweightedL1Options,
): { v: P['v']; w: P['w']; b: P['b'] } {
  checkOptions(options);
  const { lambda, step, p } = options;
  return tf.tidy(() => {
    const path = tf.abs(tf.mul(params.v, params.w));
    const shrunk = shrinkPath(path, lambda * step * p, p);
    const root = tf.sqrt(shrunk);
    const absW = tf.abs(params.w);
    const scale = tf.where(tf.greater(absW, 0), tf.div(root, tf.maximum(absW, 1e-30)), tf.zerosLike(absW));
    return {
      v: tf.mul(tf.sign(params.v), root) as P['v'],
      w: tf.mul(tf.sign(params.w), root) as P['w'],
      b: tf.mul(params.b, scale) as P['b'],
    };
  });
}

/**
 * One reweighted-l1 proximal step on a multivariate ReLU net (Algorithm 1, any d), bias column penalized:
 * C_{k,i} = λγp |v_k w_{k,i}|^{p-1}, u_{k,i} = sgn(v_k w_{k,i}) max(|v_k w_{k,i}| - C_{k,i}, 0),
 * v_k ← sgn(v_k) ‖u_k‖_2^{1/2}, w_{k,i} ← sgn(w_{k,i}) |u_{k,i}| / ‖u_k‖_2^{1/2} (so ‖w_k‖_2 = |v_k|).
 *
 * @param params - `v` [K] and `w` [K, d+1]; other entries pass through unchanged
 * @param options - λ, step γ, p
 * @returns new tensors for v and w
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export function proxReweightedL1<P extends { v: tf.Tensor; w: tf.Tensor }>(
  params: P,
  options: ReweightedL1Options,
): { v: tf.Tensor1D; w: tf.Tensor2D } {
  checkOptions(options);
  const { lambda, step, p } = options;
  return tf.tidy(() => {
    const path = tf.abs(tf.mul(tf.reshape(params.v, [-1, 1]), params.w)); // [K, d+1]
    const shrunk = shrinkPath(path, lambda * step * p, p);
    const norm = tf.sqrt(tf.sum(tf.square(shrunk), 1)); // ‖u_k‖_2
    const root = tf.sqrt(norm);
    const safeRoot = tf.where(tf.greater(root, 0), root, tf.onesLike(root));
    return {
      v: tf.mul(tf.sign(params.v), root) as tf.Tensor1D,
      w: tf.div(tf.mul(tf.sign(params.w), shrunk), tf.reshape(safeRoot, [-1, 1])) as tf.Tensor2D,
    };
  });
}
