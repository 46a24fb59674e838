import { tf } from '@sgn/tensor';
import { mapParams, zerosLike } from './tree.js';
import type { GradientTransformation, Params } from './types.js';
import { checkDecay, checkNumber } from './validate.js';

/** Options of {@link scaleByAdam}. */
export interface ScaleByAdamOptions {
  /** First-moment decay β1 (default 0.9). */
  beta1?: number;
  /** Second-moment decay β2 (default 0.999). */
  beta2?: number;
  /** ε added to √v (default 1e-8). */
  eps?: number;
  /** Divide the moments by 1 - β^t (default true, as torch); the stochastic-Adam paper's theory has none. */
  biasCorrection?: boolean;
}

/** State of {@link scaleByAdam}: the step count t and the moment estimates m (mu) and v (nu). */
export interface ScaleByAdamState {
  count: number;
  mu: Params;
  nu: Params;
}

/**
 * Adam's scaling, entrywise: m ← β1 m + (1-β1) g, v ← β2 v + (1-β2) g², and the update m̂ / (√v̂ + ε) with
 * m̂ = m / (1-β1^t), v̂ = v / (1-β2^t) when bias correction is on (m̂ = m, v̂ = v when off). With m⁰ = v⁰ = 0.
 *
 * @param options - β1, β2, ε, bias correction
 * @returns the transformation; chain it with `scaleByLearningRate(η)`
 * @example
 * ```ts
 * const paperAdam = chain(addL2Gradient(1e-5), scaleByAdam({ biasCorrection: false }), scaleByLearningRate(5e-5));
 * ```
 * @see Kingma & Ba, arXiv 1412.6980; moments (3.4) of Tang et al., arXiv 2510.11354 (no bias correction there)
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): GradientTransformation<ScaleByAdamState> {
  const { beta1 = 0.9, beta2 = 0.999, eps = 1e-8, biasCorrection = true } = options;
  checkDecay('beta1', beta1);
  checkDecay('beta2', beta2);
  // ε = 0 makes m/√v = 0/0 on every coordinate whose gradients are all 0 so far
  checkNumber('eps', eps, 0, true);
  return {
    spec: { kind: 'scaleByAdam', beta1, beta2, eps, biasCorrection },
    init: (params) => tf.tidy(() => ({ count: 0, mu: zerosLike(params), nu: zerosLike(params) })),
    update(updates, state) {
      return tf.tidy(() => {
        const count = state.count + 1;
        const mu = mapParams(updates, (g, name) => tf.add(tf.mul(state.mu[name], beta1), tf.mul(g, 1 - beta1)));
        const nu = mapParams(updates, (g, name) =>
          tf.add(tf.mul(state.nu[name], beta2), tf.mul(tf.square(g), 1 - beta2)),
        );
        const correction1 = biasCorrection ? 1 - beta1 ** count : 1;
        const correction2 = biasCorrection ? 1 - beta2 ** count : 1;
        const out = mapParams(updates, (_, name) =>
          tf.div(tf.div(mu[name], correction1), tf.add(tf.sqrt(tf.div(nu[name], correction2)), eps)),
        );
        return { updates: out, state: { count, mu, nu } };
      });
    },
  };
}
