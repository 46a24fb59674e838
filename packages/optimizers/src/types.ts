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
/**
 * What a transformation computes, as data: what a fused engine reads to run the same chain in its own kernel
 * (and the name it gives in an error when it cannot). Every transformation of this package carries one; `chain`'s
 * lists its parts in order.
 */
export type TransformSpec =
  | { kind: 'chain'; parts: TransformSpec[] }
  | { kind: 'scaleByAdam'; beta1: number; beta2: number; eps: number; biasCorrection: boolean }
  | { kind: 'addL2Gradient'; weightDecay: number }
  | { kind: 'addDecayedWeights'; weightDecay: number }
  | { kind: 'scaleByLearningRate'; learningRate: Schedule }
  | { kind: 'scaleByAdagrad'; eps: number; initialAccumulator: number }
  | { kind: 'scaleBySign' }
  | { kind: 'clipByGlobalNorm'; maxNorm: number }
  | { kind: 'traceMomentum'; decay: number; nesterov: boolean }
  | { kind: 'masked' };

export interface GradientTransformation<S = unknown> {
  /** What it computes, as data (see {@link TransformSpec}); absent on hand-written transformations. */
  readonly spec?: TransformSpec;
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
