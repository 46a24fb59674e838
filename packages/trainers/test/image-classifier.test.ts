import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { createRng } from '@sgn/tensor';
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
});
