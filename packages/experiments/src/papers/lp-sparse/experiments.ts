import { peakPlateau, randomRegression, type Points } from '@sgn/data';
import { tf, unitSeed } from '@sgn/tensor';
import { memoizedMultivariateLp } from './memoized-runs.js';
import { PEAK_PLATEAU_TRAINING, RANDOM_DATA_TRAINING } from './presets.js';
import { evaluateUnivariateRelu } from '@sgn/models';
import { functionGrid, trainUnivariateLp, type LpMethod, type UnivariateRun } from '@sgn/trainers';
import { evaluatePiecewiseLinear, univariateLpMinimizer, type LpMinimizer } from '@sgn/theory';
import {
  runUnits,
  type Curve,
  type ExperimentContext,
  type LivePicture,
  type PlotSpec,
} from '../../harness/experiment.js';
import { choice, defineExperiment, integer, limitStretch, number, type SettingsOf } from '../../harness/settings.js';

const PAPER = 'Nakhleh & Nowak, arXiv 2505.21791';

/** The settings both lp experiments share, with each preset's values (presets.ts). */
function sharedSchema(presets: typeof PEAK_PLATEAU_TRAINING | typeof RANDOM_DATA_TRAINING) {
  const { quick, paper } = presets;
  return {
    p: number({
      description: 'quasinorm exponent',
      min: 0,
      max: 1,
      exclusiveMin: true,
      defaults: { quick: quick.p ?? 0.4, paper: paper.p ?? 0.4 },
    }),
    width: integer({
      description: 'hidden width K',
      min: 1,
      max: 100_000,
      defaults: { quick: quick.width, paper: paper.width },
    }),
    lambda: number({
      description: 'prox weight (lp) and weight decay (AdamW)',
      min: 0,
      max: 1000,
      defaults: { quick: quick.lambda, paper: paper.lambda },
    }),
    steps: integer({
      description: 'Adam steps per restart',
      min: 1,
      max: 100_000_000,
      defaults: { quick: quick.steps, paper: paper.steps },
    }),
    learningRate: number({
      description: 'Adam learning rate γ',
      min: 0,
      max: 100,
      exclusiveMin: true,
      defaults: { quick: quick.learningRate ?? 0.01, paper: paper.learningRate ?? 0.01 },
    }),
    schedule: choice({
      description: 'γ schedule: constant (as published) or cosine',
      choices: ['constant', 'cosine'],
      defaults: { quick: quick.schedule ?? 'constant', paper: paper.schedule ?? 'constant' },
    }),
    warmup: integer({
      description: 'steps before the prox starts',
      min: 0,
      max: 100_000_000,
      defaults: { quick: quick.warmup ?? 5, paper: paper.warmup ?? 5 },
    }),
    restarts: integer({
      description: 'restarts of Algorithm 1',
      min: 1,
      max: 10_000,
      defaults: { quick: quick.restarts, paper: paper.restarts },
    }),
  };
}

type SharedSettings = SettingsOf<ReturnType<typeof sharedSchema>>;

const common = (s: SharedSettings) => ({
  p: s.p,
  width: s.width,
  lambda: s.lambda,
  steps: s.steps,
  learningRate: s.learningRate,
  schedule: s.schedule,
  warmup: s.warmup,
});

/**
 * Units of an lp experiment: `restarts` runs of Algorithm 1 (restart r seeded unitSeed(seed, r)), then Adam and
 * AdamW from the first restart's seed, so the baselines start where lp restart 0 starts.
 */
async function restartsThenBaselines<T>(
  restarts: number,
  context: ExperimentContext,
  train: (method: LpMethod, seed: number, run: string) => Promise<T>,
): Promise<{ units: T[]; complete: boolean; methods: LpMethod[] }> {
  const methods: LpMethod[] = [...Array.from({ length: restarts }, () => 'lp' as const), 'adam', 'adamw'];
  const result = await runUnits(methods.length, context, (index) =>
    train(
      methods[index],
      unitSeed(context.seed, methods[index] === 'lp' ? index : 0),
      methods[index] === 'lp' ? `lp-${index}` : methods[index],
    ),
  );
  return { ...result, methods };
}

/**
 * A network's function on `grid` beside the exact lp minimizer f* and the data: columns x, exact, `name` (NaN where
 * `values` is null) and data (NaN off the data's x).
 */
