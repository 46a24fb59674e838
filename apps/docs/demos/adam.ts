import { densePatchImages, patchImages } from '@sgn/data';
import { applyPatchCnn, initPatchCnn, patchCnnLoss, patchCnnMargins, type PatchCnnParams } from '@sgn/models';
import { adam, adamw, train } from '@sgn/optimizers';
import { streamSeed, tf } from '@sgn/tensor';
import { choice, integer, type Curve } from '@sgn/experiments';
import { defineDemo, live, type Demo, type DemoSnapshot } from './types.js';

/** The fixed part of the demo's setting: n·s/d = 1 (supports barely overlap, the regime where the claim shows). */
const FIXED = { n: 50, s: 50, sigmaP: 0.1, alpha: 0.2, sigma0: 0.01, m: 20, q: 3, eta: 2.5e-4, test: 500 };

function errorRate(params: PatchCnnParams, x: tf.Tensor3D, y: tf.Tensor1D): number {
  return tf.tidy(() => {
    const margin = patchCnnMargins(applyPatchCnn(params, x, FIXED.q), y);
    return tf.mean(tf.cast(tf.lessEqual(margin, 0), 'float32')).dataSync()[0];
  });
}

/**
 * Full-batch vs mini-batch training of the two-layer polynomial-ReLU CNN on patch images, as tensors on the page's
 * backend: Adam (coupled L2) or AdamW (decoupled), no bias correction, as in the paper's theory.
 *
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Definitions 3.1 and 3.2, Theorems 4.1 and 4.2
 */
export const adamDemo: Demo = defineDemo({
  id: 'adam',
  title: 'Full-batch vs mini-batch Adam on patch images',
  schema: {
    optimizer: choice({
      description: 'optimizer: adam (coupled L2 λ 1e-5) or adamw (decoupled λ 1e-2)',
      choices: ['adam', 'adamw'],
      defaults: live('adam'),
    }),
    miniBatch: integer({
      description: 'mini-batch size (the other run uses the full batch, n = 50)',
      min: 1,
      max: 25,
      defaults: live(2),
    }),
    d: integer({
      description: 'dimension d (n·s/d grows as d shrinks: overlapping supports)',
      min: 500,
      max: 20000,
      defaults: live(2500),
    }),
    epochsLarge: integer({ description: 'full-batch epochs (= steps)', min: 1, max: 5000, defaults: live(200) }),
    epochsMini: integer({ description: 'mini-batch epochs', min: 1, max: 500, defaults: live(12) }),
    seed: integer({ description: 'seed (data and initialization)', min: 0, max: 2 ** 32 - 1, defaults: live(0) }),
  },
  plots: [
    {
      name: 'test-error',
      title: 'Test error against epochs (fraction of the run)',
      curve: 'errors',
      x: 'progress',
      y: ['full batch', 'mini batch'],
    },
    {
      name: 'train-loss',
      title: 'Training loss',
      curve: 'loss',
      x: 'progress',
      y: ['full batch', 'mini batch'],
      logY: true,
    },
  ],
  async run(settings, { signal, update }) {
    const d = settings.d;
    const seed = settings.seed;
    const common = { d, s: FIXED.s, sigmaP: FIXED.sigmaP, alpha: FIXED.alpha };
    const trainSet = patchImages({ ...common, n: FIXED.n, seed, balanced: true });
    const testSet = patchImages({ ...common, n: FIXED.test, seed: streamSeed(seed, 'test-set') });
    const tensors = tf.tidy(() => ({
      x: tf.tensor3d(densePatchImages(trainSet), [FIXED.n, 2, d]),
      y: tf.tensor1d(Float32Array.from(trainSet.y)),
      testX: tf.tensor3d(densePatchImages(testSet), [FIXED.test, 2, d]),
      testY: tf.tensor1d(Float32Array.from(testSet.y)),
    }));
    const errors: Curve = { columns: ['progress', 'full batch', 'mini batch'], rows: [] };
    const loss: Curve = { columns: ['progress', 'full batch', 'mini batch'], rows: [] };
    const summary: DemoSnapshot['summary'] = {};
    const snapshot = (): DemoSnapshot => ({ curves: { errors, loss }, summary: { ...summary } });
    const optimizerName = settings.optimizer;
    try {
      for (const [column, batchSize, epochs] of [
        [1, FIXED.n, settings.epochsLarge],
        [2, settings.miniBatch, settings.epochsMini],
      ] as const) {
        if (signal.aborted) break;
        const label = column === 1 ? 'fullBatch' : 'miniBatch';
        const initial = initPatchCnn({ m: FIXED.m, d, q: FIXED.q, sigma0: FIXED.sigma0, seed });
        const stepsPerEpoch = Math.ceil(FIXED.n / batchSize);
        const optimizer =
          optimizerName === 'adam'
            ? adam({ learningRate: FIXED.eta, weightDecay: 1e-5, eps: 1e-8, biasCorrection: false })
            : adamw({ learningRate: FIXED.eta, weightDecay: 1e-2, eps: 1e-8, biasCorrection: false });
        const result = await train<PatchCnnParams>({
          params: initial,
          data: { x: tensors.x, y: tensors.y },
          loss: (params, batch) =>
            patchCnnLoss(applyPatchCnn(params, batch.x as tf.Tensor3D, FIXED.q), batch.y as tf.Tensor1D),
          optimizer,
          batchSize,
          epochs,
          seed,
          signal,
          every: stepsPerEpoch * Math.max(1, Math.floor(epochs / 20)),
          onMetrics: (metrics, params) => {
            const row = [metrics.epoch / epochs, NaN, NaN];
            row[column] = errorRate(params, tensors.testX, tensors.testY);
            errors.rows.push(row);
            const lossRow = [row[0], NaN, NaN];
            lossRow[column] = metrics.loss;
            loss.rows.push(lossRow);
            summary[`${label}TestError`] = Number(row[column].toFixed(3));
            update(snapshot());
          },
        });
        summary[`${label}TestError`] = Number(errorRate(result.params, tensors.testX, tensors.testY).toFixed(3));
        summary[`${label}TrainError`] = Number(errorRate(result.params, tensors.x, tensors.y).toFixed(3));
        summary[`${label}Steps`] = result.steps;
        tf.dispose([initial.w, result.params.w, result.state as tf.TensorContainer]);
        update(snapshot());
      }
    } finally {
      tf.dispose(Object.values(tensors));
    }
    return snapshot();
  },
});
