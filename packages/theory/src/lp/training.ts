import {
  applyMultivariateRelu, applyUnivariateRelu, applyUnivariateReluRestarts, initMultivariateRelu, initUnivariateRelu, knotsOf, mergeKnots,
  restartAt, stackRestarts, type Knot, type MultivariateReluParams, type UnivariateReluParams, type UnivariateReluRestarts,
} from '@sgn/models';
import { adam, adamw, train, type GradientTransformation } from '@sgn/optimizers';
import { activeNeurons, nonzeroPathWeights, proxReweightedL1, proxReweightedL1Univariate } from '@sgn/regularizers';
import { requirePositiveIntegers, tf } from '@sgn/tensor';
import { memoized, type RunMemo } from '../memo.js';
import { unitSeed } from '../experiments/types.js';
import { interpolationSet, type Points } from '@sgn/data';
import { fusedMultivariateTraining } from './fused-multivariate.js';
import { fusedUnivariateTraining, toArrays } from './fused-univariate.js';
import { univariateLpMinimizer } from './univariate-minimizer.js';

/** How a network is trained: Algorithm 1 with the lp prox, or a baseline. */
export type LpMethod = 'lp' | 'adam' | 'adamw';

/** Settings shared by the lp training experiments. */
export interface LpTrainingSettings {
  /** 'lp' (Algorithm 1), 'adam' (unregularized) or 'adamw' (weight decay λ). */
  method: LpMethod;
  /** Quasinorm exponent for the prox (and for reporting costs); default 0.4. */
  p?: number;
  /** Hidden width K. */
  width: number;
  /** λ: the prox weight for 'lp', the weight decay for 'adamw'. */
  lambda: number;
  /** Adam's learning rate γ (default 0.01). */
  learningRate?: number;
  /** Number of Adam steps (full batch). */
  steps: number;
  /** The prox starts after this many steps (default 5, as the notebook). */
  warmup?: number;
  /**
   * 'constant' (Algorithm 1 as published) or 'cosine': γ_t = γ ½(1 + cos(π t / steps)) for Adam and for the prox
   * threshold alike (a proximal-gradient step's threshold scales with its step size), which lets a short run settle.
   */
  schedule?: 'constant' | 'cosine';
  /** Knots closer than this are merged into one bend (default 1e-3). */
  mergeTolerance?: number;
  /** Seeds the initializations. */
  seed: number;
  /** Stops between steps when aborted. */
  signal?: AbortSignal;
  /** Called with (step, loss) every `every` steps. */
  onProgress?: (step: number, loss: number) => void;
  every?: number;
  /** Shares finished runs within one invocation (multivariate runs only): a run with the same data and settings trains once. */
  memo?: RunMemo;
}

/** γ_t for the update number t = 0, 1, ... */
function rateAt(settings: LpTrainingSettings): (step: number) => number {
  const rate = settings.learningRate ?? 0.01;
  if (settings.schedule === 'cosine') return (step) => rate * 0.5 * (1 + Math.cos((Math.PI * step) / settings.steps));
  if (settings.schedule === undefined || settings.schedule === 'constant') return () => rate;
  throw new Error(`schedule must be constant or cosine, got "${settings.schedule as string}"`);
}

function optimizerFor(settings: LpTrainingSettings): GradientTransformation<unknown[]> {
  const learningRate = rateAt(settings);
  if (settings.method === 'adamw') return adamw({ learningRate, weightDecay: settings.lambda });
  if (settings.method === 'adam' || settings.method === 'lp') return adam({ learningRate });
  throw new Error(`method must be one of lp, adam, adamw, got "${settings.method as string}"`);
}

function checkSettings(settings: LpTrainingSettings): void {
  requirePositiveIntegers({ width: settings.width, steps: settings.steps });
  if (!(settings.lambda >= 0)) throw new Error(`lambda must be a number >= 0, got ${settings.lambda}`);
  const p = settings.p ?? 0.4;
  if (!(p > 0 && p <= 1)) throw new Error(`p must be in (0, 1], got ${p}`);
}

