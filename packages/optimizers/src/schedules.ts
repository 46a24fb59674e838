import { requirePositiveIntegers } from '@sgn/tensor';
import type { Schedule } from './types.js';
import { checkNumber } from './validate.js';

/**
 * The same rate at every step.
 *
 * @param value - the rate
 * @returns a schedule
 * @example
 * ```ts
 * constantSchedule(1e-3)(500); // 1e-3
 * ```
 */
export function constantSchedule(value: number): Schedule {
  checkNumber('value', value, 0);
  return () => value;
}

/** Options of {@link cosineDecaySchedule}. */
export interface CosineDecayOptions {
  /** The rate at step 0. */
  init: number;
  /** Steps over which the rate falls to `alpha * init`; it stays there afterwards. */
  decaySteps: number;
  /** The final fraction of `init` (default 0). */
  alpha?: number;
}

/**
 * Cosine decay: rate(t) = init · ((1 - α) · ½(1 + cos(π min(t, T)/T)) + α). Equal to torch's CosineAnnealingLR
 * with T_max = T and eta_min = α·init, up to T.
 *
 * @param options - init, decaySteps T, alpha α
 * @returns a schedule
 * @example
 * ```ts
 * const rate = cosineDecaySchedule({ init: 0.5, decaySteps: 1000 });
 * rate(500); // 0.25
 * ```
 * @see Loshchilov & Hutter, arXiv 1608.03983; the RLC setup of Cotta et al., NeurIPS 2023
 */
export function cosineDecaySchedule(options: CosineDecayOptions): Schedule {
  const { init, decaySteps, alpha = 0 } = options;
  checkNumber('init', init, 0);
  requirePositiveIntegers({ decaySteps });
  if (!(alpha >= 0 && alpha <= 1)) throw new Error(`alpha must be in [0, 1], got ${alpha}`);
  return (step) => {
    const t = Math.min(step, decaySteps);
    return init * ((1 - alpha) * 0.5 * (1 + Math.cos((Math.PI * t) / decaySteps)) + alpha);
  };
}

/** Options of {@link stepSchedule}. */
export interface StepScheduleOptions {
  /** The rate at step 0. */
  init: number;
  /** Steps between decays. */
  stepSize: number;
  /** Factor applied every `stepSize` steps (default 0.1). */
  gamma?: number;
}

/**
 * Step decay: rate(t) = init · γ^⌊t / stepSize⌋, as torch's StepLR.
 *
 * @param options - init, stepSize, gamma
 * @returns a schedule
 * @example
 * ```ts
 * stepSchedule({ init: 1, stepSize: 10, gamma: 0.5 })(25); // 0.25
 * ```
 */
export function stepSchedule(options: StepScheduleOptions): Schedule {
  const { init, stepSize, gamma = 0.1 } = options;
  checkNumber('init', init, 0);
  requirePositiveIntegers({ stepSize });
  checkNumber('gamma', gamma, 0);
  return (step) => init * gamma ** Math.floor(step / stepSize);
}

/**
 * Makes a schedule count epochs instead of steps: rate(t) = schedule(⌊t / stepsPerEpoch⌋), for schedules that
 * papers step once per epoch (torch's scheduler.step() after each epoch).
 *
 * @param schedule - a schedule over epochs
 * @param stepsPerEpoch - optimizer steps in one epoch
 * @returns a schedule over steps
 * @example
 * ```ts
 * perEpoch(cosineDecaySchedule({ init: 0.5, decaySteps: 1000 }), 4);
 * ```
 */
export function perEpoch(schedule: Schedule, stepsPerEpoch: number): Schedule {
  requirePositiveIntegers({ stepsPerEpoch });
  return (step) => schedule(Math.floor(step / stepsPerEpoch));
}
