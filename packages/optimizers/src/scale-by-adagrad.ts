import { tf } from '@sgn/tensor';
import { mapParams } from './tree.js';
import type { GradientTransformation, Params } from './types.js';
import { checkNumber } from './validate.js';

/** Options of {@link scaleByAdagrad}. */
export interface ScaleByAdagradOptions {
  /** Starting value of the sum of squares (default 0, as torch). */
  initialAccumulator?: number;
  /** ε added to the square root (default 1e-10, as torch). */
  eps?: number;
}

/** State of {@link scaleByAdagrad}: the running sum of squared gradients. */
export interface ScaleByAdagradState {
  sumOfSquares: Params;
}

/**
 * Adagrad's scaling: s ← s + g², update g / (√s + ε), entrywise (torch.optim.Adagrad without lr_decay).
 *
 * @param options - initial accumulator and ε
 * @returns the transformation
 * @example
 * ```ts
 * const rlcOptimizer = chain(scaleByAdagrad(), scaleByLearningRate(cosineDecaySchedule({ init: 0.5, decaySteps: 1000 })));
 * ```
 * @see Duchi, Hazan & Singer, JMLR 2011; the RLC training setup (Adagrad, lr 0.5, cosine annealing) of Cotta et al., NeurIPS 2023
 */
export function scaleByAdagrad(options: ScaleByAdagradOptions = {}): GradientTransformation<ScaleByAdagradState> {
  const { initialAccumulator = 0, eps = 1e-10 } = options;
  checkNumber('initialAccumulator', initialAccumulator, 0);
  checkNumber('eps', eps, 0);
  // with no initial accumulator, ε = 0 makes g/√Σg² = 0/0 on a coordinate whose gradients are all 0 so far
  if (eps === 0 && initialAccumulator === 0) {
    throw new Error('eps must be > 0 when initialAccumulator is 0 (0/0 on a coordinate with no gradient yet), got 0');
  }
  return {
    spec: { kind: 'scaleByAdagrad', eps, initialAccumulator },
    init: (params) => tf.tidy(() => ({ sumOfSquares: mapParams(params, (p) => tf.fill(p.shape, initialAccumulator)) })),
    update(updates, state) {
      return tf.tidy(() => {
        const sumOfSquares = mapParams(updates, (g, name) => tf.add(state.sumOfSquares[name], tf.square(g)));
        const out = mapParams(updates, (g, name) => tf.div(g, tf.add(tf.sqrt(sumOfSquares[name]), eps)));
        return { updates: out, state: { sumOfSquares } };
      });
    },
  };
}
