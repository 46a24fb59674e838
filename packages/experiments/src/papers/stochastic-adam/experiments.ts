import { runUnits } from '../../harness/experiment.js';
import { choice, defineExperiment, integer, limitStretch, number, presetValues } from '../../harness/settings.js';
import type { PatchCnnReadout, PatchCnnResult } from '@sgn/trainers';
import { ADAM_BATCH_PRESETS, ADAM_PAPER, type AdamBatchSettings } from './presets.js';
import { FOUR_RUNS, adamData, adamRun } from './runs.js';

const both = <K extends keyof AdamBatchSettings>(key: K) => presetValues(ADAM_BATCH_PRESETS, key);

/** The settings of `adam-batch`, their ranges and each preset's values (presets.ts). */
const schema = {
  n: integer({ description: 'training examples', min: 2, max: 100_000, defaults: both('n') }),
  d: integer({ description: 'patch dimension', min: 2, max: 1_000_000, defaults: both('d') }),
  s: integer({ description: 'noise sparsity', min: 1, max: 100_000, defaults: both('s') }),
  sigmaP: number({ description: 'noise standard deviation σ_p', min: 0, max: 1000, defaults: both('sigmaP') }),
  alpha: number({ description: 'feature-noise strength α', min: 0, max: 1000, defaults: both('alpha') }),
  sigma0: number({ description: 'initialization standard deviation σ_0', min: 0, max: 1000, defaults: both('sigma0') }),
  m: integer({ description: 'filters per class', min: 1, max: 10_000, defaults: both('m') }),
  q: integer({ description: 'polynomial ReLU power', min: 2, max: 16, defaults: both('q') }),
  eta: number({ description: 'learning rate η', min: 0, max: 10, exclusiveMin: true, defaults: both('eta') }),
  lambdaAdam: number({ description: 'coupled L2 λ of Adam', min: 0, max: 1000, defaults: both('lambdaAdam') }),
  lambdaAdamW: number({ description: 'decoupled decay λ of AdamW', min: 0, max: 1000, defaults: both('lambdaAdamW') }),
  largeBatch: integer({ description: 'large batch size', min: 1, max: 100_000, defaults: both('largeBatch') }),
  miniBatch: integer({ description: 'mini batch size', min: 1, max: 100_000, defaults: both('miniBatch') }),
  epochsLarge: integer({
    description: 'epochs of the large-batch runs',
    min: 1,
    max: 10_000_000,
    defaults: both('epochsLarge'),
  }),
  epochsMini: integer({
    description: 'epochs of the mini-batch runs',
    min: 1,
    max: 10_000_000,
    defaults: both('epochsMini'),
  }),
  test: integer({ description: 'test examples', min: 1, max: 1_000_000, defaults: both('test') }),
  eps: number({ description: 'Adam ε', min: 0, max: 1, exclusiveMin: true, defaults: both('eps') }),
  biasCorrection: choice({
    description: "divide Adam's moments by 1 - β^t (the paper's theory: off)",
    choices: ['off', 'on'],
    defaults: both('biasCorrection'),
  }),
};

const READOUT_COLUMNS: (keyof PatchCnnReadout)[] = [
  'epoch',
  'trainError',
  'testError',
  'featurePositive',
  'featureNegative',
  'noiseMin',
  'noiseMax',
  'trainLoss',
];

/**
 * Stochastic Adam vs full-batch Adam: Adam (coupled L2) and AdamW (decoupled) with a large and a mini batch on
 * patch images; train/test error and the two mechanism read-outs over epochs.
 *
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Tables 1–2 and Figures 3–6
 */
