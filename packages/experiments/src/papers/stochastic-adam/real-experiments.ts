import { fashionMnistDir } from '@sgn/data/fashion-mnist';
import { runUnits, type ExperimentContext, type ExperimentOutput } from '../../harness/experiment.js';
import { choice, defineExperiment, integer, number, presetValues } from '../../harness/settings.js';
import { ADAM_PAPER } from './presets.js';
import {
  ADAM_REAL_PRESETS,
  REAL_BATCHES,
  REAL_DECAY_GRID,
  REAL_LEARNING_RATES,
  type AdamRealSettings,
} from './real-presets.js';
import {
  REAL_OPTIMIZERS,
  batchGridSpecs,
  chosenPerBatch,
  decayGridSpecs,
  lazyData,
  realRun,
  type RealRun,
  type RealRunSpec,
} from './real-runs.js';

const NAMES = { adam: 'Adam', adamw: 'AdamW' } as const;

/** The data settings both experiments share, their ranges and each preset's values. */
const dataSchema = {
  model: choice({
    description: 'the small CNN (two 3x3 convolutions, 8 and 16 channels) or an MLP (128 hidden units)',
    choices: ['cnn', 'mlp'],
    defaults: presetValues(ADAM_REAL_PRESETS, 'model'),
  }),
  train: integer({
    description: 'training images',
    min: 16,
    max: 59_000,
    defaults: presetValues(ADAM_REAL_PRESETS, 'train'),
  }),
  validation: integer({
    description: 'held-out training images (choose the learning rate)',
    min: 1,
    max: 30_000,
    defaults: presetValues(ADAM_REAL_PRESETS, 'validation'),
  }),
  test: integer({
    description: 'test images',
    min: 1,
    max: 10_000,
    defaults: presetValues(ADAM_REAL_PRESETS, 'test'),
  }),
  epochs: integer({
    description: 'epochs of every run',
    min: 1,
    max: 1000,
    defaults: presetValues(ADAM_REAL_PRESETS, 'epochs'),
  }),
};

/** Checks the sizes, and that Fashion-MNIST is installed, before anything is written (the error names the package). */
function validateData(settings: Record<string, unknown>): void {
  fashionMnistDir();
  const { train, validation } = settings as Pick<AdamRealSettings, 'train' | 'validation'>;
  if (train + validation > 60_000) {
    throw new Error(
      `train + validation must be at most 60000 (Fashion-MNIST's train split), got ${train} + ${validation}`,
    );
  }
}

function dataOf(settings: AdamRealSettings): AdamRealSettings {
  const { model, train, validation, test, epochs } = settings;
  return { model, train, validation, test, epochs };
}

/** Trains `specs` as units (checkpointed, resumable), streaming each epoch to the live log. */
async function trainAll(settings: AdamRealSettings, specs: RealRunSpec[], context: ExperimentContext) {
  const data = lazyData(settings, context.seed);
  return runUnits(specs.length, context, (index) => {
    const spec = specs[index];
    const run = `${spec.optimizer} B ${spec.batch} η ${spec.learningRate} λ ${spec.weightDecay}`;
    return realRun(data, settings, spec, context.seed, {
      signal: context.signal,
      memo: context.memo,
      onEpoch: (record) => context.onMetrics?.({ run, ...record }),
    });
  });
}

const runColumns = [
  'optimizer (0 adam, 1 adamw)',
  'B',
  'B used',
  'η',
  'λ',
  'validation error',
  'test error',
  'train loss',
  'steps',
];
const runRow = (r: RealRun) => [
  r.optimizer === 'adam' ? 0 : 1,
  r.batch,
  r.batchUsed,
  r.learningRate,
  r.weightDecay,
  r.validationError,
  r.testError,
  r.trainLoss,
  r.steps,
];

/**
 * Figure 1 on Fashion-MNIST: test error against the batch size for Adam (coupled λ 5e-4) and AdamW (decoupled λ
 * 1e-2), each at the learning rate of its grid with the best validation error.
 *
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Appendix D.1, Figure 1
 */
