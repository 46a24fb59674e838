import { tf } from '@sgn/tensor';
import { constantSchedule } from './schedules.js';
import { mapParams } from './tree.js';
import type { GradientTransformation, Schedule } from './types.js';
import { checkNumber } from './validate.js';

/** State of {@link scaleByLearningRate}: how many updates were scaled so far (the schedule's step). */
export interface ScaleByLearningRateState {
  count: number;
}

/**
 * Multiplies the updates by -η (descent), with η a number or a schedule of the step count (0 first).
 *
 * @param rate - η, or a schedule such as `cosineDecaySchedule(...)`
 * @returns the transformation; usually the last of a chain
 * @example
 * ```ts
 * const gd = scaleByLearningRate(0.1); // w ← w - 0.1 g
 * ```
 */
export function scaleByLearningRate(rate: number | Schedule): GradientTransformation<ScaleByLearningRateState> {
  if (typeof rate !== 'function') checkNumber('learningRate', rate, 0);
  const schedule = typeof rate === 'function' ? rate : constantSchedule(rate);
  return {
    spec: { kind: 'scaleByLearningRate', learningRate: schedule },
    init: () => ({ count: 0 }),
    update(updates, state) {
      const eta = schedule(state.count);
      if (!Number.isFinite(eta)) throw new Error(`learning rate at step ${state.count} must be finite, got ${eta}`);
      return {
        updates: tf.tidy(() => mapParams(updates, (u) => tf.mul(u, -eta))),
        state: { count: state.count + 1 },
      };
    },
  };
}
