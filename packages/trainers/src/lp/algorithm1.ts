import {
  applyMultivariateRelu,
  applyUnivariateRelu,
  initMultivariateRelu,
  initUnivariateRelu,
  knotsOf,
  mergeKnots,
  type Knot,
  type MultivariateReluParams,
  type UnivariateReluParams,
} from '@sgn/models';
import { activeNeurons, activeNeuronsFloat64, nonzeroPathWeights } from '@sgn/regularizers';
import { requirePositiveIntegers, tf, unitSeed } from '@sgn/tensor';
import { interpolationSet, type Points } from '@sgn/data';
import { univariateLpMinimizer } from '@sgn/theory';
import {
  checkSettings,
  fusedSettingsFor,
  withLpDefaults,
  type LpEngine,
  type LpTrainingSettings,
} from './algorithm1-settings.js';
import { trainMultivariateWithTensors, trainRestartsWithTensors, trainWithTensors } from './algorithm1.tensor.js';
import { fusedMultivariateTraining } from './algorithm1-multivariate.fused.js';
import { fusedUnivariateTraining, toArrays, type UnivariateArrays } from './algorithm1-univariate.fused.js';

/** Neurons of a network at one step of its training. */
export interface ActiveCount {
  step: number;
  active: number;
  unpruned: number;
}

/** One trained univariate network, read out. */
export interface UnivariateRun {
  /** The initialization seed. */
  seed: number;
  /** Neurons with |v w| > 1e-6. */
  activeNeurons: number;
  /**
   * The bends of the trained network as it is: the active neurons' knots, neurons joined only where their knots
   * coincide to {@link SAME_KNOT} (joining them changes the function by less than 1e-9 per unit of slope change).
   */
  knots: Knot[];
  /** max_i |f(x_i) - y_i|. */
  interpolationError: number;
  /** V_p of the trained network: Σ |slope change|^p over every neuron with v w ≠ 0, coinciding knots joined. */
  lpCost: number;
  /**
   * The network is the exact lp minimizer: it interpolates (error < 1e-3) with the minimizer's bends (same count,
   * each within 1e-2 in location and in slope change) and its V_p within 1e-3 of the minimizer's.
   */
  matchesMinimizer: boolean;
  /** Steps actually taken (fewer when aborted). */
  steps: number;
  /**
   * Neurons over training, at every report step after the prox: `active` with |v w| > 1e-6 (the paper's count),
   * `unpruned` with v w ≠ 0. Recorded by the fused engine; empty for the tensor engine.
   */
  activeOverTraining: ActiveCount[];
  /** The trained network on 121 points from one unit left of the data to one unit right, and at the data. */
  curve: { x: number[]; y: number[] };
}

async function trainFused(
  initial: UnivariateReluParams,
  points: Points,
  settings: LpTrainingSettings,
): Promise<{ params: UnivariateReluParams; steps: number; float64: UnivariateArrays; history: ActiveCount[] }> {
  const history: ActiveCount[] = [];
  const result = await fusedUnivariateTraining(
    toArrays(initial),
    points.x,
    points.y,
    fusedSettingsFor(settings),
    (step, network) => {
      const { v, w } = network;
      history.push({ step, active: activeNeuronsFloat64(v, w), unpruned: activeNeuronsFloat64(v, w, 0) });
      settings.onNetwork?.(step, network);
    },
  );
  const { v, w, b, a, c } = result.params;
  const params: UnivariateReluParams = {
    v: tf.tensor1d(Float32Array.from(v)),
    w: tf.tensor1d(Float32Array.from(w)),
    b: tf.tensor1d(Float32Array.from(b)),
    a: tf.tensor1d([a]),
    c: tf.tensor1d([c]),
  };
  return { params, steps: result.steps, float64: result.params, history };
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
  if (engine !== 'fused' && engine !== 'tensor')
    throw new Error(`engine must be fused or tensor, got "${engine as string}"`);
  const x = tf.tensor1d(data.x.slice());
  const y = tf.tensor1d(data.y.slice());
  const initial = initUnivariateRelu({ width: settings.width, seed: settings.seed });
  try {
    const trained: {
      params: UnivariateReluParams;
      steps: number;
      float64?: UnivariateArrays;
      history?: ActiveCount[];
    } =
      engine === 'fused' ? await trainFused(initial, data, settings) : await trainWithTensors(initial, x, y, settings);
    const { params, steps, float64, history } = trained;
    const run = readUnivariateRun(params, data, settings, steps, float64, history);
    tf.dispose(Object.values(params));
    return run;
  } finally {
    tf.dispose([x, y, ...Object.values(initial)]);
  }
}

