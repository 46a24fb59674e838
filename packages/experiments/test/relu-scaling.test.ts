import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { expect, it } from 'vitest';
import {
  PLATEAU_EXIT_ERROR,
  RELU_SCALING_PRESETS,
  directionalReluScalingExperiment,
  firstStepAtOrBelow,
  normDip,
  readScaling,
  resolveSettings,
  type ReluScalingRun,
} from '../src/index.js';

const run = (scaling: ReluScalingRun['scaling'], plateauExit: number | null, norms = [2, 2.5]): ReluScalingRun => ({
  scaling,
  learningRate: 0.01,
  step: [10, 20],
  testError: [0.9, 0.7],
  weightNorm: norms,
  initialWeightNorm: 2,
  plateauExit,
  complete: true,
});

it("Figure 2's settings are the paper's (5 layers, width 100, batch 1000, 5000 images, α 10), pinned by value", () => {
  const { paper, quick } = RELU_SCALING_PRESETS;
  expect([paper.depth, paper.width, paper.batch, paper.train, paper.alpha]).toEqual([5, 100, 1000, 5000, 10]);
  expect([quick.depth, quick.width, quick.batch, quick.train, quick.alpha]).toEqual([5, 100, 1000, 5000, 10]);
  expect(PLATEAU_EXIT_ERROR).toBe(0.8);
  for (const key of ['train', 'test', 'depth', 'width', 'batch', 'steps', 'evaluateEvery', 'alpha'] as const) {
    const spec = directionalReluScalingExperiment.settings.find((s) => s.key === key)!;
    expect(spec.defaults, key).toEqual({ quick: quick[key], paper: paper[key] });
  }
});

it('firstStepAtOrBelow: the first measured step at or below the level (equality counts), null when none', () => {
  expect(firstStepAtOrBelow([5, 10, 15], [0.9, 0.8, 0.5], 0.8)).toBe(10);
  expect(firstStepAtOrBelow([5, 10, 15], [0.9, 0.81, 0.85], 0.8)).toBeNull();
  expect(firstStepAtOrBelow([5, 10], [0.1, 0.9], 0.8)).toBe(5);
});

it('readScaling: steps saved, a lower bound when the unscaled run never leaves, not faster on a tie or a miss', () => {
  const both = readScaling([run('none', 110), run('input', 10), run('weights', 20)], 200);
  expect(both.exit).toEqual({ none: 110, input: 10, weights: 20 });
  expect(both.saved).toEqual({ input: { steps: 100, atLeast: false }, weights: { steps: 90, atLeast: false } });
  expect(both.faster).toBe(true);
  const never = readScaling([run('none', null), run('input', 65), run('weights', 160)], 200);
  expect(never.saved).toEqual({ input: { steps: 135, atLeast: true }, weights: { steps: 40, atLeast: true } });
  expect(never.faster).toBe(true);
  expect(readScaling([run('none', 50), run('input', 50), run('weights', 20)], 200).faster).toBe(false);
  expect(readScaling([run('none', 50), run('input', 10), run('weights', 60)], 200).faster).toBe(false);
  const missed = readScaling([run('none', null), run('input', 10), run('weights', null)], 200);
  expect([missed.faster, missed.saved.weights]).toEqual([false, null]);
  expect(() => readScaling([run('none', 1), run('input', 1)], 200)).toThrow(/no weights run among none, input/);
});

it('normDip: 1 - smallest norm / initial norm, 0 when the norm never falls below where it started', () => {
  expect(normDip(run('none', 1, [1.5, 2.5]))).toBeCloseTo(0.25, 12);
  expect(normDip(run('none', 1, [2.1, 3]))).toBe(0);
});

it('the experiment runs on real images at a tiny size: three scalings per rate, curves per rate, plots named', async () => {
  const settings = resolveSettings(directionalReluScalingExperiment, 'quick', {
    train: '60',
    test: '40',
    width: '8',
    batch: '20',
    steps: '6',
    evaluateEvery: '3',
    learningRates: '0.1',
  });
  const output = await directionalReluScalingExperiment.run(settings, { seed: 0 });
  expect(output.complete).toBe(true);
  const rows = output.curves.eta0p1.rows;
  expect(rows.map((r) => r[0])).toEqual([3, 6]);
  // each test error is a count over the 40 test images
  for (const error of rows.flatMap((r) => r.slice(1, 4))) {
    expect(Math.abs(error * 40 - Math.round(error * 40))).toBeLessThan(1e-6);
  }
  expect(output.plots?.map((p) => p.name)).toEqual(['test-error-eta0p1', 'weight-norm-eta0p1']);
  expect(() => resolveSettings(directionalReluScalingExperiment, 'quick', { batch: '6000' })).toThrow(
    'batch must be at most train (5000), got 6000',
  );
});
