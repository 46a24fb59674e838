import { tf } from '@sgn/tensor';
import { mapParams, zerosLike } from './tree.js';
import type { GradientTransformation, Params } from './types.js';
import { checkDecay } from './validate.js';

/** Options of {@link traceMomentum}. */
export interface TraceMomentumOptions {
  /** The momentum μ (default 0.9). */
  decay?: number;
  /** Nesterov's variant: output g + μ b instead of b (default false). */
  nesterov?: boolean;
}

/** State of {@link traceMomentum}: the momentum buffer b. */
export interface TraceMomentumState {
  trace: Params;
}

/**
 * Heavy-ball momentum: b ← μ b + g (b⁰ = 0), output b, or g + μ b with Nesterov. Matches torch.optim.SGD's
 * momentum with dampening 0.
 *
 * @param options - μ and Nesterov
 * @returns the transformation
 * @example
 * ```ts
 * const heavyBall = chain(traceMomentum({ decay: 0.9 }), scaleByLearningRate(0.1));
 * ```
 * @see Polyak 1964; Sutskever et al., ICML 2013 (Nesterov form)
 */
export function traceMomentum(options: TraceMomentumOptions = {}): GradientTransformation<TraceMomentumState> {
  const { decay = 0.9, nesterov = false } = options;
  checkDecay('decay', decay);
  return {
    spec: { kind: 'traceMomentum', decay, nesterov },
    init: (params) => tf.tidy(() => ({ trace: zerosLike(params) })),
    update(updates, state) {
      return tf.tidy(() => {
        const trace = mapParams(updates, (g, name) => tf.add(tf.mul(state.trace[name], decay), g));
        const out = nesterov ? mapParams(updates, (g, name) => tf.add(g, tf.mul(trace[name], decay))) : trace;
        return { updates: out, state: { trace } };
      });
    },
  };
}
