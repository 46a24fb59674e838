import type { Experiment, SettingSpec } from '../../harness/experiment.js';
import { runUnits, type SettingValue } from '../../harness/experiment.js';
import type { Preset } from '../../harness/check.js';
import type { PatchCnnReadout, PatchCnnResult } from '@sgn/trainers';
import { ADAM_BATCH_PRESETS, type AdamBatchSettings } from './presets.js';
import { FOUR_RUNS, adamData, adamRun } from './runs.js';

const keys: {
  key: keyof AdamBatchSettings;
  description: string;
  type: 'integer' | 'number';
  min: number;
  exclusiveMin?: boolean;
}[] = [
  { key: 'n', description: 'training examples', type: 'integer', min: 2 },
  { key: 'd', description: 'patch dimension', type: 'integer', min: 2 },
  { key: 's', description: 'noise sparsity', type: 'integer', min: 1 },
  { key: 'sigmaP', description: 'noise standard deviation σ_p', type: 'number', min: 0 },
  { key: 'alpha', description: 'feature-noise strength α', type: 'number', min: 0 },
  { key: 'sigma0', description: 'initialization standard deviation σ_0', type: 'number', min: 0 },
  { key: 'm', description: 'filters per class', type: 'integer', min: 1 },
  { key: 'q', description: 'polynomial ReLU power', type: 'integer', min: 2 },
  { key: 'eta', description: 'learning rate η', type: 'number', min: 0, exclusiveMin: true },
  { key: 'lambdaAdam', description: 'coupled L2 λ of Adam', type: 'number', min: 0 },
  { key: 'lambdaAdamW', description: 'decoupled decay λ of AdamW', type: 'number', min: 0 },
  { key: 'largeBatch', description: 'large batch size', type: 'integer', min: 1 },
  { key: 'miniBatch', description: 'mini batch size', type: 'integer', min: 1 },
  { key: 'epochsLarge', description: 'epochs of the large-batch runs', type: 'integer', min: 1 },
  { key: 'epochsMini', description: 'epochs of the mini-batch runs', type: 'integer', min: 1 },
  { key: 'test', description: 'test examples', type: 'integer', min: 1 },
  { key: 'eps', description: 'Adam ε', type: 'number', min: 0 },
];

const defaultsOf = (key: keyof AdamBatchSettings) =>
  Object.fromEntries((['quick', 'paper'] as Preset[]).map((p) => [p, ADAM_BATCH_PRESETS[p][key]])) as Record<
    Preset,
    SettingValue
  >;

const settingSpecs: SettingSpec[] = [
  ...keys.map(({ key, ...rest }) => ({ key, ...rest, defaults: defaultsOf(key) })),
  {
    key: 'biasCorrection',
    description: "divide Adam's moments by 1 - β^t (the paper's theory: off)",
    type: 'choice',
    choices: ['off', 'on'],
    defaults: defaultsOf('biasCorrection'),
  },
];

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
export const adamBatchExperiment: Experiment = {
  id: 'adam-batch',
  paper: 'Tang, Zhang, Cao & Zou, arXiv 2510.11354',
  claim: 'With n/B = 2 Adam and AdamW fit the feature noise and fail on test; with mini batches they learn the feature',
  settings: settingSpecs,
  extraPresets: {
    'paper-disjoint': {
      base: 'paper',
      values: { d: 10_000 },
      description: 'the paper settings with d 10000, where the noise supports barely overlap (n·s/d = 2)',
    },
  },
  validate(values) {
    const settings = values as unknown as AdamBatchSettings;
    if (settings.largeBatch > settings.n || settings.miniBatch > settings.n) {
      throw new Error(
        `batch sizes must be at most n = ${settings.n}, got largeBatch ${settings.largeBatch}, miniBatch ${settings.miniBatch}`,
      );
    }
    if (settings.s > settings.d - 1) throw new Error(`s must be at most d - 1 = ${settings.d - 1}, got ${settings.s}`);
  },
  async run(values, context) {
    const settings = values as unknown as AdamBatchSettings;
    const data = adamData(settings, context.seed);
    const { units, complete } = await runUnits(FOUR_RUNS.length, context, async (index) => {
      const result: PatchCnnResult = await adamRun(data, settings, FOUR_RUNS[index], context.seed, context.signal);
      return { readouts: result.readouts, stepsPerSecond: result.stepsPerSecond, steps: result.steps };
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
        { columns: READOUT_COLUMNS as string[], rows: u.readouts.map((r) => READOUT_COLUMNS.map((c) => r[c])) },
      ]),
    );
    return {
      complete,
      metrics: Object.fromEntries(
        units.map((u, i) => [
          names[i],
          { ...u.readouts[u.readouts.length - 1], stepsPerSecond: Math.round(u.stepsPerSecond), steps: u.steps },
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
};
