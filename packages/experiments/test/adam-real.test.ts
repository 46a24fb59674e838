import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { useBackend } from '@sgn/tensor';
import { expect, it } from 'vitest';
import {
  ADAM_REAL_PRESETS,
  REAL_BATCHES,
  REAL_DECAY_GRID,
  REAL_LEARNING_RATES,
  adamRealBatchExperiment,
  batchThresholdHolds,
  decayWindowHolds,
  chooseByValidation,
  degradation,
  degradationTolerance,
  overSeeds,
  resolveSettings,
  type RealRun,
} from '../src/index.js';

it("the real-data grids are the paper's (Appendix D.1, Figures 1-2), pinned by value", () => {
  expect(REAL_BATCHES).toEqual([16, 32, 64, 256, 1024, 4096]);
  expect(REAL_LEARNING_RATES.paper).toEqual([5e-4, 1e-4, 1e-5]);
  expect(REAL_DECAY_GRID.adam).toEqual([5e-7, 1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 1e-1]);
  expect(REAL_DECAY_GRID.adamw).toEqual([1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 1e-1, 5e-1]);
  expect([REAL_DECAY_GRID.batch, REAL_DECAY_GRID.learningRate]).toEqual([16, 1e-4]);
  expect(ADAM_REAL_PRESETS.paper).toEqual({ model: 'cnn', train: 55_000, validation: 5000, test: 10_000, epochs: 100 });
  // each data setting's defaults are its preset values (presetValues), at both presets
  for (const key of ['model', 'train', 'validation', 'test', 'epochs'] as const) {
    const spec = adamRealBatchExperiment.settings.find((s) => s.key === key)!;
    expect(spec.defaults, key).toEqual({ quick: ADAM_REAL_PRESETS.quick[key], paper: ADAM_REAL_PRESETS.paper[key] });
  }
});

it('overSeeds: mean and sample sd per grid point, by hand', () => {
  const { mean, sd } = overSeeds([
    [1, 2],
    [3, 6],
  ]);
  expect(mean).toEqual([2, 4]);
  expect(sd[0]).toBeCloseTo(Math.SQRT2, 12);
  expect(sd[1]).toBeCloseTo(Math.sqrt(8), 12);
  expect(overSeeds([[0.3, 0.4]]).sd).toEqual([0, 0]);
  expect(degradationTolerance([0.005, 0.02])).toBe(0.04);
  expect(degradationTolerance([0.001])).toBe(0.02);
});

it('degradation: a plateau then a threshold; a dip after a rise is not sharp; a flat curve has no threshold', () => {
  const grid = [16, 32, 64, 256];
  const plateau = degradation(grid, [0.2, 0.21, 0.3, 0.4], 0.02);
  expect(plateau).toEqual({
    best: 0.2,
    bestAt: 16,
    tolerance: 0.02,
    degraded: [false, false, true, true],
    threshold: 64,
    sharp: true,
  });
  const dip = degradation(grid, [0.2, 0.25, 0.21, 0.4], 0.02);
  expect([dip.threshold, dip.sharp]).toEqual([256, false]);
  const flat = degradation(grid, [0.2, 0.2, 0.21, 0.2], 0.02);
  expect([flat.threshold, flat.sharp]).toEqual([null, true]);
  // best in the middle: the smallest value is degraded too
  const middle = degradation(grid, [0.3, 0.2, 0.2, 0.5], 0.02);
  expect([middle.bestAt, middle.threshold, middle.sharp]).toEqual([32, 256, false]);
  // exactly at best + tolerance is not degraded (strictly above is)
  expect(degradation([1, 2], [0.25, 0.5], 0.25).degraded).toEqual([false, false]);
});

it("the claims' rules: a plateau of two batch sizes before the threshold; AdamW's window closing strictly later", () => {
  const grid = [16, 32, 64, 256];
  expect(batchThresholdHolds(grid, degradation(grid, [0.2, 0.21, 0.3, 0.4], 0.02))).toBe(true);
  // degraded from B 32: a one-point plateau is no threshold "once B passes" it
  expect(batchThresholdHolds(grid, degradation(grid, [0.2, 0.25, 0.3, 0.4], 0.02))).toBe(false);
  expect(batchThresholdHolds(grid, degradation(grid, [0.2, 0.25, 0.21, 0.4], 0.02))).toBe(false);
  expect(batchThresholdHolds(grid, degradation(grid, [0.2, 0.2, 0.2, 0.2], 0.02))).toBe(false);
  const lambdas = [1e-3, 1e-2, 1e-1];
  const closes = (at: number | null) =>
    degradation(
      lambdas,
      lambdas.map((l) => (at !== null && l >= at ? 0.5 : 0.2)),
      0.02,
    );
  expect(decayWindowHolds(closes(1e-1), closes(null))).toBe(true);
  expect(decayWindowHolds(closes(1e-2), closes(1e-1))).toBe(true);
  expect(decayWindowHolds(closes(1e-1), closes(1e-1))).toBe(false);
  expect(decayWindowHolds(closes(1e-1), closes(1e-2))).toBe(false);
  expect(decayWindowHolds(closes(null), closes(null))).toBe(false);
});

it('chooseByValidation picks the lowest validation error, the first on a tie', () => {
  const run = (learningRate: number, validationError: number, testError: number) =>
    ({ optimizer: 'adam', batch: 16, learningRate, weightDecay: 0, validationError, testError }) as RealRun;
  expect(chooseByValidation([run(5e-4, 0.2, 0.9), run(1e-4, 0.1, 0.5), run(1e-5, 0.1, 0.1)]).learningRate).toBe(1e-4);
  expect(() => chooseByValidation([])).toThrow('no runs to choose from');
});

it('adam-real-batch on a few real Fashion-MNIST images: one B, one rate, both optimizers, test error a count over 50', async () => {
  await useBackend('wasm');
  const settings = resolveSettings(adamRealBatchExperiment, 'quick', {
    train: '64',
    validation: '32',
    test: '50',
    epochs: '1',
    batches: '16',
  });
  const output = await adamRealBatchExperiment.run(settings, { seed: 0 });
  expect(output.complete).toBe(true);
  expect(output.metrics.batch).toEqual([16]);
  expect(output.metrics.adamLearningRate).toEqual([1e-3]);
  for (const key of ['adamTestError', 'adamwTestError']) {
    const [error] = output.metrics[key] as number[];
    expect(Math.abs(error * 50 - Math.round(error * 50)), key).toBeLessThan(1e-6);
  }
  expect(output.curves.runs.rows).toHaveLength(2);
  expect(() => resolveSettings(adamRealBatchExperiment, 'quick', { train: '59000', validation: '2000' })).toThrow(
    "train + validation must be at most 60000 (Fashion-MNIST's train split), got 59000 + 2000",
  );
});
