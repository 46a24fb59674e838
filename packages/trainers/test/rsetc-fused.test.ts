import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { setSignTask } from '@sgn/data';
import { initRlc, rlcScores, softMarginLoss, type RlcConfig } from '@sgn/models';
import { adagrad, adam, cosineDecaySchedule, train, type LearningRate } from '@sgn/optimizers';
import { tf, useBackend } from '@sgn/tensor';
import { beforeAll, expect, it } from 'vitest';
import { rlcNoiseStream, rsetcParams, toFeatures, trainRsetcFused, type RsetcParams } from '../src/index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

/** The tensor path (tfjs autodiff of rlcScores + softMarginLoss, Adagrad) and the fused kernel on the same run. */
async function bothPaths(
  n: number,
  k: number,
  seed: number,
  batchSize: number,
  epochs: number,
  backend: 'cpu' | 'wasm',
  learningRate: LearningRate = 0.5,
) {
  const config: RlcConfig = { kind: 'set', noise: 1, hidden: 0, size: n };
  const set = setSignTask({ n, count: 200, seed: 1 });
  const { x, y } = toFeatures(set, 'set');
  const params = initRlc(config, { seed: seed });
  const initial = rsetcParams(params);
  const noise = rlcNoiseStream(seed);
  const tensor = await train({
    params,
    data: { x, y },
    seed,
    batchSize,
    epochs,
    every: 1,
    loss: (p, batch) => softMarginLoss(batch.y, rlcScores(p, config, batch.x as tf.Tensor2D, k, noise)),
    optimizer: adagrad({ learningRate }),
  });
  const fused = await trainRsetcFused(set.x, set.y, n, initial, {
    draws: k,
    batch: batchSize,
    epochs,
    optimizer: adagrad({ learningRate }),
    seed,
    backend,
  });
  const final = (name: string) => Array.from(tensor.params[name].dataSync());
  const expected = [...final('phi.w0'), ...final('phi.b0'), ...final('psi.w0'), ...final('psi.b0'), ...final('c')];
  const got = [...fused.params.phiW, fused.params.phiB, ...fused.params.psiW, fused.params.psiB, ...fused.params.c];
  const initialFlat = [...initial.phiW, initial.phiB, ...initial.psiW, initial.psiB, ...initial.c];
  tf.dispose([x, y, ...Object.values(params), ...Object.values(tensor.params)]);
  tf.dispose(tensor.state as tf.TensorContainer);
  return { set, initial, tensorLosses: tensor.history.map((h) => h.loss), fused, expected, got, initialFlat };
}

for (const backend of ['cpu', 'wasm'] as const) {
  it(`the fused RSetC on ${backend}'s kernel takes the same steps as the tensor path (same noise, batches and Adagrad), to float32 accuracy`, async () => {
    // batch 50 fills 4 steps an epoch; 200 sets with batch 48 leave a last batch of 8 (kernel columns padded to 16);
    // the second case anneals the rate (the schedule's steps must count as the tensor path's)
    for (const [n, k, seed, batchSize, epochs, steps, rate] of [
      [7, 20, 3, 50, 3, 12, 0.5],
      [5, 13, 4, 48, 2, 10, cosineDecaySchedule({ init: 0.8, decaySteps: 10 })],
    ] as const) {
      const run = await bothPaths(n, k, seed, batchSize, epochs, backend, rate);
      expect(run.fused.steps).toBe(steps);
      expect(run.fused.losses).toHaveLength(run.tensorLosses.length);
      run.fused.losses.forEach((loss, i) =>
        expect(Math.abs(loss - run.tensorLosses[i]), `step ${i + 1}`).toBeLessThan(1e-5),
      );
      run.got.forEach((value, i) => expect(Math.abs(value - run.expected[i]), `parameter ${i}`).toBeLessThan(1e-4));
      // the run moved every parameter (so the agreement is not that of two runs that did nothing)
      run.got.forEach((value, i) =>
        expect(Math.abs(value - run.initialFlat[i]), `parameter ${i} moved`).toBeGreaterThan(1e-3),
      );
    }
  });
}

