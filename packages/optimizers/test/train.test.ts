import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  adam,
  chain,
  clipByGlobalNorm,
  cosineDecaySchedule,
  NonFiniteError,
  scaleByLearningRate,
  scaleBySign,
  sgd,
  train,
  type Dataset,
} from '../src/index.js';

// Least squares on x = [[1, 0], [0, 2], [1, 1]], y = (1, 2, 3): the normal equations X^T X w = X^T y read
// [[2, 1], [1, 5]] w = (4, 7), so w* = (13/9, 10/9).
const xs = [
  [1, 0],
  [0, 2],
  [1, 1],
];
const ys = [1, 2, 3];
const data = (): Dataset => ({ x: tf.tensor2d(xs), y: tf.tensor1d(ys) });
const meanSquares = ({ w }: { w: tf.Tensor }, batch: Dataset) =>
  tf.mean(tf.square(tf.sub(tf.squeeze(tf.matMul(batch.x, tf.reshape(w, [2, 1])), [1]), batch.y))) as tf.Scalar;

describeEachBackend(['cpu', 'wasm'], 'train', () => {
  it('one full-batch GD step equals the hand-computed step', async () => {
    // at w = 0: gradient (2/3) X^T (Xw - y) = (2/3) * -(4, 7); with lr 0.3, w1 = 0.2 (4, 7) = (0.8, 1.4)
    const w = tf.zeros([2]);
    const result = await train({
      params: { w },
      data: data(),
      loss: meanSquares,
      optimizer: sgd(0.3),
      batchSize: 'full',
      steps: 1,
      seed: 0,
    });
    expectClose(result.params.w, [0.8, 1.4], { atol: 1e-6 });
    // the reported loss is the batch loss before the step: mean of (1, 4, 9)
    // gradient (2/3)(-4, -7): its norm (2/3)√65; sgd's rate 0.3
    expect(result.history).toEqual([
      {
        step: 1,
        epoch: 1,
        loss: expect.closeTo(14 / 3, 5),
        gradientNorm: expect.closeTo((2 / 3) * Math.sqrt(65), 5),
        learningRate: 0.3,
      },
    ]);
    expect(w.isDisposed).toBe(false);
  });

  it("reports each step's gradient norm and scheduled learning rate; clipping leaves the reported raw norm", async () => {
    // step 2 at w1 = (0.8, 1.4): Xw - y = (-0.2, 0.8, -0.8), gradient (2/3) X^T r = (2/3)(-1, 0.8) -> norm (2/3)√1.64
    const result = await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: chain(scaleByLearningRate(cosineDecaySchedule({ init: 0.3, decaySteps: 4 }))),
      batchSize: 'full',
      steps: 3,
      every: 1,
      seed: 0,
    });
    // cosine: 0.3 (1 + cos(π t/4))/2 at t = 0, 1, 2: 0.3, 0.2561, 0.15
    expectClose(
      result.history.map((m) => m.learningRate!),
      [0.3, 0.15 * (1 + Math.SQRT1_2), 0.15],
      { atol: 1e-12 },
    );
    expectClose(
      result.history.slice(0, 1).map((m) => m.gradientNorm),
      [(2 / 3) * Math.sqrt(65)],
      { rtol: 1e-6 },
    );
    tf.dispose(Object.values(result.params));
    const sgdRun = await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: chain(clipByGlobalNorm(100), scaleByLearningRate(0.3)),
      batchSize: 'full',
      steps: 2,
      every: 1,
      seed: 0,
    });
    expectClose(sgdRun.history[1].gradientNorm, [(2 / 3) * Math.sqrt(1.64)], { rtol: 1e-5 });
    tf.dispose(Object.values(sgdRun.params));
    // a chain with no learning rate reports null
    const signOnly = await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: chain(scaleBySign()),
      batchSize: 'full',
      steps: 1,
      seed: 0,
    });
    expect(signOnly.history[0].learningRate).toBeNull();
    tf.dispose(Object.values(signOnly.params));
  });

  it('full-batch GD converges to the normal-equation solution (13/9, 10/9)', async () => {
    const result = await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: sgd(0.2),
      batchSize: 'full',
      steps: 400,
      seed: 0,
    });
    expectClose(result.params.w, [13 / 9, 10 / 9], { atol: 1e-4 });
  });

  it('mini-batches visit every example once per epoch, in an order that changes per epoch and follows the seed', async () => {
    const record = async (seed: number) => {
      const epochs: number[][] = [];
      const index = tf.range(0, 10).reshape([10, 1]);
      await train({
        params: { w: tf.zeros([1]) },
        data: { index },
        loss: ({ w }, batch) => {
          const ids = Array.from(batch.index.dataSync());
          if (epochs.length === 0 || epochs[epochs.length - 1].length === 10) epochs.push([]);
          epochs[epochs.length - 1].push(...ids);
          return tf.sum(tf.mul(w, tf.sum(batch.index))) as tf.Scalar;
        },
        optimizer: sgd(0),
        batchSize: 4,
        epochs: 3,
        seed,
      });
      return epochs;
    };
    const epochs = await record(5);
    expect(epochs).toHaveLength(3);
    for (const order of epochs) expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(epochs[0]).not.toEqual(epochs[1]);
    expect(await record(5)).toEqual(epochs);
    expect(await record(6)).not.toEqual(epochs);
  });

  it('the same seed gives the same parameters; another seed does not', async () => {
    const run = async (seed: number) => {
      const r = await train({
        params: { w: tf.zeros([2]) },
        data: data(),
        loss: meanSquares,
        optimizer: adam({ learningRate: 0.05 }),
        batchSize: 1,
        epochs: 5,
        seed,
      });
      return Array.from(r.params.w.dataSync());
    };
    expect(await run(1)).toEqual(await run(1));
    expect(await run(1)).not.toEqual(await run(2));
  });

  it('keeps the number of live tensors flat: the same after step 10 and step 1000', async () => {
    const live: Record<number, number> = {};
    await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: adam({ learningRate: 0.01, weightDecay: 0.01 }),
      batchSize: 2,
      steps: 1000,
      seed: 0,
      every: 10,
      onMetrics: (m) => {
        live[m.step] = tf.memory().numTensors;
      },
    });
    expect(live[1000]).toBe(live[10]);
  });

  it('waits for an onMetrics that returns a promise before the next step (an asynchronous evaluation)', async () => {
    const finished: number[] = [];
    const seenAtStart: number[] = [];
    await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: sgd(0.1),
      batchSize: 'full',
      steps: 20,
      seed: 0,
      every: 5,
      onMetrics: async (m) => {
        seenAtStart.push(finished.length);
        await new Promise((resolve) => setTimeout(resolve, 5));
        finished.push(m.step);
      },
    });
    // each report starts after the previous one finished, and the last has finished when train returns
    expect(seenAtStart).toEqual([0, 1, 2, 3]);
    expect(finished).toEqual([5, 10, 15, 20]);
  });

  it('stops cleanly on an AbortSignal and returns what it has', async () => {
    const controller = new AbortController();
    const result = await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: sgd(0.1),
      batchSize: 'full',
      steps: 100,
      seed: 0,
      every: 5,
      signal: controller.signal,
      onMetrics: (m) => {
        if (m.step === 15) controller.abort();
      },
    });
    expect(result.aborted).toBe(true);
    expect(result.steps).toBe(15);
    expect(result.history.map((m) => m.step)).toEqual([5, 10, 15]);
    expect(result.params.w.isDisposed).toBe(false);
  });

  it('sees the signal within a second between far-apart reports (it yields every 50 ms of work)', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const start = performance.now();
    const result = await train({
      params: { w: tf.zeros([2]) },
      data: data(),
      loss: meanSquares,
      optimizer: sgd(0.01),
      batchSize: 'full',
      steps: 1e8,
      seed: 0,
      every: 1e8,
      signal: controller.signal,
    });
    expect(performance.now() - start).toBeLessThan(1000);
    expect(result.aborted).toBe(true);
    expect(result.history).toHaveLength(0);
    tf.dispose([result.params.w, result.state as tf.TensorContainer]);
  });

  it('stops on a non-finite loss or parameter with an error naming the step and the tensor', async () => {
    // loss sum(log w), GD with lr 1 from w = 0.5: gradient 1/w = 2, so w1 = -1.5 and the loss at step 2 is NaN
    const logLoss = {
      params: { w: tf.tensor1d([0.5]) },
      data: data(),
      loss: ({ w }: { w: tf.Tensor }) => tf.sum(tf.log(w)) as tf.Scalar,
    };
    const failure = train({ ...logLoss, optimizer: sgd(1), batchSize: 'full', steps: 10, seed: 0, every: 1 });
    await expect(failure).rejects.toThrow(NonFiniteError);
    await expect(
      train({ ...logLoss, optimizer: sgd(1), batchSize: 'full', steps: 10, seed: 0, every: 1 }),
    ).rejects.toThrow('loss is NaN at step 2');
    // loss sum(w) is finite at w = 1, but lr 1e39 overflows float32: w1 = -Infinity, found after step 1
    await expect(
      train({
        params: { v: tf.tensor1d([0]), w: tf.tensor1d([1]) },
        data: data(),
        loss: ({ v, w }) => tf.add(tf.sum(v), tf.sum(w)) as tf.Scalar,
        optimizer: sgd(1e39),
        batchSize: 'full',
        steps: 3,
        seed: 0,
        every: 1,
      }),
    ).rejects.toThrow('parameter "v" has a non-finite entry at step 1');
  });

  it('a diverged run leaks nothing: the parameters and optimizer state it made are disposed when it throws', async () => {
    for (const optimizer of [sgd(1), adam({ learningRate: 10 })]) {
      const w = tf.tensor1d([0.5]);
      const x = data();
      const before = tf.memory().numTensors;
      await expect(
        train({
          params: { w },
          data: x,
          loss: ({ w: value }) => tf.sum(tf.log(value)) as tf.Scalar,
          optimizer,
          batchSize: 'full',
          steps: 50,
          seed: 0,
          every: 1,
        }),
      ).rejects.toThrow(NonFiniteError);
      // only the caller's own tensors are left, untouched
      expect(tf.memory().numTensors).toBe(before);
      expect(w.isDisposed).toBe(false);
      tf.dispose([w, x.x, x.y]);
    }
  });
});

