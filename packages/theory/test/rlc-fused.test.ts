import '@sgn/backend-cpu';
import { setSignTask } from '@sgn/data';
import { initRlc, rlcScores, softMarginLoss, type RlcConfig } from '@sgn/models';
import { adagrad, train } from '@sgn/optimizers';
import { createRng, tf, useBackend } from '@sgn/tensor';
import { beforeAll, expect, it } from 'vitest';
import { toFeatures, trainRsetcFused, type RsetcParams } from '../src/index.js';

beforeAll(async () => {
  await useBackend('cpu');
});

it('the fused RSetC loop takes the same steps as the tensor path (same noise, batches and Adagrad), to float32 accuracy', async () => {
  const [n, k, seed, batchSize, epochs] = [7, 20, 3, 50, 3];
  const config: RlcConfig = { kind: 'set', noise: 1, hidden: 0, size: n };
  const set = setSignTask({ n, count: 200, seed: 1 });
  const { x, y } = toFeatures(set, 'set');
  const params = initRlc(config, seed);
  const read = (name: string) => Array.from(params[name].dataSync());
  const initial: RsetcParams = {
    phiW: read('phi.w0') as [number, number], phiB: read('phi.b0')[0],
    psiW: read('psi.w0') as [number, number], psiB: read('psi.b0')[0], c: read('c') as [number, number],
  };
  const noise = createRng(seed + 1);
  const tensor = await train({
    params, data: { x, y }, seed, batchSize, epochs, every: 1,
    loss: (p, batch) => softMarginLoss(batch.y, rlcScores(p, config, batch.x as tf.Tensor2D, k, noise)),
    optimizer: adagrad({ learningRate: 0.5 }),
  });
  const fused = trainRsetcFused(set.x, set.y, n, initial, { draws: k, batch: batchSize, epochs, learningRate: 0.5, seed });
  expect(fused.steps).toBe(12);
  expect(fused.losses).toHaveLength(tensor.history.length);
  fused.losses.forEach((loss, i) => expect(Math.abs(loss - tensor.history[i].loss), `step ${i + 1}`).toBeLessThan(1e-5));
  const final = (name: string) => Array.from(tensor.params[name].dataSync());
  const expected = [...final('phi.w0'), ...final('phi.b0'), ...final('psi.w0'), ...final('psi.b0'), ...final('c')];
  const got = [...fused.params.phiW, fused.params.phiB, ...fused.params.psiW, fused.params.psiB, ...fused.params.c];
  got.forEach((value, i) => expect(Math.abs(value - expected[i]), `parameter ${i}`).toBeLessThan(1e-4));
  tf.dispose([x, y, ...Object.values(params), ...Object.values(tensor.params)]);
  tf.dispose(tensor.state as tf.TensorContainer);
  expect(() => trainRsetcFused(set.x, set.y, n + 1, initial, { draws: k, batch: batchSize, epochs, learningRate: 0.5, seed })).toThrow(
    'x must hold N·n = 1600 values (N = 200 labels, n = 8), got 1400',
  );
});