it('the fused RSetC kernel names a bad argument and its value', async () => {
  const set = setSignTask({ n: 4, count: 20, seed: 1 });
  const initial: RsetcParams = { phiW: [0.1, 0.2], phiB: 0, psiW: [0.1, 0.1], psiB: 0, c: [1, 1] };
  const settings = {
    draws: 5,
    batch: 8,
    epochs: 1,
    optimizer: adagrad({ learningRate: 0.5 }),
    seed: 0,
    backend: 'wasm',
  };
  // a diverged run fails loudly at the step where a parameter stops being finite
  await expect(
    trainRsetcFused(set.x, set.y, 4, initial, { ...settings, epochs: 5, optimizer: adagrad({ learningRate: 1e308 }) }),
  ).rejects.toThrow(/^parameters\[\d\] is (NaN|-?Infinity) after step \d+: the run diverged/);
  await expect(trainRsetcFused(set.x, set.y, 5, initial, settings)).rejects.toThrow(
    'x must hold N·n = 100 values (N = 20 labels, n = 5), got 80',
  );
  await expect(trainRsetcFused(set.x, [...set.y.slice(0, 19), 0], 4, initial, settings)).rejects.toThrow(
    'y must hold labels ±1, got y[19] = 0',
  );
  await expect(trainRsetcFused(set.x, set.y, 4, initial, { ...settings, draws: 0 })).rejects.toThrow(
    'draws must be a positive integer, got 0',
  );
  await expect(trainRsetcFused(set.x, set.y, 4, initial, { ...settings, batch: 2.5 })).rejects.toThrow(
    'batch must be a positive integer, got 2.5',
  );
  await expect(
    trainRsetcFused(set.x, set.y, 4, initial, { ...settings, optimizer: adam({ learningRate: 0.5 }) }),
  ).rejects.toThrow(
    'trainRsetcFused runs chain(scaleByAdagrad, scaleByLearningRate); part 1 is addL2Gradient, not scaleByAdagrad',
  );
  const hidden = initRlc({ kind: 'set', noise: 1, hidden: 3, size: 4 }, { seed: 0 });
  expect(() => rsetcParams(hidden)).toThrow(
    'rsetcParams needs an RSetC with affine noise networks (noise 1, hidden 0): "phi.w0" has 6 values, expected 2',
  );
  tf.dispose(Object.values(hidden));
});

it('on a backend without an RsetcStep kernel the fused RSetC says which backends have one', async () => {
  const set = setSignTask({ n: 4, count: 20, seed: 1 });
  const initial: RsetcParams = { phiW: [0.1, 0.2], phiB: 0, psiW: [0.1, 0.1], psiB: 0, c: [1, 1] };
  const settings = { draws: 5, batch: 8, epochs: 1, optimizer: adagrad({ learningRate: 0.5 }), seed: 0 };
  await expect(trainRsetcFused(set.x, set.y, 4, initial, { ...settings, backend: 'webgl' })).rejects.toThrow(
    'no SgnRsetcStep kernel is registered for backend "webgl" (registered for: cpu, wasm;',
  );
});

it('Ctrl-C stops a long fused RSetC run within a second (it yields every 50 ms of work)', async () => {
  const set = setSignTask({ n: 5, count: 200, seed: 1 });
  const params = initRlc({ kind: 'set', noise: 1, hidden: 0, size: 5 }, { seed: 0 });
  const initial = rsetcParams(params);
  tf.dispose(Object.values(params));
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const start = performance.now();
  const run = await trainRsetcFused(set.x, set.y, 5, initial, {
    draws: 20,
    batch: 50,
    epochs: 1e8,
    optimizer: adagrad({ learningRate: 0.1 }),
    seed: 0,
    backend: 'wasm',
    signal: controller.signal,
  });
  expect(performance.now() - start).toBeLessThan(1000);
  expect(run.aborted).toBe(true);
  expect(run.steps).toBeGreaterThan(0);
  expect(run.losses).toHaveLength(run.steps);
});