function functionsCurve(
  name: string,
  grid: readonly number[],
  values: ArrayLike<number> | null,
  data: Points,
  exact: LpMinimizer,
): Curve {
  return {
    columns: ['x', 'exact', name, 'data'],
    rows: grid.map((x, i) => {
      const at = data.x.findIndex((xi) => Math.abs(xi - x) < 1e-9);
      return [x, evaluatePiecewiseLinear(exact, x), values ? values[i] : Number.NaN, at >= 0 ? data.y[at] : Number.NaN];
    }),
  };
}

/** The live picture of the lp page: run `run`'s network at `step` against f* and the data. */
function fitPicture(
  run: string,
  step: number,
  network: Parameters<typeof evaluateUnivariateRelu>[0],
  data: Points,
  exact: LpMinimizer,
): LivePicture {
  const grid = functionGrid(data);
  return {
    plot: {
      name: 'fit',
      title: `${run} at step ${step}: the network against f* and the data`,
      curve: 'fit',
      x: 'x',
      y: ['exact', 'network', 'data'],
      xTitle: 'x',
      yTitle: 'f(x)',
      reference: ['exact'],
      points: ['data'],
      labels: { exact: 'f*, the exact lp minimizer', network: `the network (${run}, step ${step})`, data: 'data' },
    },
    curve: functionsCurve('network', grid, evaluateUnivariateRelu(network, grid), data, exact),
  };
}

/** Algorithm 1 on peak/plateau with restarts and the Adam/AdamW baselines; curves of the fitted functions. */
export const lpPeakPlateauExperiment = defineExperiment({
  id: 'lp-peak-plateau',
  paper: PAPER,
  claim: 'Algorithm 1 at p < 1 recovers the sparsest interpolant f* on peak/plateau; Adam and AdamW stay dense',
  schema: {
    ...sharedSchema(PEAK_PLATEAU_TRAINING),
  },
  extraPresets: {
    live: {
      base: 'quick',
      values: {
        width: 20,
        lambda: 0.03,
        steps: 3000,
        restarts: 16,
        learningRate: 0.05,
        warmup: 300,
        schedule: 'cosine',
      },
      description: "the docs site's live run: 16 restarts of 3000 steps at width 20 (about a second on wasm)",
    },
  },
  metricsPlots: [
    {
      name: 'loss',
      title: 'Training loss of each run (Algorithm 1 restarts, Adam, AdamW)',
      x: 'step',
      y: ['loss'],
      xTitle: 'Adam step',
      yTitle: 'mean squared error',
      logY: true,
      integerX: true,
    },
  ],
  livePictures: ['fit'],
  async run(settings, context) {
    const restarts = settings.restarts;
    const data = peakPlateau();
    const exact = univariateLpMinimizer(data, settings.p);
    const { onPicture } = context;
    const { units, complete } = await restartsThenBaselines(restarts, context, (method, seed, run) =>
      trainUnivariateLp(data, {
        ...common(settings),
        method,
        seed,
        signal: context.signal,
        onProgress: (step, loss) => context.onMetrics?.({ run, step, loss }),
        ...(onPicture ? { onNetwork: (step, network) => onPicture(fitPicture(run, step, network, data, exact)) } : {}),
      }),
    );
    const lpRuns = units.slice(0, Math.min(units.length, restarts));
    const interpolating = lpRuns.filter((r) => r.interpolationError < 1e-3);
    const best = interpolating.length === 0 ? null : interpolating.reduce((a, b) => (b.lpCost < a.lpCost ? b : a));
    return {
      complete,
      metrics: {
        successRate: lpRuns.filter((r) => r.matchesMinimizer).length / Math.max(1, lpRuns.length),
        bestKnots: best?.knots.map((k) => k.location) ?? null,
        bestInterpolationError: best?.interpolationError ?? null,
        exactKnots: exact.knots,
        exactCost: exact.cost,
        lpActiveNeurons: lpRuns.map((r) => r.activeNeurons),
        adamActiveNeurons: (units[restarts] as UnivariateRun | undefined)?.activeNeurons ?? null,
        adamwActiveNeurons: (units[restarts + 1] as UnivariateRun | undefined)?.activeNeurons ?? null,
        runs: units,
      },
      curves: {
        functions: lpRuns.length
          ? functionsCurve('best', functionGrid(data), best?.curve.y ?? null, data, exact)
          : { columns: ['x', 'exact', 'best', 'data'], rows: [] },
        // the best restart's function minus the exact lp minimizer, on the same grid
        ...(best
          ? {
              residual: {
                columns: ['x', 'best - exact'],
                rows: best.curve.x.map((x, i) => [x, best.curve.y[i] - evaluatePiecewiseLinear(exact, x)]),
              },
            }
          : {}),
        neurons: {
          columns: ['restart', 'activeNeurons', 'knots', 'lpCost'],
          rows: lpRuns.map((r, i) => [i, r.activeNeurons, r.knots.length, r.lpCost]),
        },
      },
      plots: <PlotSpec[]>[
        {
          name: 'functions',
          title: 'Peak/plateau: the exact lp minimizer (dashed), the best restart and the data',
          curve: 'functions',
          x: 'x',
          y: ['exact', 'best', 'data'],
          xTitle: 'x',
          yTitle: 'f(x)',
          reference: ['exact'],
          points: ['data'],
          labels: { exact: 'f*, the exact lp minimizer', best: 'best restart (Algorithm 1)', data: 'data' },
        },
        ...(best
          ? [
              {
                name: 'functions-residual',
                title: 'Residual: the best restart minus the exact lp minimizer',
                curve: 'residual',
                x: 'x',
                y: ['best - exact'],
                xTitle: 'x',
                yTitle: 'f(x) - f*(x)',
                labels: { 'best - exact': 'best restart minus f*' },
              },
            ]
          : []),
      ],
    };
  },
});

