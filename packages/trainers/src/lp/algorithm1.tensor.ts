import {
  applyMultivariateRelu,
  applyUnivariateReluRestarts,
  initUnivariateRelu,
  restartAt,
  stackRestarts,
  type MultivariateReluParams,
  type UnivariateReluParams,
  type UnivariateReluRestarts,
} from '@sgn/models';
import { train } from '@sgn/optimizers';
import { proxReweightedL1, proxReweightedL1Univariate } from '@sgn/regularizers';
import { tf } from '@sgn/tensor';
import type { Points } from '@sgn/data';
import { optimizerFor, rateAt, withLpDefaults, type LpTrainingSettings } from './algorithm1-settings.js';

// The tensor engine of Algorithm 1: tensors op by op through @sgn/optimizers' `train`, on whichever tfjs backend is active.

/**
 * Algorithm 1 on a stack of R networks as tensors ([R, K]): the loss is the sum of their MSEs (so each network's
 * gradient is its own), Adam and the prox are elementwise (so each network's update is its own). One network is a
 * stack of one; R restarts cost the ops of one run.
 */
export async function trainStack(
  initial: UnivariateReluRestarts,
  x: tf.Tensor1D,
  y: tf.Tensor1D,
  settings: LpTrainingSettings,
): Promise<{ params: UnivariateReluRestarts; steps: number }> {
  const { p, warmup, every } = withLpDefaults(settings);
  const rate = rateAt(settings);
  const rows = initial.v.shape[0];
  const result = await train<UnivariateReluRestarts>({
    params: initial,
    data: { x, y },
    loss: (params, batch) =>
      tf.tidy(
        () =>
          tf.mul(tf.mean(tf.square(tf.sub(applyUnivariateReluRestarts(params, batch.x), batch.y))), rows) as tf.Scalar,
      ),
    optimizer: optimizerFor(settings),
    batchSize: 'full',
    steps: settings.steps,
    seed: settings.seed,
    signal: settings.signal,
    every,
    project:
      settings.method === 'lp'
        ? (params, step) =>
            step > warmup
              ? {
                  ...params,
                  ...proxReweightedL1Univariate(params, { lambda: settings.lambda, step: rate(step - 1), p }),
                }
              : params
        : undefined,
    // the mean of the R networks' MSEs
    onMetrics: (m) => settings.onProgress?.(m.step, m.loss / rows),
  });
  tf.dispose(result.state as tf.TensorContainer);
  return { params: result.params, steps: result.steps };
}

/** One network through {@link trainStack} as a stack of one. */
export async function trainWithTensors(
  initial: UnivariateReluParams,
  x: tf.Tensor1D,
  y: tf.Tensor1D,
  settings: LpTrainingSettings,
): Promise<{ params: UnivariateReluParams; steps: number }> {
  const stack = stackRestarts([initial]);
  const result = await trainStack(stack, x, y, settings);
  const params = restartAt(result.params, 0);
  tf.dispose([...Object.values(stack), ...Object.values(result.params)]);
  return { params, steps: result.steps };
}

/**
 * Restarts of the tensor engine trained together: R networks stacked into [R, K] tensors, the loss the sum of
 * their MSEs (so each network's gradient is its own), Adam and the prox elementwise (so each network's update is
 * its own). Equal to R separate `trainUnivariateLp` runs up to float rounding, with the op count of one.
 */
export async function trainRestartsWithTensors<T>(
  data: Points,
  settings: LpTrainingSettings,
  seeds: number[],
  readOut: (params: UnivariateReluParams, seed: number, steps: number) => T,
): Promise<T[]> {
  const networks = seeds.map((seed) => initUnivariateRelu({ width: settings.width, seed }));
  const initial = stackRestarts(networks);
  tf.dispose(networks.flatMap((net) => Object.values(net)));
  const x = tf.tensor1d(data.x.slice());
  const y = tf.tensor1d(data.y.slice());
  try {
    const result = await trainStack(initial, x, y, settings);
    const runs = seeds.map((seed, r) => {
      const params = restartAt(result.params, r);
      const run = readOut(params, seed, result.steps);
      tf.dispose(Object.values(params));
      return run;
    });
    tf.dispose(Object.values(result.params).filter((t) => !Object.values(initial).includes(t)));
    return runs;
  } finally {
    tf.dispose([x, y, ...Object.values(initial)]);
  }
}

/** The multivariate network through `train`: full-batch Adam on the MSE, the multivariate prox after the warm-up. */
export async function trainMultivariateWithTensors(
  initial: MultivariateReluParams,
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: LpTrainingSettings,
): Promise<{ params: MultivariateReluParams; steps: number }> {
  const { p, warmup, every } = withLpDefaults(settings);
  const rate = rateAt(settings);
  const result = await train<MultivariateReluParams>({
    params: initial,
    data: { x: data.x, y: data.y },
    loss: (current, batch) => tf.losses.meanSquaredError(batch.y, applyMultivariateRelu(current, batch.x)) as tf.Scalar,
    optimizer: optimizerFor(settings),
    batchSize: 'full',
    steps: settings.steps,
    seed: settings.seed,
    signal: settings.signal,
    every,
    project:
      settings.method === 'lp'
        ? (current, step) =>
            step > warmup
              ? { ...current, ...proxReweightedL1(current, { lambda: settings.lambda, step: rate(step - 1), p }) }
              : current
        : undefined,
    onMetrics: (m) => settings.onProgress?.(m.step, m.loss),
  });
  tf.dispose(result.state as tf.TensorContainer);
  return { params: result.params, steps: result.steps };
}
