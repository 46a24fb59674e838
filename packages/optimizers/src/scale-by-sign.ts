import { tf } from '@sgn/tensor';
import { mapParams } from './tree.js';
import type { GradientTransformation } from './types.js';

/**
 * Sign descent's scaling: each update entry becomes sgn(g) ∈ {-1, 0, 1}.
 *
 * @returns the (stateless) transformation
 * @example
 * ```ts
 * const signSgdStep = chain(scaleBySign(), scaleByLearningRate(1e-3));
 * ```
 * @see SignSGD/SignSGDW proof surrogates (5.1, B.1–B.2) of Tang et al., arXiv 2510.11354; Bernstein et al., arXiv 1802.04434
 */
export function scaleBySign(): GradientTransformation<Record<string, never>> {
  return {
    spec: { kind: 'scaleBySign' },
    init: () => ({}),
    update: (updates, state) => ({ updates: tf.tidy(() => mapParams(updates, (u) => tf.sign(u))), state }),
  };
}