/** Algorithm 1 on random data N = 10, d = 50 with restarts, and the baselines. */
export const lpRandomDataExperiment = defineExperiment({
  id: 'lp-random-data',
  paper: PAPER,
  claim: 'On random data (N = 10, d = 50) lp training interpolates with at most 2N nonzero path weights',
  schema: {
    ...sharedSchema(RANDOM_DATA_TRAINING),
    n: integer({ description: 'data points N', min: 1, max: 10_000, defaults: { quick: 10, paper: 10 } }),
    d: integer({ description: 'input dimension', min: 1, max: 100_000, defaults: { quick: 50, paper: 50 } }),
  },
  validate({ n, d, width }) {
    // the data and the initial weights are drawn before the first step
    limitStretch('draws', 'n·d', n * d);
    limitStretch('draws', 'width·(d + 2)', width * (d + 2));
    // one full-batch step: N pre-activations of K neurons over d + 1 inputs, forward and back
    limitStretch('operations', '2·n·width·(d + 1)', 2 * n * width * (d + 1));
  },
  async run(settings, context) {
    const restarts = settings.restarts;
    const data = randomRegression({ n: settings.n, d: settings.d, seed: context.seed });
    try {
      const { units, complete, methods } = await restartsThenBaselines(restarts, context, (method, seed) =>
        memoizedMultivariateLp(context.memo, data, { ...common(settings), method, seed, signal: context.signal }),
      );
      const lpRuns = units.slice(0, Math.min(units.length, restarts));
      return {
        complete,
        metrics: { runs: units, methods: methods.slice(0, units.length) },
        curves: {
          sparsity: {
            columns: ['unit', 'nonzeroPathWeights', 'activeNeurons', 'interpolationError'],
            rows: units.map((r, i) => [i, r.nonzeroPathWeights, r.activeNeurons, r.interpolationError]),
          },
        },
        plots:
          lpRuns.length > 0
            ? [
                {
                  name: 'sparsity',
                  title: 'Nonzero path weights per run (lp restarts, then Adam, AdamW)',
                  curve: 'sparsity',
                  x: 'unit',
                  y: ['nonzeroPathWeights'],
                  xTitle: 'run (lp restarts, then Adam, AdamW)',
                  yTitle: 'nonzero path weights (count)',
                  integerX: true,
                  logY: true,
                  points: ['nonzeroPathWeights'],
                  rules: [{ y: 2 * settings.n, label: `2N = ${2 * settings.n} (Theorem 4.1's bound)` }],
                },
              ]
            : [],
      };
    } finally {
      tf.dispose([data.x, data.y]);
    }
  },
});