/** One trained univariate network, read out. */
export interface UnivariateRun {
  /** The initialization seed. */
  seed: number;
  /** Neurons with |v w| > 1e-6. */
  activeNeurons: number;
  /** Knots after merging neurons whose knots coincide (within the merge tolerance). */
  knots: Knot[];
  /** max_i |f(x_i) - y_i|. */
  interpolationError: number;
  /** Σ |slope change|^p over the merged knots. */
  lpCost: number;
  /** Interpolates (error < 1e-3) with the exact lp minimizer's knots (same count, each within 1e-2). */
  matchesMinimizer: boolean;
  /** Steps actually taken (fewer when aborted). */
  steps: number;
  /** The trained network on 121 points from one unit left of the data to one unit right, and at the data. */
  curve: { x: number[]; y: number[] };
}

/** Which implementation runs the steps: one fused float64 loop, or tensors op by op through `train`. */
export type LpEngine = 'fused' | 'tensor';

/**
 * Algorithm 1 on a stack of R networks as tensors ([R, K]): the loss is the sum of their MSEs (so each network's
 * gradient is its own), Adam and the prox are elementwise (so each network's update is its own). One network is a
 * stack of one; R restarts cost the ops of one run.
 */
async function trainStack(
  initial: UnivariateReluRestarts,
  x: tf.Tensor1D,
  y: tf.Tensor1D,
  settings: LpTrainingSettings,
): Promise<{ params: UnivariateReluRestarts; steps: number }> {
  const p = settings.p ?? 0.4;
  const warmup = settings.warmup ?? 5;
  const rate = rateAt(settings);
  const rows = initial.v.shape[0];
  const result = await train<UnivariateReluRestarts>({
    params: initial,
    data: { x, y },
    loss: (params, batch) =>
      tf.tidy(() => tf.mul(tf.mean(tf.square(tf.sub(applyUnivariateReluRestarts(params, batch.x), batch.y))), rows) as tf.Scalar),
    optimizer: optimizerFor(settings),
    batchSize: 'full',
    steps: settings.steps,
    seed: settings.seed,
    signal: settings.signal,
    every: settings.every ?? Math.max(1, Math.floor(settings.steps / 20)),
    project:
      settings.method === 'lp'
        ? (params, step) =>
            step > warmup
              ? { ...params, ...proxReweightedL1Univariate(params, { lambda: settings.lambda, step: rate(step - 1), p }) }
              : params
        : undefined,
    // the mean of the R networks' MSEs
    onMetrics: (m) => settings.onProgress?.(m.step, m.loss / rows),
  });
  tf.dispose(result.state as tf.TensorContainer);
  return { params: result.params, steps: result.steps };
}

