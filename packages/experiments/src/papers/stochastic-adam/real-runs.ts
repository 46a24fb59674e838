import { loadFashionMnist, type FashionMnist } from '@sgn/data/fashion-mnist';
import { streamSeed } from '@sgn/tensor';
import { trainImageClassifier, type ImageClassifierEpoch, type ImageSet } from '@sgn/trainers';
import { memoized, type RunMemo } from '../../harness/memo.js';
import { REAL_BATCH_LAMBDA, REAL_BETAS, type AdamRealSettings } from './real-presets.js';

/** One training run of the real-data experiments. */
export interface RealRunSpec {
  optimizer: 'adam' | 'adamw';
  batch: number;
  learningRate: number;
  weightDecay: number;
}

/** What one run measured. */
export interface RealRun extends RealRunSpec {
  /** The batch size used: `batch` capped at the training set (full batch). */
  batchUsed: number;
  validationError: number;
  testError: number;
  trainLoss: number;
  steps: number;
  complete: boolean;
}

/** The rows `subset` keeps of a split. */
function pick(set: FashionMnist, rows: readonly number[]): ImageSet {
  const pixels = set.rows * set.cols;
  const images = new Float32Array(rows.length * pixels);
  const labels = new Uint8Array(rows.length);
  rows.forEach((row, i) => {
    images.set(set.images.subarray(row * pixels, (row + 1) * pixels), i * pixels);
    labels[i] = set.labels[row];
  });
  return { count: rows.length, rows: set.rows, cols: set.cols, images, labels };
}

/**
 * The data of a seed: `train + validation` images drawn without replacement from Fashion-MNIST's train split (the
 * first `train` to train on, the rest held out to choose the learning rate) and `test` from its test split, each
 * from its own named sub-stream of the seed.
 */
export function realData(
  settings: AdamRealSettings,
  seed: number,
): { train: ImageSet; validation: ImageSet; test: ImageSet } {
  const pool = loadFashionMnist({
    split: 'train',
    count: settings.train + settings.validation,
    seed: streamSeed(seed, 'train-subset'),
  });
  const rows = Array.from({ length: pool.count }, (_, i) => i);
  const test = loadFashionMnist({ split: 'test', count: settings.test, seed: streamSeed(seed, 'test-subset') });
  return { train: pick(pool, rows.slice(0, settings.train)), validation: pick(pool, rows.slice(settings.train)), test };
}

/**
 * Trains one run (memoized across the invocation's experiments and checks by everything it depends on).
 *
 * @param data - the seed's data ({@link realData}), loaded on first need
 */
export function realRun(
  data: () => ReturnType<typeof realData>,
  settings: AdamRealSettings,
  spec: RealRunSpec,
  seed: number,
  options: { signal?: AbortSignal; memo?: RunMemo; onEpoch?: (record: ImageClassifierEpoch) => void } = {},
): Promise<RealRun> {
  const key = `adam-real:${JSON.stringify({ ...settings, ...spec, seed })}`;
  return memoized(
    options.memo,
    key,
    async () => {
      const result = await trainImageClassifier(data(), {
        ...spec,
        ...REAL_BETAS,
        model: settings.model,
        epochs: settings.epochs,
        seed,
        signal: options.signal,
        onEpoch: options.onEpoch,
      });
      return {
        ...spec,
        batchUsed: result.batch,
        validationError: result.validationError,
        testError: result.testError,
        trainLoss: result.history.at(-1)?.trainLoss ?? NaN,
        steps: result.steps,
        complete: result.complete,
      };
    },
    (run) => run.complete,
  );
}

/** Loads a seed's data once, on first call. */
export function lazyData(settings: AdamRealSettings, seed: number): () => ReturnType<typeof realData> {
  let data: ReturnType<typeof realData> | undefined;
  return () => (data ??= realData(settings, seed));
}

/**
 * Of runs that differ only in the learning rate, the one with the lowest validation error (the first in grid order
 * on a tie). The paper takes the best learning rate per batch size without saying on which data; sgn chooses on
 * held-out training images, so the reported test error is not chosen on the test set.
 */
export function chooseByValidation(runs: readonly RealRun[]): RealRun {
  if (runs.length === 0) throw new Error('no runs to choose from');
  return runs.reduce((best, run) => (run.validationError < best.validationError ? run : best));
}

/** The two optimizers the real-data experiments compare. */
export const REAL_OPTIMIZERS = ['adam', 'adamw'] as const;

/** Figure 1's runs: every optimizer x batch size x learning rate, each optimizer at its λ (REAL_BATCH_LAMBDA). */
export function batchGridSpecs(
  optimizers: readonly ('adam' | 'adamw')[],
  batches: readonly number[],
  rates: readonly number[],
): RealRunSpec[] {
  return optimizers.flatMap((optimizer) =>
    batches.flatMap((batch) =>
      rates.map((learningRate) => ({ optimizer, batch, learningRate, weightDecay: REAL_BATCH_LAMBDA[optimizer] })),
    ),
  );
}

/** Figure 2's runs: every optimizer x each of its weight decays, at one batch size and learning rate. */
export function decayGridSpecs(
  optimizers: readonly ('adam' | 'adamw')[],
  lambdasOf: (optimizer: 'adam' | 'adamw') => readonly number[],
  batch: number,
  learningRate: number,
): RealRunSpec[] {
  return optimizers.flatMap((optimizer) =>
    lambdasOf(optimizer).map((weightDecay) => ({ optimizer, batch, learningRate, weightDecay })),
  );
}

/**
 * For each batch size, the run of `optimizer` chosen by {@link chooseByValidation} among its `rates` learning
 * rates, or undefined while some of them have not run (an interrupted run).
 */
export function chosenPerBatch(
  runs: readonly RealRun[],
  optimizer: 'adam' | 'adamw',
  batches: readonly number[],
  rates: number,
): (RealRun | undefined)[] {
  return batches.map((batch) => {
    const candidates = runs.filter((r) => r.optimizer === optimizer && r.batch === batch);
    return candidates.length === rates ? chooseByValidation(candidates) : undefined;
  });
}