export const adamRealBatchExperiment = defineExperiment({
  id: 'adam-real-batch',
  paper: ADAM_PAPER,
  claim: 'On real images, test error degrades sharply once the batch size passes a threshold, for Adam and for AdamW',
  schema: {
    ...dataSchema,
    batches: choice({
      description: 'the batch sizes: all of Figure 1 (16 to 4096) or one of them (to spread a sweep)',
      choices: ['all', ...REAL_BATCHES.map(String)],
      defaults: { quick: 'all', paper: 'all' },
    }),
    optimizers: choice({
      description: 'both optimizers, or one (to spread a sweep)',
      choices: ['both', 'adam', 'adamw'],
      defaults: { quick: 'both', paper: 'both' },
    }),
    learningRates: choice({
      description: 'the learning-rate grid: the paper (5e-4, 1e-4, 1e-5), quick (1e-3 alone) or one rate',
      choices: ['paper', 'quick', '1e-3', '5e-4', '1e-4', '1e-5'],
      defaults: { quick: 'quick', paper: 'paper' },
    }),
  },
  validate: validateData,
  sweepCurves: [
    {
      name: 'test-error-vs-batch',
      title: 'test error against log2 B',
      x: 'log2Batch',
      y: ['adamTestError', 'adamwTestError'],
    },
  ],
  async run(settings, context): Promise<ExperimentOutput> {
    const batches = settings.batches === 'all' ? [...REAL_BATCHES] : [Number(settings.batches)];
    const rates =
      settings.learningRates === 'paper' || settings.learningRates === 'quick'
        ? [...REAL_LEARNING_RATES[settings.learningRates]]
        : [Number(settings.learningRates)];
    const optimizers = settings.optimizers === 'both' ? REAL_OPTIMIZERS : [settings.optimizers];
    const specs = batchGridSpecs(optimizers, batches, rates);
    const { units, complete } = await trainAll(dataOf(settings), specs, context);
    const [adam, adamw] = REAL_OPTIMIZERS.map((o) => chosenPerBatch(units, o, batches, rates.length));
    const value = (
      runs: (RealRun | undefined)[],
      key: 'testError' | 'validationError' | 'learningRate' | 'batchUsed',
    ) => runs.map((r) => r?.[key] ?? null);
    return {
      complete,
      metrics: {
        batch: batches,
        log2Batch: batches.map(Math.log2),
        batchUsed: batches.map((batch, j) => adam[j]?.batchUsed ?? adamw[j]?.batchUsed ?? null),
        adamTestError: value(adam, 'testError'),
        adamwTestError: value(adamw, 'testError'),
        adamValidationError: value(adam, 'validationError'),
        adamwValidationError: value(adamw, 'validationError'),
        adamLearningRate: value(adam, 'learningRate'),
        adamwLearningRate: value(adamw, 'learningRate'),
      },
      curves: {
        runs: { columns: runColumns, rows: units.map(runRow) },
        batch: {
          columns: ['log2 B', ...optimizers.map((o) => `${NAMES[o]} test error`)],
          rows: batches.flatMap((batch, j) => {
            const picked = optimizers.map((o) => (o === 'adam' ? adam : adamw)[j]);
            return picked.every((r) => r) ? [[Math.log2(batch), ...picked.map((r) => r!.testError)]] : [];
          }),
        },
      },
      plots: complete
        ? [
            {
              name: 'test-error-vs-batch',
              title: 'Fashion-MNIST test error against log2 B (best η on validation)',
              curve: 'batch',
              x: 'log2 B',
              y: optimizers.map((o) => `${NAMES[o]} test error`),
              xTitle: 'log2 B (batch size)',
              yTitle: 'test error (fraction of test images)',
            },
          ]
        : [],
    };
  },
});

/** Every λ of either grid of Figure 2, ascending, as text (the `lambdas` choices). */
const DECAY_VALUES = [...new Set([...REAL_DECAY_GRID.adam, ...REAL_DECAY_GRID.adamw])]
  .sort((a, b) => a - b)
  .map(String);

/**
 * Figure 2 on Fashion-MNIST: test error against the weight decay λ at B 16 and η 1e-4, Adam (coupled) over the
 * paper's 12 values and AdamW (decoupled) over its 8; the paper plots AdamW's λ scaled by 1/25, given here too.
 *
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Appendix D.1, Figure 2
 */
