import { peakPlateau, randomRegression } from '@sgn/data';
import { tf, unitSeed } from '@sgn/tensor';
import { memoizedMultivariateLp } from './memoized-runs.js';
import { PEAK_PLATEAU_TRAINING, RANDOM_DATA_TRAINING } from './presets.js';
import { trainUnivariateLp, type LpMethod, type UnivariateRun } from '@sgn/trainers';
import { evaluatePiecewiseLinear, univariateLpMinimizer } from '@sgn/theory';
import {
  runUnits,
  type Experiment,
  type ExperimentContext,
  type SettingSpec,
  type SettingValue,
} from '../../harness/experiment.js';

const PAPER = 'Nakhleh & Nowak, arXiv 2505.21791';

function sharedSettings(presets: typeof PEAK_PLATEAU_TRAINING | typeof RANDOM_DATA_TRAINING): SettingSpec[] {
  const both = <K extends keyof (typeof presets)['quick']>(key: K) => ({
    quick: presets.quick[key] as SettingValue,
    paper: presets.paper[key] as SettingValue,
  });
  return [
    {
      key: 'p',
      description: 'quasinorm exponent',
      type: 'number',
      min: 0,
      max: 1,
      exclusiveMin: true,
      defaults: both('p'),
    },
    { key: 'width', description: 'hidden width K', type: 'integer', min: 1, defaults: both('width') },
    {
      key: 'lambda',
      description: 'prox weight (lp) and weight decay (AdamW)',
      type: 'number',
      min: 0,
      defaults: both('lambda'),
    },
    { key: 'steps', description: 'Adam steps per restart', type: 'integer', min: 1, defaults: both('steps') },
    {
      key: 'learningRate',
      description: 'Adam learning rate γ',
      type: 'number',
      min: 0,
      exclusiveMin: true,
      defaults: { quick: 0.01, paper: 0.01 },
    },
    {
      key: 'schedule',
      description: 'γ schedule: constant (as published) or cosine',
      type: 'choice',
      choices: ['constant', 'cosine'],
      defaults: both('schedule'),
    },
    {
      key: 'warmup',
      description: 'steps before the prox starts',
      type: 'integer',
      min: 0,
      defaults: { quick: 5, paper: 5 },
    },
    { key: 'restarts', description: 'restarts of Algorithm 1', type: 'integer', min: 1, defaults: both('restarts') },
  ];
}

const common = (s: Record<string, SettingValue>) => ({
  p: s.p as number,
  width: s.width as number,
  lambda: s.lambda as number,
  steps: s.steps as number,
  learningRate: s.learningRate as number,
  schedule: s.schedule as 'constant' | 'cosine',
  warmup: s.warmup as number,
});

/**
 * Units of an lp experiment: `restarts` runs of Algorithm 1 (restart r seeded unitSeed(seed, r)), then Adam and
 * AdamW from the first restart's seed, so the baselines start where lp restart 0 starts.
 */
async function restartsThenBaselines<T>(
  restarts: number,
  context: ExperimentContext,
  train: (method: LpMethod, seed: number) => Promise<T>,
): Promise<{ units: T[]; complete: boolean; methods: LpMethod[] }> {
  const methods: LpMethod[] = [...Array.from({ length: restarts }, () => 'lp' as const), 'adam', 'adamw'];
  const result = await runUnits(methods.length, context, (index) =>
    train(methods[index], unitSeed(context.seed, methods[index] === 'lp' ? index : 0)),
  );
  return { ...result, methods };
}

/** Algorithm 1 on peak/plateau with restarts and the Adam/AdamW baselines; curves of the fitted functions. */
export const lpPeakPlateauExperiment: Experiment = {
  id: 'lp-peak-plateau',
  paper: PAPER,
  claim: 'Algorithm 1 at p < 1 recovers the sparsest interpolant f* on peak/plateau; Adam and AdamW stay dense',
  settings: [
    ...sharedSettings(PEAK_PLATEAU_TRAINING),
    {
      key: 'mergeTolerance',
      description: 'knots closer than this are one bend',
      type: 'number',
      min: 0,
      defaults: {
        quick: PEAK_PLATEAU_TRAINING.quick.mergeTolerance as number,
        paper: PEAK_PLATEAU_TRAINING.paper.mergeTolerance as number,
      },
    },
  ],
  async run(settings, context) {
    const restarts = settings.restarts as number;
    const { units, complete } = await restartsThenBaselines(restarts, context, (method, seed) =>
      trainUnivariateLp(peakPlateau(), {
        ...common(settings),
        mergeTolerance: settings.mergeTolerance as number,
        method,
        seed,
        signal: context.signal,
      }),
    );
    const lpRuns = units.slice(0, Math.min(units.length, restarts)) as UnivariateRun[];
    const interpolating = lpRuns.filter((r) => r.interpolationError < 1e-3);
    const best = interpolating.length === 0 ? null : interpolating.reduce((a, b) => (b.lpCost < a.lpCost ? b : a));
    const exact = univariateLpMinimizer(peakPlateau(), settings.p as number);
    const data = peakPlateau();
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
        functions: {
          columns: ['x', 'exact', 'best', 'data'],
          rows:
            (best ?? lpRuns[0])?.curve.x.map((x, i) => {
              const at = data.x.findIndex((xi) => Math.abs(xi - x) < 1e-9);
              return [
                x,
                evaluatePiecewiseLinear(exact, x),
                best ? best.curve.y[i] : Number.NaN,
                at >= 0 ? data.y[at] : Number.NaN,
              ];
            }) ?? [],
        },
        neurons: {
          columns: ['restart', 'activeNeurons', 'knots', 'lpCost'],
          rows: lpRuns.map((r, i) => [i, r.activeNeurons, r.knots.length, r.lpCost]),
        },
      },
      plots: [
        {
          name: 'functions',
          title: 'Peak/plateau: exact lp minimizer, best restart, data',
          curve: 'functions',
          x: 'x',
          y: ['exact', 'best', 'data'],
          points: ['data'],
        },
      ],
    };
  },
};

/** Algorithm 1 on random data N = 10, d = 50 with restarts, and the baselines. */
export const lpRandomDataExperiment: Experiment = {
  id: 'lp-random-data',
  paper: PAPER,
  claim: 'On random data (N = 10, d = 50) lp training interpolates with at most 2N nonzero path weights',
  settings: [
    ...sharedSettings(RANDOM_DATA_TRAINING),
    { key: 'n', description: 'data points N', type: 'integer', min: 1, defaults: { quick: 10, paper: 10 } },
    { key: 'd', description: 'input dimension', type: 'integer', min: 1, defaults: { quick: 50, paper: 50 } },
  ],
  async run(settings, context) {
    const restarts = settings.restarts as number;
    const data = randomRegression({ n: settings.n as number, d: settings.d as number, seed: context.seed });
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
                  logY: true,
                  points: ['nonzeroPathWeights'],
                },
              ]
            : [],
      };
    } finally {
      tf.dispose([data.x, data.y]);
    }
  },
};
