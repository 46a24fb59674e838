import { tf } from '@sgn/tensor';
import { mapParams } from './tree.js';
import type { GradientTransformation, Params } from './types.js';
import { checkNumber } from './validate.js';

/**
 * The global L2 norm of a tree of tensors: sqrt(Σ over every entry of every tensor of its square), as a scalar
 * tensor (the caller disposes it).
 *
 * @param tree - named tensors, e.g. gradients
 * @returns ‖tree‖₂
 */
export function globalNorm(tree: Params): tf.Scalar {
  return tf.tidy(() => {
    const squares = Object.values(tree).map((t) => tf.sum(tf.square(t)));
    return tf.sqrt(squares.length > 0 ? tf.addN(squares) : tf.scalar(0)) as tf.Scalar;
  });
}

/**
 * Clips updates by their global norm, as optax's `clip_by_global_norm`: with g = the global L2 norm of all the
 * updates, they pass unchanged when g < maxNorm and are scaled by maxNorm / g otherwise (so their norm is maxNorm).
 *
 * @param maxNorm - the largest global norm allowed, > 0
 * @returns the (stateless) transformation; chain it before the optimizer's scaling
 * @example
 * ```ts
 * const clipped = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3));
 * ```
 * @see optax.clip_by_global_norm; Pascanu, Mikolov & Bengio, ICML 2013 (gradient clipping)
 */
export function clipByGlobalNorm(maxNorm: number): GradientTransformation<Record<string, never>> {
  checkNumber('maxNorm', maxNorm, 0, true);
  return {
    spec: { kind: 'clipByGlobalNorm', maxNorm },
    init: () => ({}),
    update: (updates, state) => ({
      updates: tf.tidy(() => {
        const norm = globalNorm(updates);
        // optax: where(g < maxNorm, u, u / g · maxNorm)
        const scale = tf.where(tf.less(norm, maxNorm), tf.scalar(1), tf.div(maxNorm, norm));
        return mapParams(updates, (u) => tf.mul(u, scale));
      }),
      state,
    }),
  };
}
