import { fashionMnistDir } from '@sgn/data/fashion-mnist';
import type { TheoryCheck } from '../../harness/check.js';
import { runUnits, type ExperimentOutput } from '../../harness/experiment.js';
import { choice, defineExperiment, integer, limitStretch, number, presetValues } from '../../harness/settings.js';
import {
  PLATEAU_EXIT_ERROR,
  RELU_SCALING_PRESETS,
  RELU_SCALING_RATES,
  SCALINGS,
  lazyReluScalingData,
  reluScalingRun,
  type ReluScalingRun,
  type ReluScalingSettings,
} from './relu-scaling-runs.js';
import { normDip, readScaling, type ScalingReading } from './relu-scaling-verdict.js';

const PAPER = 'Lin, Sun & Zhang, NeurIPS 2021';
const P = RELU_SCALING_PRESETS;

/** Every run of a set of learning rates: each rate x each scaling, in that order. */
function specsOf(rates: readonly number[]) {
  return rates.flatMap((learningRate) => SCALINGS.map((scaling) => ({ scaling, learningRate })));
}

/** The readings per learning rate of a complete list of runs ({@link specsOf}'s order). */
function readAll(runs: readonly ReluScalingRun[], rates: readonly number[], steps: number): ScalingReading[] {
  return rates.map((rate) =>
    readScaling(
      runs.filter((r) => r.learningRate === rate),
      steps,
    ),
  );
}

const savedText = (saved: ScalingReading['saved']['input']) =>
  saved === null ? 'never left' : `${saved.atLeast ? '>= ' : ''}${saved.steps} steps sooner`;

function describe(reading: ScalingReading): string {
  const exit = (step: number | null) => (step === null ? 'not within the run' : `step ${step}`);
  return `η ${reading.learningRate}: unscaled ${exit(reading.exit.none)}, inputs x α ${exit(reading.exit.input)} (${savedText(reading.saved.input)}), weights x α^(1/L) ${exit(reading.exit.weights)} (${savedText(reading.saved.weights)})`;
}

/**
 * Figure 2 of the directional paper on Fashion-MNIST: test error against the iteration of a 5-layer bias-free ReLU
 * network (width 100) under SGD with batch 1000, unscaled and with the inputs or every weight matrix scaled so that
 * the output is scaled by α = 10, at each learning rate; the weight norm beside it.
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Section 5 and Appendix C
 */