/**
 * Knots closer than this are one bend: neurons whose knots coincide to float64 accuracy, so joining them changes
 * the function by less than 1e-9 per unit of slope change (the fused engines, read in float64).
 */
export const SAME_KNOT = 1e-9;

/** The same for the float32 tensor engine, whose knots -b/w carry float32 rounding (~1e-7 relative). */
export const SAME_KNOT_FLOAT32 = 1e-6;

/**
 * Where a univariate network's function is drawn: 121 points from one unit left of the data to one unit right, and
 * the data's own x (sorted).
 *
 * @param data - the data (x sorted)
 * @returns the grid
 */
export function functionGrid(data: Points): number[] {
  const [low, high] = [data.x[0] - 1, data.x[data.x.length - 1] + 1];
  return [...Array.from({ length: 121 }, (_, i) => low + ((high - low) * i) / 120), ...data.x].sort((a, b) => a - b);
}

/**
 * Reads a trained univariate network out as it is: its bends (neurons joined only where their knots coincide),
 * interpolation error, V_p over every unpruned neuron, and whether it is the exact lp minimizer of the data.
 *
 * @param params - the network (tensors)
 * @param data - the data it was trained on
 * @param settings - p and the seed recorded
 * @param steps - steps taken
 * @param float64 - the same network in float64 (a fused engine's), read instead of the tensors where given
 * @param history - the neuron counts over training, where the engine recorded them
 * @returns the read-out
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.1-3.2 (the exact minimizer compared against)
 */
export function readUnivariateRun(
  params: UnivariateReluParams,
  data: Points,
  settings: LpTrainingSettings,
  steps: number,
  float64?: UnivariateArrays,
  history: ActiveCount[] = [],
): UnivariateRun {
  const { p } = withLpDefaults(settings);
  const [source, same] = float64 ? [float64, SAME_KNOT] : [params, SAME_KNOT_FLOAT32];
  const knots = mergeKnots(knotsOf(source), same);
  // every neuron that is not exactly pruned counts in V_p (a neuron at |v w| = 1e-7 still costs 1.6e-3 at p = 0.4)
  const allBends = mergeKnots(knotsOf(source, 0), same, 0);
  const fitted = tf.tidy(() => applyUnivariateRelu(params, tf.tensor1d(data.x.slice())).dataSync());
  const gridX = functionGrid(data);
  const gridY = tf.tidy(() => Array.from(applyUnivariateRelu(params, tf.tensor1d(gridX)).dataSync()));
  const interpolationError = Math.max(...data.y.map((yi, i) => Math.abs(fitted[i] - yi)));
  const exact = univariateLpMinimizer(data, p);
  const lpCost = allBends.reduce((sum, k) => sum + Math.abs(k.slopeChange) ** p, 0);
  return {
    seed: settings.seed,
    activeNeurons: activeNeurons(params.v, params.w),
    knots,
    interpolationError,
    lpCost,
    matchesMinimizer:
      interpolationError < 1e-3 &&
      knots.length === exact.knots.length &&
      knots.every(
        (k, i) =>
          Math.abs(k.location - exact.knots[i]) < 1e-2 && Math.abs(k.slopeChange - exact.slopeChanges[i]) < 1e-2,
      ) &&
      Math.abs(lpCost - exact.cost) < 1e-3 * exact.cost,
    steps,
    activeOverTraining: history,
    curve: { x: gridX, y: gridY },
  };
}

