import { tf } from '@sgn/tensor';
import type { GradientTransformation, Params } from './types.js';

/**
 * Composes transformations left to right: the updates of one are the input of the next. The state is the list
 * of the parts' states.
 *
 * @param transforms - e.g. `scaleByAdam()`, `addDecayedWeights(0.01)`, `scaleByLearningRate(1e-3)`
 * @returns one transformation
 * @example
 * ```ts
 * const adamw = chain(scaleByAdam(), addDecayedWeights(1e-2), scaleByLearningRate(1e-3));
 * ```
 * @see optax.chain (https://optax.readthedocs.io)
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transformation, whatever its state type (an existential: unknown would reject them by variance)
export function chain(...transforms: GradientTransformation<any>[]): GradientTransformation<unknown[]> {
  return {
    init: (params: Params) => transforms.map((t) => t.init(params)),
    update(updates, state, params) {
      // tidy frees the updates passed between the parts; only the last updates and the new states survive
      return tf.tidy(() => {
        const next: unknown[] = [];
        let current = updates;
        transforms.forEach((t, i) => {
          const result = t.update(current, state[i], params);
          current = result.updates;
          next.push(result.state);
        });
        return { updates: current, state: next as tf.TensorContainer[] };
      }) as { updates: Params; state: unknown[] };
    },
  };
}