async function trainWithTensors(
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

async function trainFused(
  initial: UnivariateReluParams,
  points: Points,
  settings: LpTrainingSettings,
): Promise<{ params: UnivariateReluParams; steps: number }> {
  optimizerFor(settings); // validates the method
  const result = await fusedUnivariateTraining(toArrays(initial), points.x, points.y, {
    method: settings.method,
    p: settings.p ?? 0.4,
    lambda: settings.lambda,
    rate: rateAt(settings),
    steps: settings.steps,
    warmup: settings.warmup ?? 5,
    signal: settings.signal,
    every: settings.every ?? Math.max(1, Math.floor(settings.steps / 20)),
    onMetrics: settings.onProgress,
  });
  const { v, w, b, a, c } = result.params;
  const params: UnivariateReluParams = {
    v: tf.tensor1d(Float32Array.from(v)),
    w: tf.tensor1d(Float32Array.from(w)),
    b: tf.tensor1d(Float32Array.from(b)),
    a: tf.tensor1d([a]),
    c: tf.tensor1d([c]),
  };
  return { params, steps: result.steps };
}

/**
 * Trains one univariate ReLU net of the given width on 1-D points with full-batch Adam on the MSE and, for the
 * 'lp' method, the reweighted-l1 proximal step after every update past the warm-up (Algorithm 1, with the
 * function-preserving rebalance), then reads out its knots and compares them with the exact lp minimizer.
 *
 * @param points - the data (e.g. `peakPlateau()`)
 * @param settings - method, p, width, λ, steps, seed; `engine` 'fused' (default, float64, fast) or 'tensor'
 * @returns the read-out of the trained network
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3
 */
export async function trainUnivariateLp(
  points: Points,
  settings: LpTrainingSettings & { engine?: LpEngine },
): Promise<UnivariateRun> {
  checkSettings(settings);
  const data = interpolationSet(points.x, points.y);
  const engine = settings.engine ?? 'fused';
  if (engine !== 'fused' && engine !== 'tensor') throw new Error(`engine must be fused or tensor, got "${engine as string}"`);
  const x = tf.tensor1d(data.x.slice());
  const y = tf.tensor1d(data.y.slice());
  const initial = initUnivariateRelu({ width: settings.width, seed: settings.seed });
  try {
    const { params, steps } =
      engine === 'fused' ? await trainFused(initial, data, settings) : await trainWithTensors(initial, x, y, settings);
    const run = readOut(params, data, settings, steps);
    tf.dispose(Object.values(params));
    return run;
  } finally {
    tf.dispose([x, y, ...Object.values(initial)]);
  }
}

/** Reads a trained univariate network out: knots (merged), interpolation error, lp cost, the exact minimizer's match. */
function readOut(params: UnivariateReluParams, data: Points, settings: LpTrainingSettings, steps: number): UnivariateRun {
  const p = settings.p ?? 0.4;
  const knots = mergeKnots(knotsOf(params), settings.mergeTolerance ?? 1e-3);
  const fitted = tf.tidy(() => applyUnivariateRelu(params, tf.tensor1d(data.x.slice())).dataSync());
  const [low, high] = [data.x[0] - 1, data.x[data.x.length - 1] + 1];
  const gridX = [...Array.from({ length: 121 }, (_, i) => low + ((high - low) * i) / 120), ...data.x].sort((a, b) => a - b);
  const gridY = tf.tidy(() => Array.from(applyUnivariateRelu(params, tf.tensor1d(gridX)).dataSync()));
  const interpolationError = Math.max(...data.y.map((yi, i) => Math.abs(fitted[i] - yi)));
  const exact = univariateLpMinimizer(data, p);
  return {
    seed: settings.seed,
    activeNeurons: activeNeurons(params.v, params.w),
    knots,
    interpolationError,
    lpCost: knots.reduce((sum, k) => sum + Math.abs(k.slopeChange) ** p, 0),
    matchesMinimizer:
      interpolationError < 1e-3 &&
      knots.length === exact.knots.length &&
      knots.every((k, i) => Math.abs(k.location - exact.knots[i]) < 1e-2),
    steps,
    curve: { x: gridX, y: gridY },
  };
}

/**
 * Restarts of the tensor engine trained together: R networks stacked into [R, K] tensors, the loss the sum of
 * their MSEs (so each network's gradient is its own), Adam and the prox elementwise (so each network's update is
 * its own). Equal to R separate `trainUnivariateLp` runs up to float rounding, with the op count of one.
 */
async function trainRestartsWithTensors(data: Points, settings: LpTrainingSettings, seeds: number[]): Promise<UnivariateRun[]> {
  const networks = seeds.map((seed) => initUnivariateRelu({ width: settings.width, seed }));
  const initial = stackRestarts(networks);
  tf.dispose(networks.flatMap((net) => Object.values(net)));
  const x = tf.tensor1d(data.x.slice());
  const y = tf.tensor1d(data.y.slice());
  try {
    const result = await trainStack(initial, x, y, settings);
    const runs = seeds.map((seed, r) => {
      const params = restartAt(result.params, r);
      const run = readOut(params, data, { ...settings, seed }, result.steps);
      tf.dispose(Object.values(params));
      return run;
    });
    tf.dispose(Object.values(result.params).filter((t) => !Object.values(initial).includes(t)));
    return runs;
  } finally {
    tf.dispose([x, y, ...Object.values(initial)]);
  }
}

/** The seeds of `settings.restarts` restarts: restart r gets `unitSeed(settings.seed, r)` (the r-th integer of `createRng(seed)`). */
function restartSeeds(settings: { restarts: number; seed: number }): number[] {
  requirePositiveIntegers({ restarts: settings.restarts });
  return Array.from({ length: settings.restarts }, (_, r) => unitSeed(settings.seed, r));
}

/** Runs one training per restart seed, in order, stopping early when the signal aborts. */
async function restarts<T>(settings: { restarts: number; seed: number; signal?: AbortSignal }, train: (seed: number) => Promise<T>): Promise<T[]> {
  const runs: T[] = [];
  for (const seed of restartSeeds(settings)) {
    if (settings.signal?.aborted) break;
    runs.push(await train(seed));
  }
  return runs;
}

/** Restarts of {@link trainUnivariateLp} and the chosen one. */
export interface UnivariateExperiment {
  runs: UnivariateRun[];
  /** The interpolating run (error < 1e-3) of least lp cost; null when none interpolates. */
  best: UnivariateRun | null;
  /** Fraction of runs that recover the exact lp minimizer. */
  successRate: number;
}

/**
 * Algorithm 1 with restarts: trains `restarts` networks from seeds drawn from `settings.seed`, merges coinciding
 * knots, and picks the interpolating restart with least lp cost (the notes' recipe for robust recovery). With the
 * `tensor` engine the restarts train together as one stack of networks (the same runs up to float rounding, at the
 * op count of one run: what makes restarts cheap on webgl, where each op has a fixed cost).
 *
 * @param points - the data
 * @param settings - as {@link trainUnivariateLp}, plus `restarts`
 * @returns every run, the chosen one and the success rate
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3; the notes' section 6 (ii)
 */
export async function univariateLpExperiment(
  points: Points,
  settings: LpTrainingSettings & { restarts: number; engine?: LpEngine },
): Promise<UnivariateExperiment> {
  let runs: UnivariateRun[];
  if (settings.engine === 'tensor') {
    checkSettings(settings);
    runs = await trainRestartsWithTensors(interpolationSet(points.x, points.y), settings, restartSeeds(settings));
  } else runs = await restarts(settings, (seed) => trainUnivariateLp(points, { ...settings, seed }));
  const interpolating = runs.filter((run) => run.interpolationError < 1e-3);
  const best = interpolating.length === 0 ? null : interpolating.reduce((a, b) => (b.lpCost < a.lpCost ? b : a));
  return { runs, best, successRate: runs.filter((run) => run.matchesMinimizer).length / Math.max(1, runs.length) };
}

/** One trained multivariate network on random data, read out. */
export interface MultivariateRun {
  seed: number;
  /** Entries |v_k w_{k,i}| > 1e-6 (bias included): the l0 path count of (9). */
  nonzeroPathWeights: number;
  activeNeurons: number;
  /** max_i |f(x_i) - y_i|. */
  interpolationError: number;
  steps: number;
}

/**
 * Trains a multivariate ReLU net on (x [N, d], y [N]) with full-batch Adam on the MSE and, for 'lp', the
 * multivariate reweighted-l1 prox after the warm-up; reports nonzero path weights (bound 2N when N <= d + 1).
 *
 * @param data - `x` [N, d] and `y` [N] (not disposed)
 * @param settings - method, p, width, λ, steps, seed
 * @returns sparsity and interpolation read-outs
 * @see Nakhleh & Nowak, arXiv 2505.21791, Prop. 4.1 and experiment (b)
 */
export async function trainMultivariateLp(
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: LpTrainingSettings & { engine?: LpEngine },
): Promise<MultivariateRun> {
  checkSettings(settings);
  if (!settings.memo) return trainMultivariateOnce(data, settings);
  // the key: the data and every setting the numbers depend on, defaults filled in
  const { method, p = 0.4, width, lambda, learningRate = 0.01, steps, warmup = 5, schedule = 'constant', seed, engine = 'fused' } = settings;
  const key = JSON.stringify(['trainMultivariateLp', data.x.shape, Array.from(data.x.dataSync()), Array.from(data.y.dataSync()), { method, p, width, lambda, learningRate, steps, warmup, schedule, seed, engine }]);
  return memoized(settings.memo, key, () => trainMultivariateOnce(data, settings), (run) => run.steps === settings.steps);
}

async function trainMultivariateOnce(
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: LpTrainingSettings & { engine?: LpEngine },
): Promise<MultivariateRun> {
  const p = settings.p ?? 0.4;
  const warmup = settings.warmup ?? 5;
  const engine = settings.engine ?? 'fused';
  if (engine !== 'fused' && engine !== 'tensor') throw new Error(`engine must be fused or tensor, got "${engine as string}"`);
  const initial = initMultivariateRelu({ d: data.x.shape[1], width: settings.width, seed: settings.seed });
  const rate = rateAt(settings);
  const every = settings.every ?? Math.max(1, Math.floor(settings.steps / 20));
  let params: MultivariateReluParams;
  let steps: number;
  if (engine === 'fused') {
    optimizerFor(settings); // validates the method
    const result = await fusedMultivariateTraining(
      { v: Float64Array.from(initial.v.dataSync()), w: Float64Array.from(initial.w.dataSync()) },
      Float64Array.from(data.x.dataSync()),
      Float64Array.from(data.y.dataSync()),
      data.x.shape[1],
      { method: settings.method, p, lambda: settings.lambda, rate, steps: settings.steps, warmup, signal: settings.signal, every, onMetrics: settings.onProgress },
    );
    params = {
      v: tf.tensor1d(Float32Array.from(result.params.v)),
      w: tf.tensor2d(Float32Array.from(result.params.w), initial.w.shape),
    };
    steps = result.steps;
  } else {
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
              step > warmup ? { ...current, ...proxReweightedL1(current, { lambda: settings.lambda, step: rate(step - 1), p }) } : current
          : undefined,
      onMetrics: (m) => settings.onProgress?.(m.step, m.loss),
    });
    tf.dispose(result.state as tf.TensorContainer);
    params = result.params;
    steps = result.steps;
  }
  const error = tf.tidy(() => tf.max(tf.abs(tf.sub(applyMultivariateRelu(params, data.x), data.y))).dataSync()[0]);
  const run: MultivariateRun = {
    seed: settings.seed,
    nonzeroPathWeights: nonzeroPathWeights(params.v, params.w),
    activeNeurons: activeNeurons(params.v, params.w),
    interpolationError: error,
    steps,
  };
  tf.dispose([...Object.values(params), ...Object.values(initial)]);
  return run;
}