it('rejects bad settings with the argument, its value and what is allowed', async () => {
  const base = { params: { w: tf.zeros([2]) }, data: data(), loss: meanSquares, optimizer: sgd(0.1), seed: 0 };
  await expect(train({ ...base, batchSize: 4, epochs: 1 })).rejects.toThrow(
    "batchSize must be 'full' or an integer in [1, 3] (the number of examples), got 4",
  );
  await expect(train({ ...base, batchSize: 1, epochs: 1, steps: 3 })).rejects.toThrow(
    'give exactly one of epochs and steps, got epochs = 1, steps = 3',
  );
  await expect(train({ ...base, batchSize: 1, epochs: 0 })).rejects.toThrow('epochs must be a positive integer, got 0');
  await expect(
    train({ ...base, data: { x: tf.zeros([3, 2]), y: tf.zeros([2]) }, batchSize: 1, epochs: 1 }),
  ).rejects.toThrow('data tensors must share their first dimension');
});

it('project runs after each update: GD on (w - 3)^2 projected onto w <= 1 stays at 1', async () => {
  const seen: number[] = [];
  const result = await train({
    params: { w: tf.tensor1d([0]) },
    data: { x: tf.zeros([1, 1]) },
    loss: ({ w }) => tf.sum(tf.square(tf.sub(w, 3))) as tf.Scalar,
    optimizer: sgd(0.1),
    batchSize: 'full',
    steps: 5,
    seed: 0,
    project: ({ w }, step) => {
      seen.push(step);
      return { w: tf.minimum(w, 1) as tf.Tensor1D };
    },
  });
  // step 1: 0 - 0.1 * 2 * (0 - 3) = 0.6; step 2: 0.6 + 0.48 = 1.08 -> 1; then 1 + 0.4 -> 1
  expect(Array.from(result.params.w.dataSync())).toEqual([1]);
  expect(seen).toEqual([1, 2, 3, 4, 5]);
});