export const adamRealDecayExperiment = defineExperiment({
  id: 'adam-real-decay',
  paper: ADAM_PAPER,
  claim:
    "On real images at B 16, Adam's test error rises once its coupled λ passes ~0.05, AdamW's stays low up to λ ~ 0.5",
  schema: {
    ...dataSchema,
    optimizers: choice({
      description: 'both grids, or one (to spread a sweep)',
      choices: ['both', 'adam', 'adamw'],
      defaults: { quick: 'both', paper: 'both' },
    }),
    lambdas: choice({
      description: "the weight decays: each optimizer's grid of Figure 2, or one λ (to spread a sweep)",
      choices: ['paper', ...DECAY_VALUES],
      defaults: { quick: 'paper', paper: 'paper' },
    }),
    batch: integer({
      description: 'batch size B',
      min: 1,
      max: 59_000,
      defaults: { quick: REAL_DECAY_GRID.batch, paper: REAL_DECAY_GRID.batch },
    }),
    learningRate: number({
      description: 'learning rate η',
      min: 0,
      max: 1,
      exclusiveMin: true,
      defaults: { quick: REAL_DECAY_GRID.learningRate, paper: REAL_DECAY_GRID.learningRate },
    }),
  },
  validate: validateData,
  sweepCurves: [
    {
      name: 'adam-test-error-vs-lambda',
      title: 'Adam test error against log10 λ',
      x: 'adamLog10Lambda',
      y: ['adamTestError'],
    },
    {
      name: 'adamw-test-error-vs-lambda',
      title: 'AdamW test error against log10 λ',
      x: 'adamwLog10Lambda',
      y: ['adamwTestError'],
    },
  ],
  async run(settings, context): Promise<ExperimentOutput> {
    const optimizers = settings.optimizers === 'both' ? REAL_OPTIMIZERS : [settings.optimizers];
    const lambdasOf = (optimizer: 'adam' | 'adamw') =>
      settings.lambdas === 'paper' ? REAL_DECAY_GRID[optimizer] : [Number(settings.lambdas)];
    const specs = decayGridSpecs(optimizers, lambdasOf, settings.batch, settings.learningRate);
    const { units, complete } = await trainAll(dataOf(settings), specs, context);
    const of = (optimizer: 'adam' | 'adamw') => units.filter((u) => u.optimizer === optimizer);
    const [adam, adamw] = [of('adam'), of('adamw')];
    return {
      complete,
      metrics: {
        adamLambda: adam.map((r) => r.weightDecay),
        adamLog10Lambda: adam.map((r) => Math.log10(r.weightDecay)),
        adamTestError: adam.map((r) => r.testError),
        adamwLambda: adamw.map((r) => r.weightDecay),
        adamwLog10Lambda: adamw.map((r) => Math.log10(r.weightDecay)),
        adamwLambdaScaled: adamw.map((r) => r.weightDecay / 25),
        adamwTestError: adamw.map((r) => r.testError),
      },
      curves: {
        runs: { columns: runColumns, rows: units.map(runRow) },
        adam: {
          columns: ['log10 λ', 'Adam test error'],
          rows: adam.map((r) => [Math.log10(r.weightDecay), r.testError]),
        },
        adamw: {
          columns: ['log10 λ', 'log10 λ/25 (the paper plots this)', 'AdamW test error'],
          rows: adamw.map((r) => [Math.log10(r.weightDecay), Math.log10(r.weightDecay / 25), r.testError]),
        },
      },
      plots: [
        {
          name: 'adam-test-error-vs-lambda',
          title: 'Adam (coupled L2): test error against log10 λ, B 16',
          curve: 'adam',
          x: 'log10 λ',
          y: ['Adam test error'],
          xTitle: 'log10 λ (coupled L2)',
          yTitle: 'test error (fraction of test images)',
        },
        {
          name: 'adamw-test-error-vs-lambda',
          title: 'AdamW (decoupled): test error against log10 λ, B 16',
          curve: 'adamw',
          x: 'log10 λ',
          y: ['AdamW test error'],
          xTitle: 'log10 λ (decoupled decay)',
          yTitle: 'test error (fraction of test images)',
        },
      ],
    };
  },
});