/** Restarts of {@link trainMultivariateLp} and the chosen one. */
export interface MultivariateExperiment {
  runs: MultivariateRun[];
  /** The interpolating run (max error < 1e-3) with fewest nonzero path weights; null when none interpolates. */
  best: MultivariateRun | null;
  /** Fraction of runs that interpolate. */
  interpolationRate: number;
}

/**
 * Algorithm 1 on multivariate data with restarts: trains `restarts` networks from seeds drawn from
 * `settings.seed` and keeps the interpolating one with fewest nonzero path weights. Measured on N = 10, d = 50:
 * about a third of the restarts end with a data point that no active neuron covers (f = 0 there, zero gradient,
 * and the prox never revives a pruned neuron), so they do not interpolate; the others interpolate to ~1e-6.
 *
 * @param data - `x` [N, d], `y` [N] (not disposed)
 * @param settings - as {@link trainMultivariateLp}, plus `restarts`
 * @returns every run, the chosen one and the interpolation rate
 * @see Nakhleh & Nowak, arXiv 2505.21791, experiment (b)
 */
export async function multivariateLpExperiment(
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: LpTrainingSettings & { restarts: number; engine?: LpEngine },
): Promise<MultivariateExperiment> {
  const runs = await restarts(settings, (seed) => trainMultivariateLp(data, { ...settings, seed }));
  const interpolating = runs.filter((run) => run.interpolationError < 1e-3);
  const best =
    interpolating.length === 0 ? null : interpolating.reduce((a, b) => (b.nonzeroPathWeights < a.nonzeroPathWeights ? b : a));
  return { runs, best, interpolationRate: interpolating.length / Math.max(1, runs.length) };
}
