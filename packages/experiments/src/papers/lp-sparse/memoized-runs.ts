import {
  withLpDefaults,
  multivariateLpExperiment,
  trainMultivariateLp,
  trainUnivariateLp,
  univariateLpExperiment,
  type LpEngine,
  type LpTrainingSettings,
  type MultivariateExperiment,
  type MultivariateRun,
  type UnivariateExperiment,
  type UnivariateRun,
} from '@sgn/trainers';
import type { Points } from '@sgn/data';
import type { tf } from '@sgn/tensor';
import { memoized, type RunMemo } from '../../harness/memo.js';

/** Settings of one fused or tensor run (either network). */
type RunSettings = LpTrainingSettings & { engine?: LpEngine };

/**
 * One lp run through the memo, keyed by the trainer's name, the data and every setting the numbers depend on
 * (defaults filled in); a run that stops early is not kept.
 */
function memoizedLpRun<R extends { steps: number }>(
  memo: RunMemo,
  trainer: string,
  data: unknown[],
  settings: RunSettings,
  train: () => Promise<R>,
): Promise<R> {
  const { method, p, width, lambda, learningRate, steps, warmup, schedule, seed } = withLpDefaults(settings);
  const engine = settings.engine ?? 'fused';
  const key = JSON.stringify([
    trainer,
    ...data,
    { method, p, width, lambda, learningRate, steps, warmup, schedule, seed, engine },
  ]);
  return memoized(memo, key, train, (run) => run.steps === settings.steps);
}

/**
 * {@link trainMultivariateLp} through the invocation's run memo: the lp random-data experiment and check train the
 * same restarts and baselines, so each trains once per `sgn reproduce`. The key is the data and every setting the
 * numbers depend on, defaults filled in; a run that stops early is not kept.
 *
 * @param memo - the invocation's memo (none: just train)
 * @param data - `x` [N, d], `y` [N] (not disposed)
 * @param settings - as {@link trainMultivariateLp}
 * @returns the run's read-out
 */
export function memoizedMultivariateLp(
  memo: RunMemo | undefined,
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: RunSettings,
): Promise<MultivariateRun> {
  if (!memo) return trainMultivariateLp(data, settings);
  const arrays = [data.x.shape, Array.from(data.x.dataSync()), Array.from(data.y.dataSync())];
  return memoizedLpRun(memo, 'trainMultivariateLp', arrays, settings, () => trainMultivariateLp(data, settings));
}

/** {@link multivariateLpExperiment} with each restart trained through {@link memoizedMultivariateLp}. */
export function memoizedMultivariateLpRestarts(
  memo: RunMemo | undefined,
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: RunSettings & { restarts: number },
): Promise<MultivariateExperiment> {
  return multivariateLpExperiment(data, settings, (d, s) => memoizedMultivariateLp(memo, d, s));
}

/**
 * {@link trainUnivariateLp} through the invocation's run memo: the peak/plateau training and sparsity checks read
 * the same restarts and baselines, so each trains once per `sgn reproduce`. Keyed like
 * {@link memoizedMultivariateLp}.
 *
 * @param memo - the invocation's memo (none: just train)
 * @param points - the data
 * @param settings - as {@link trainUnivariateLp}
 * @returns the run's read-out
 */
export function memoizedUnivariateLp(
  memo: RunMemo | undefined,
  points: Points,
  settings: RunSettings,
): Promise<UnivariateRun> {
  if (!memo) return trainUnivariateLp(points, settings);
  return memoizedLpRun(memo, 'trainUnivariateLp', [points.x, points.y], settings, () =>
    trainUnivariateLp(points, settings),
  );
}

/** {@link univariateLpExperiment} with each restart trained through {@link memoizedUnivariateLp}. */
export function memoizedUnivariateLpRestarts(
  memo: RunMemo | undefined,
  points: Points,
  settings: RunSettings & { restarts: number },
): Promise<UnivariateExperiment> {
  return univariateLpExperiment(points, settings, (d, s) => memoizedUnivariateLp(memo, d, s));
}