/** The seeds of `settings.restarts` restarts: restart r gets `unitSeed(settings.seed, r)` (the r-th integer of `createRng(seed)`). */
function restartSeeds(settings: { restarts: number; seed: number }): number[] {
  requirePositiveIntegers({ restarts: settings.restarts });
  return Array.from({ length: settings.restarts }, (_, r) => unitSeed(settings.seed, r));
}

/** Runs one training per restart seed, in order, stopping early when the signal aborts. */
async function restarts<T>(
  settings: { restarts: number; seed: number; signal?: AbortSignal },
  train: (seed: number) => Promise<T>,
): Promise<T[]> {
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
 * knots, and picks the interpolating restart with least lp cost (the recipe for robust recovery on the lp paper's docs page). With the
 * `tensor` engine the restarts train together as one stack of networks (the same runs up to float rounding, at the
 * op count of one run: what makes restarts cheap on webgl, where each op has a fixed cost).
 *
 * @param points - the data
 * @param settings - as {@link trainUnivariateLp}, plus `restarts`
 * @param trainOne - trains one restart of the fused engine (default {@link trainUnivariateLp}; a memoized one in
 *   `sgn reproduce`)
 * @returns every run, the chosen one and the success rate
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3; the docs' lp paper page (a numpy rerun of Algorithm 1)
 */
export async function univariateLpExperiment(
  points: Points,
  settings: LpTrainingSettings & { restarts: number; engine?: LpEngine },
  trainOne: typeof trainUnivariateLp = trainUnivariateLp,
): Promise<UnivariateExperiment> {
  let runs: UnivariateRun[];
  if (settings.engine === 'tensor') {
    checkSettings(settings);
    const data = interpolationSet(points.x, points.y);
    runs = await trainRestartsWithTensors(data, settings, restartSeeds(settings), (params, seed, steps) =>
      readUnivariateRun(params, data, { ...settings, seed }, steps),
    );
  } else runs = await restarts(settings, (seed) => trainOne(points, { ...settings, seed }));
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
  return trainMultivariateOnce(data, settings);
}

async function trainMultivariateOnce(
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: LpTrainingSettings & { engine?: LpEngine },
): Promise<MultivariateRun> {
  const engine = settings.engine ?? 'fused';
  if (engine !== 'fused' && engine !== 'tensor')
    throw new Error(`engine must be fused or tensor, got "${engine as string}"`);
  const initial = initMultivariateRelu({ d: data.x.shape[1], width: settings.width, seed: settings.seed });
  let params: MultivariateReluParams;
  let steps: number;
  if (engine === 'fused') {
    const result = await fusedMultivariateTraining(
      { v: Float64Array.from(initial.v.dataSync()), w: Float64Array.from(initial.w.dataSync()) },
      Float64Array.from(data.x.dataSync()),
      Float64Array.from(data.y.dataSync()),
      data.x.shape[1],
      fusedSettingsFor(settings),
    );
    params = {
      v: tf.tensor1d(Float32Array.from(result.params.v)),
      w: tf.tensor2d(Float32Array.from(result.params.w), initial.w.shape),
    };
    steps = result.steps;
  } else {
    ({ params, steps } = await trainMultivariateWithTensors(initial, data, settings));
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
 * @param trainOne - trains one restart (default {@link trainMultivariateLp}; an experiment passes a memoized one)
 * @returns every run, the chosen one and the interpolation rate
 * @see Nakhleh & Nowak, arXiv 2505.21791, experiment (b)
 */
export async function multivariateLpExperiment(
  data: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: LpTrainingSettings & { restarts: number; engine?: LpEngine },
  trainOne: typeof trainMultivariateLp = trainMultivariateLp,
): Promise<MultivariateExperiment> {
  const runs = await restarts(settings, (seed) => trainOne(data, { ...settings, seed }));
  const interpolating = runs.filter((run) => run.interpolationError < 1e-3);
  const best =
    interpolating.length === 0
      ? null
      : interpolating.reduce((a, b) => (b.nonzeroPathWeights < a.nonzeroPathWeights ? b : a));
  return { runs, best, interpolationRate: interpolating.length / Math.max(1, runs.length) };
}
