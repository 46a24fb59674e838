import { tf } from '@sgn/tensor';
import { mapParams } from './tree.js';
import type { GradientTransformation } from './types.js';
import { checkNumber } from './validate.js';

/**
 * Decoupled weight decay: adds λ·w to the updates. Placed after the adaptive scaling and before
 * `scaleByLearningRate(η)`, the step becomes w ← (1 - ηλ) w - η·(scaled gradient), as AdamW (3.6).
 *
 * @param lambda - the decay λ >= 0
 * @returns the (stateless) transformation
 * @example
 * ```ts
 * const adamw = chain(scaleByAdam(), addDecayedWeights(1e-2), scaleByLearningRate(1e-3));
 * ```
 * @see Loshchilov & Hutter, arXiv 1711.05101; (3.6) of Tang et al., arXiv 2510.11354
 */
export function addDecayedWeights(lambda: number): GradientTransformation<Record<string, never>> {
  checkNumber('lambda', lambda, 0);
  return {
    spec: { kind: 'addDecayedWeights', weightDecay: lambda },
    init: () => ({}),
    update: (updates, state, params) => ({
      updates:
        lambda === 0
          ? updates
          : tf.tidy(() => mapParams(updates, (u, name) => tf.add(u, tf.mul(params[name], lambda)))),
      state,
    }),
  };
}

/**
 * Coupled L2 regularization: adds λ·w to the gradient before any scaling, i.e. the gradient of
 * L(w) + (λ/2)‖w‖². Placed first in a chain with `scaleByAdam`, this is torch.optim.Adam's weight_decay and the
 * stochastic-Adam paper's "Adam" (3.1), (3.3).
 *
 * @param lambda - the coefficient λ >= 0
 * @returns the (stateless) transformation
 * @example
 * ```ts
 * const adam = chain(addL2Gradient(1e-5), scaleByAdam(), scaleByLearningRate(1e-3));
 * ```
 * @see (3.1) and (3.3) of Tang et al., arXiv 2510.11354
 */
export function addL2Gradient(lambda: number): GradientTransformation<Record<string, never>> {
  // The same arithmetic as decoupled decay; what differs is the place in the chain.
  const decay = addDecayedWeights(lambda);
  return { spec: { kind: 'addL2Gradient', weightDecay: lambda }, init: decay.init, update: decay.update };
}