export const adamBatchExperiment = defineExperiment({
  id: 'adam-batch',
  paper: ADAM_PAPER,
  claim: 'With n/B = 2 Adam and AdamW fit the feature noise and fail on test; with mini batches they learn the feature',
  schema,
  extraPresets: {
    'paper-disjoint': {
      base: 'paper',
      values: { d: 10_000 },
      description: 'the paper settings with d 10000, where the noise supports barely overlap (n·s/d = 2)',
    },

    live: {
      base: 'quick',
      values: { test: 500 },
      description: "the docs site's live run: the quick preset with 500 test images",
    },
  },
  metricsPlots: [
    {
      name: 'large-batch',
      title: 'Large batch (B = n/2): test error, feature read-out and noise memorisation over epochs',
      runs: ['adam-large', 'adamw-large'],
      x: 'epoch',
      y: ['testError', 'featurePositive', 'noiseMax'],
      xTitle: 'epoch',
      yTitle: 'test error; read-out',
      integerX: true,
      labels: {
        testError: 'test error',
        featurePositive: 'feature read-out max ⟨w, v⟩',
        noiseMax: 'noise memorisation max ⟨w, ξ⟩',
      },
    },
    {
      name: 'mini-batch',
      title: 'Mini batch: test error, feature read-out and noise memorisation over epochs',
      runs: ['adam-mini', 'adamw-mini'],
      x: 'epoch',
      y: ['testError', 'featurePositive', 'noiseMax'],
      xTitle: 'epoch',
      yTitle: 'test error; read-out',
      integerX: true,
      labels: {
        testError: 'test error',
        featurePositive: 'feature read-out max ⟨w, v⟩',
        noiseMax: 'noise memorisation max ⟨w, ξ⟩',
      },
    },
    {
      name: 'mechanism',
      title: 'What each run learns: the feature read-out against the noise memorisation, over its epochs',
      x: 'featurePositive',
      y: ['noiseMax'],
      xTitle: 'feature read-out max ⟨w, v⟩',
      yTitle: 'noise memorisation max ⟨w, ξ⟩',
      path: true,
    },
  ],
  validate(settings) {
    if (settings.largeBatch > settings.n || settings.miniBatch > settings.n) {
      throw new Error(
        `batch sizes must be at most n = ${settings.n}, got largeBatch ${settings.largeBatch}, miniBatch ${settings.miniBatch}`,
      );
    }
    if (settings.s > settings.d - 1) throw new Error(`s must be at most d - 1 = ${settings.d - 1}, got ${settings.s}`);
    limitStretch('draws', 's·(n + test)', settings.s * (settings.n + settings.test));
    limitStretch('draws', '2·m·d', 2 * settings.m * settings.d);
    // a large-batch step: forward and gradient over B examples' 1 + s coordinates of 2m filters
    limitStretch('operations', 'largeBatch·2·m·s', settings.largeBatch * 2 * settings.m * settings.s);
  },
  async run(settings, context) {
    const data = adamData(settings, context.seed);
    const { units, complete } = await runUnits(FOUR_RUNS.length, context, async (index) => {
      const run = `${FOUR_RUNS[index].optimizer}-${FOUR_RUNS[index].regime}`;
      const result: PatchCnnResult = await adamRun(
        data,
        settings,
        FOUR_RUNS[index],
        context.seed,
        context.signal,
        (r) => context.onMetrics?.({ run, ...r }),
      );
      return {
        readouts: result.readouts,
        stepsPerSecond: result.stepsPerSecond,
        steps: result.steps,
        kernel: `${result.backend} ${result.kernel}`,
      };
    });
    const names = FOUR_RUNS.slice(0, units.length).map((r) => `${r.optimizer}-${r.regime}`);
    const sweepRows = units.map((u, i) => [
      FOUR_RUNS[i].regime === 'large' ? settings.largeBatch : settings.miniBatch,
      FOUR_RUNS[i].optimizer === 'adam' ? 0 : 1,
      u.readouts[u.readouts.length - 1].testError,
    ]);
    const curves = Object.fromEntries(
      units.map((u, i) => [
        names[i],
        { columns: READOUT_COLUMNS, rows: u.readouts.map((r) => READOUT_COLUMNS.map((c) => r[c])) },
      ]),
    );
    return {
      complete,
      timings: Object.fromEntries(units.map((u, i) => [names[i], { stepsPerSecond: Math.round(u.stepsPerSecond) }])),
      metrics: Object.fromEntries(
        units.map((u, i) => [
          names[i],
          {
            ...u.readouts[u.readouts.length - 1],
            steps: u.steps,
            // which AdamPass kernel ran the dense pass (the backend setting chooses it)
            kernel: u.kernel,
          },
        ]),
      ),
      curves: {
        ...curves,
        // test error against batch size, one row per run (optimizer 0 = Adam, 1 = AdamW)
        batchSizes: {
          columns: ['batchSize', 'adam', 'adamw'],
          rows: [settings.miniBatch, settings.largeBatch].map((b) => [
            b,
            ...[0, 1].map((o) => sweepRows.find((r) => r[0] === b && r[1] === o)?.[2] ?? Number.NaN),
          ]),
        },
      },
      plots: [
        {
          name: 'test-error-vs-batch-size',
          title: 'Final test error against batch size',
          curve: 'batchSizes',
          x: 'batchSize',
          y: ['adam', 'adamw'],
          xTitle: 'batch size B (log scale)',
          labels: { adam: 'Adam (coupled L2)', adamw: 'AdamW (decoupled)' },
          yTitle: 'final test error',
          logX: true,
          points: ['adam', 'adamw'],
        },
        ...names.flatMap((name) => [
          {
            name: `${name}-errors`,
            title: `${name}: train and test error`,
            curve: name,
            x: 'epoch',
            y: ['trainError', 'testError'],
          },
          {
            name: `${name}-mechanism`,
            title: `${name}: feature learning and noise memorization`,
            curve: name,
            x: 'epoch',
            y: ['featurePositive', 'featureNegative', 'noiseMax'],
          },
        ]),
      ],
    };
  },
});
