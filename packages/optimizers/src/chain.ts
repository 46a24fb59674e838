import { tf } from '@sgn/tensor';
import type { GradientTransformation, Params, TransformSpec } from './types.js';

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
  const parts = transforms.map((t) => t.spec);
  return {
    spec: parts.every((part) => part !== undefined) ? { kind: 'chain', parts } : undefined,
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

/**
 * The transformations of `transform` in order, chains expanded (what a fused engine matches against its kernel).
 *
 * @param transform - e.g. `adamw({ learningRate: 1e-3 })`
 * @returns the specs of its parts, e.g. scaleByAdam, addDecayedWeights, scaleByLearningRate
 * @throws when a part carries no spec (a hand-written transformation), which no kernel can run
 * @example
 * ```ts
 * flattenTransform(adam({ learningRate: 0.01 })).map((part) => part.kind); // ['addL2Gradient', 'scaleByAdam', 'scaleByLearningRate']
 * ```
 */
export function flattenTransform(
  transform: GradientTransformation<unknown>,
): Exclude<TransformSpec, { kind: 'chain' }>[] {
  const expand = (spec: TransformSpec): Exclude<TransformSpec, { kind: 'chain' }>[] =>
    spec.kind === 'chain' ? spec.parts.flatMap(expand) : [spec];
  if (!transform.spec)
    throw new Error('the transformation carries no spec (a hand-written one?): no fused engine can run it');
  return expand(transform.spec);
}
