import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { initDeepRelu } from '@sgn/models';
import { createRng, streamSeed } from '@sgn/tensor';
import { describeEachBackend, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import { trainImageClassifier, type ImageClassifierSettings, type ImageSet } from '../src/index.js';

/**
 * 8 x 8 images whose class is the quadrant (of 4, labels 0-3) holding a bright 3 x 3 blob, on uniform noise in
 * [0, 0.3): learnable by both models in a few epochs.
 */
function blobs(count: number, seed: number): ImageSet {
  const rng = createRng(seed);
  const images = new Float32Array(count * 64);
  const labels = new Uint8Array(count);
  for (let n = 0; n < count; n++) {
    const label = rng.integer(0, 4);
    labels[n] = label;
    for (let p = 0; p < 64; p++) images[n * 64 + p] = rng.uniform(0, 0.3);
    const [top, left] = [label < 2 ? 0 : 4, label % 2 === 0 ? 0 : 4];
    const [r0, c0] = [top + rng.integer(0, 2), left + rng.integer(0, 2)];
    for (let r = r0; r < r0 + 3; r++) for (let c = c0; c < c0 + 3; c++) images[n * 64 + r * 8 + c] = 1;
  }
  return { count, rows: 8, cols: 8, images, labels };
}

const data = { train: blobs(96, 1), validation: blobs(40, 2), test: blobs(60, 3) };
const base: ImageClassifierSettings = {
  model: 'cnn',
  optimizer: 'adam',
  weightDecay: 0,
  learningRate: 1e-2,
  batch: 16,
  epochs: 4,
  beta1: 0.9,
  beta2: 0.99,
  seed: 0,
};

describeEachBackend(['cpu', 'wasm'], 'trainImageClassifier', () => {
  it.each(['cnn', 'mlp'] as const)(
    'the %s learns the quadrant task: test error from ~3/4 at chance to below 0.1',
    async (model) => {
      const epochs: number[] = [];
      const result = await trainImageClassifier(data, {
        ...base,
        model,
        onEpoch: (record) => epochs.push(record.epoch),
      });
      expect(epochs).toEqual([1, 2, 3, 4]);
      expect(result.history).toHaveLength(4);
      expect(result.steps).toBe(4 * 6);
      expect(result.testError).toBeLessThan(0.1);
      // each error is a count over its set: a multiple of 1/40 and 1/60
      expect(Math.abs(result.validationError * 40 - Math.round(result.validationError * 40))).toBeLessThan(1e-6);
      expect(Math.abs(result.testError * 60 - Math.round(result.testError * 60))).toBeLessThan(1e-6);
      expect(result.parameters).toBe(
        model === 'cnn' ? 9 * 8 + 8 + 72 * 16 + 16 + 64 * 10 + 10 : 64 * 128 + 128 + 1280 + 10,
      );
    },
  );

  it('Adam and AdamW are the same at λ = 0 and differ at λ > 0; the same seed gives the same run', async () => {
    const short = { ...base, epochs: 2, model: 'mlp' as const };
    const plain = await trainImageClassifier(data, short);
    expect((await trainImageClassifier(data, { ...short, optimizer: 'adamw' })).history).toEqual(plain.history);
    expect((await trainImageClassifier(data, short)).history).toEqual(plain.history);
    const coupled = await trainImageClassifier(data, { ...short, weightDecay: 0.5 });
    const decoupled = await trainImageClassifier(data, { ...short, optimizer: 'adamw', weightDecay: 0.5 });
    expect(coupled.history[1].trainLoss).not.toBe(plain.history[1].trainLoss);
    expect(decoupled.history[1].trainLoss).not.toBe(plain.history[1].trainLoss);
    expect(decoupled.history[1].trainLoss).not.toBe(coupled.history[1].trainLoss);
  });

  it('caps the batch at the training set (full batch), stops on abort, and leaks no tensor', async () => {
    await expectNoLeak(async () => {
      const full = await trainImageClassifier(data, { ...base, model: 'mlp', batch: 4096, epochs: 2 });
      expect([full.batch, full.steps]).toEqual([96, 2]);
      const controller = new AbortController();
      controller.abort();
      const stopped = await trainImageClassifier(data, { ...base, signal: controller.signal });
      expect([stopped.complete, stopped.steps]).toEqual([false, 0]);
    });
  });

  it('plain SGD on a depth-1 deep ReLU net (softmax regression) takes the hand-computed step, inputs scaled by 2', async () => {
    // full batch (96), η 0.5, inputs x 2: W1 = W0 - η Xᵀ(softmax(X W0) - Y)/N, computed here in float64
    const settings = {
      ...base,
      model: 'deep-relu' as const,
      optimizer: 'sgd' as const,
      learningRate: 0.5,
      batch: 96,
      epochs: 2,
      deepRelu: { depth: 1 },
      inputScale: 2,
      evaluateEvery: 1,
    };
    const result = await trainImageClassifier(data, settings);
    const init = initDeepRelu({ features: 64, hidden: 100, depth: 1, outputs: 10, seed: streamSeed(0, 'init') });
    const w0 = Array.from(init.w0.dataSync());
    init.w0.dispose();
    const { images, labels, count } = data.train;
    const lossAndGradient = (w: number[]) => {
      const grad = new Array<number>(640).fill(0);
      let loss = 0;
      for (let n = 0; n < count; n++) {
        const z = Array.from({ length: 10 }, (_, k) => {
          let sum = 0;
          for (let p = 0; p < 64; p++) sum += 2 * images[n * 64 + p] * w[p * 10 + k];
          return sum;
        });
        const top = Math.max(...z);
        const total = z.reduce((s, v) => s + Math.exp(v - top), 0);
        loss += top + Math.log(total) - z[labels[n]];
        for (let k = 0; k < 10; k++) {
          const residual = Math.exp(z[k] - top) / total - (k === labels[n] ? 1 : 0);
          for (let p = 0; p < 64; p++) grad[p * 10 + k] += (2 * images[n * 64 + p] * residual) / count;
        }
      }
      return { loss: loss / count, grad };
    };
    const first = lossAndGradient(w0);
    const w1 = w0.map((v, i) => v - 0.5 * first.grad[i]);
    const second = lossAndGradient(w1);
    expect(result.history.map((r) => r.step)).toEqual([1, 2]);
    expect(result.history[0].trainLoss).toBeCloseTo(first.loss, 5);
    expect(result.history[1].trainLoss).toBeCloseTo(second.loss, 5);
    expect(result.history[0].weightNorm).toBeCloseTo(Math.hypot(...w1), 5);
    expect(result.initialWeightNorm).toBeCloseTo(Math.hypot(...w0), 5);
    expect(Number.isNaN(result.validationError)).toBe(false);
    const withoutValidation = await trainImageClassifier({ train: data.train, test: data.test }, settings);
    expect(Number.isNaN(withoutValidation.validationError)).toBe(true);
    expect(withoutValidation.history.map((r) => r.trainLoss)).toEqual(result.history.map((r) => r.trainLoss));
  });

  it('inputs x α and every layer x α^(1/L) start from the same loss (the net is L-homogeneous) and then differ', async () => {
    const settings = {
      ...base,
      model: 'deep-relu' as const,
      optimizer: 'sgd' as const,
      learningRate: 0.05,
      batch: 96,
      epochs: 3,
      evaluateEvery: 1,
    };
    const plain = await trainImageClassifier(data, settings);
    const input = await trainImageClassifier(data, { ...settings, inputScale: 10 });
    const weights = await trainImageClassifier(data, { ...settings, deepRelu: { weightScale: 10 ** (1 / 5) } });
    expect(input.history[0].trainLoss).toBeCloseTo(weights.history[0].trainLoss, 5);
    expect(Math.abs(input.history[0].trainLoss - plain.history[0].trainLoss)).toBeGreaterThan(1e-4);
    expect(Math.abs(input.history[2].trainLoss - weights.history[2].trainLoss)).toBeGreaterThan(1e-6);
    expect(input.parameters).toBe(64 * 100 + 3 * 100 * 100 + 100 * 10);
  });

  it('refuses weight decay with plain SGD and a scale that is not positive, before allocating anything', async () => {
    await expectNoLeak(async () => {
      await expect(trainImageClassifier(data, { ...base, optimizer: 'sgd', weightDecay: 0.1 })).rejects.toThrow(
        /weightDecay must be 0 for plain SGD \(no decay\), got 0\.1/,
      );
      await expect(trainImageClassifier(data, { ...base, inputScale: -1 })).rejects.toThrow(
        /inputScale must be a positive finite number, got -1/,
      );
    });
  });
});
