import type { tf } from '@sgn/tensor';

/** Named parameters (or gradients, or updates): one tensor per name. */
export type Params = Record<string, tf.Tensor>;

/** A learning rate as a function of the number of updates already applied (0 for the first). */
export type Schedule = (step: number) => number;

/**
 * A pure gradient transformation (optax's design): `init` builds the state from the parameters, `update` maps
 * incoming updates (gradients at the head of a chain) and the state to outgoing updates and a new state. Neither
 * changes or disposes its inputs; each returns only new tensors (or tensors passed through unchanged).
 *
 * Apply the final updates with `applyUpdates(params, updates)`: new params = params + updates, so a chain ends with
 * `scaleByLearningRate(rate)`, which multiplies by -rate.
 */
export interface GradientTransformation<S = unknown> {
  /** Builds the initial state for these parameters. */
  init(params: Params): S;
  /**
   * Transforms updates.
   * @param updates - the incoming updates (gradients), same names and shapes as the parameters
   * @param state - the state from `init` or the previous `update`
   * @param params - the current parameters (needed by weight decay)
   */
  update(updates: Params, state: S, params: Params): { updates: Params; state: S };
}