export const directionalReluScalingExperiment = defineExperiment({
  id: 'directional-relu-scaling',
  paper: PAPER,
  claim:
    'Scaling the inputs or the weights (output x α) speeds up the early phase of SGD on a deep ReLU network, weakly at large learning rates',
  schema: {
    train: integer({ description: 'training images', min: 10, max: 60_000, defaults: presetValues(P, 'train') }),
    test: integer({ description: 'test images', min: 1, max: 10_000, defaults: presetValues(P, 'test') }),
    depth: integer({ description: 'L, weight matrices', min: 1, max: 20, defaults: presetValues(P, 'depth') }),
    width: integer({ description: 'hidden width', min: 1, max: 2000, defaults: presetValues(P, 'width') }),
    batch: integer({ description: "SGD's batch", min: 1, max: 60_000, defaults: presetValues(P, 'batch') }),
    steps: integer({
      description: 'SGD steps of every run',
      min: 1,
      max: 1_000_000,
      defaults: presetValues(P, 'steps'),
    }),
    evaluateEvery: integer({
      description: 'measure the test error every this many steps',
      min: 1,
      max: 1_000_000,
      defaults: presetValues(P, 'evaluateEvery'),
    }),
    alpha: number({
      description: 'α of the scaled runs (output x α)',
      min: 0,
      max: 1e6,
      exclusiveMin: true,
      defaults: presetValues(P, 'alpha'),
    }),
    learningRates: choice({
      description: 'the learning rates: the paper (0.1, 0.01, 0.005), quick (0.1, 0.01) or one of them',
      choices: ['paper', 'quick', '0.1', '0.01', '0.005'],
      defaults: { quick: 'quick', paper: 'paper' },
    }),
  },
  validate(settings) {
    fashionMnistDir();
    const { batch, train, width, depth } = settings as unknown as ReluScalingSettings;
    if (batch > train) throw new Error(`batch must be at most train (${train}), got ${batch}`);
    // one SGD step multiplies the batch through every layer (784 pixels in, 10 classes out); the set-up draws them
    limitStretch(
      'operations',
      'batch·width·(784 + (depth - 2)·width + 10)',
      batch * width * (784 + Math.max(0, depth - 2) * width + 10),
    );
    limitStretch('draws', 'width·(784 + depth·width)', width * (784 + depth * width));
  },
  async run(settings, context): Promise<ExperimentOutput> {
    const { learningRates, ...rest } = settings;
    const data: ReluScalingSettings = {
      train: rest.train,
      test: rest.test,
      depth: rest.depth,
      width: rest.width,
      batch: rest.batch,
      steps: rest.steps,
      evaluateEvery: rest.evaluateEvery,
      alpha: rest.alpha,
    };
    const rates =
      learningRates === 'paper' || learningRates === 'quick'
        ? [...RELU_SCALING_RATES[learningRates]]
        : [Number(learningRates)];
    const specs = specsOf(rates);
    const images = lazyReluScalingData(data, context.seed);
    const { units, complete } = await runUnits(specs.length, context, (index) =>
      reluScalingRun(images, data, specs[index], context.seed, {
        signal: context.signal,
        memo: context.memo,
        onEpoch: (record) =>
          context.onMetrics?.({ run: `${specs[index].scaling} η ${specs[index].learningRate}`, ...record }),
      }),
    );
    const name = (rate: number) => `eta${String(rate).replace('.', 'p')}`;
    const curves: ExperimentOutput['curves'] = {};
    for (const rate of rates) {
      const runs = SCALINGS.map((scaling) => units.find((u) => u.scaling === scaling && u.learningRate === rate));
      if (runs.some((r) => !r)) continue;
      const [none, input, weights] = runs as ReluScalingRun[];
      curves[name(rate)] = {
        columns: [
          'step',
          'test error, unscaled',
          `test error, inputs x ${data.alpha}`,
          `test error, weights x ${data.alpha}^(1/${data.depth})`,
          'weight norm, unscaled',
          'weight norm, inputs scaled',
          'weight norm, weights scaled',
        ],
        rows: none.step.map((step, i) => [
          step,
          none.testError[i],
          input.testError[i],
          weights.testError[i],
          none.weightNorm[i],
          input.weightNorm[i],
          weights.weightNorm[i],
        ]),
      };
    }
    const readings = complete ? readAll(units, rates, data.steps) : [];
    return {
      complete,
      metrics: {
        learningRates: rates,
        plateauExitError: PLATEAU_EXIT_ERROR,
        plateauExit: readings.map((r) => r.exit),
        stepsSaved: readings.map((r) => r.saved),
        scaledFaster: readings.map((r) => r.faster),
        finalTestError: units.map((u) => ({
          scaling: u.scaling,
          learningRate: u.learningRate,
          error: u.testError.at(-1),
        })),
        normDip: units.map((u) => ({ scaling: u.scaling, learningRate: u.learningRate, dip: normDip(u) })),
      },
      curves,
      plots: Object.keys(curves).flatMap((curve) => {
        const [, , , , ...norms] = curves[curve].columns;
        const rate = curve.slice(3).replace('p', '.');
        return [
          {
            name: `test-error-${curve}`,
            title: `Test error against the SGD step, η ${rate} (5000 Fashion-MNIST images, batch ${data.batch})`,
            curve,
            x: 'step',
            y: curves[curve].columns.slice(1, 4),
            xTitle: 'SGD step',
            yTitle: 'test error (fraction of test images)',
            integerX: true,
          },
          {
            name: `weight-norm-${curve}`,
            title: `Weight norm against the SGD step, η ${rate}`,
            curve,
            x: 'step',
            y: norms,
            xTitle: 'SGD step',
            yTitle: 'global weight norm',
            integerX: true,
          },
        ];
      }),
    };
  },
});

/** Figure 2's claim as a check, at one seed. */
export const reluScalingCheck: TheoryCheck = {
  id: 'directional.relu-scaling',
  paper: PAPER,
  claim: `Scaling the inputs by α = 10, or every layer by α^(1/5), makes a 5-layer ReLU net leave the early plateau (test error <= ${PLATEAU_EXIT_ERROR}) sooner under SGD (batch 1000), at every learning rate; Fashion-MNIST`,
  async run({ preset, seed, signal, memo, log }) {
    const settings = RELU_SCALING_PRESETS[preset];
    const rates = [...RELU_SCALING_RATES[preset]];
    const images = lazyReluScalingData(settings, seed);
    const runs: ReluScalingRun[] = [];
    for (const spec of specsOf(rates)) {
      signal?.throwIfAborted();
      const run = await reluScalingRun(images, settings, spec, seed, { signal, memo });
      log?.(
        `  η ${spec.learningRate} ${spec.scaling}: test error ${run.testError.at(-1)?.toFixed(3)} after ${settings.steps} steps, plateau exit ${run.plateauExit ?? 'none'}`,
      );
      runs.push(run);
    }
    const readings = readAll(runs, rates, settings.steps);
    const dips = runs.map((r) => `${r.scaling} η ${r.learningRate} ${(100 * normDip(r)).toFixed(2)}%`);
    return {
      pass: readings.every((r) => r.faster),
      measured: `${readings.map(describe).join('; ')}; final test errors ${runs.map((r) => `${r.scaling} η ${r.learningRate} ${r.testError.at(-1)?.toFixed(3)}`).join(', ')}; weight-norm dip below its initial value: ${dips.join(', ')}`,
      expected: `at each η both scaled runs reach test error <= ${PLATEAU_EXIT_ERROR} within ${settings.steps} steps and before the unscaled run (the paper: faster early phase, weakly at large η)`,
      details: { settings, rates, readings, runs },
    };
  },
};
