import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { densePatchImages, patchImages, supportOverlap } from '@sgn/data';
import { applyPatchCnn, featureReadout, initPatchCnn, patchCnnLoss } from '@sgn/models';
import {
  adam,
  adamw,
  chain,
  scaleByAdam,
  scaleByLearningRate,
  scaleBySign,
  addL2Gradient,
  type GradientTransformation,
} from '@sgn/optimizers';
import { createRng, tf } from '@sgn/tensor';
import { describeEachBackend, expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { trainPatchCnn } from '../src/index.js';

describe('patch images (Definition 3.1)', () => {
  it('signal y e1 in one patch; the other is s-sparse noise off coordinate 1 with ξ[1] = -α y', () => {
    const data = patchImages({ n: 50, d: 30, s: 5, sigmaP: 0.3, alpha: 0.2, seed: 1, balanced: true });
    const dense = densePatchImages(data);
    expect(data.y.reduce((a, b) => a + b, 0)).toBe(0);
    for (let i = 0; i < 50; i++) {
      const signal = dense.subarray((i * 2 + data.signalPatch[i]) * 30, (i * 2 + data.signalPatch[i] + 1) * 30);
      const noise = dense.subarray((i * 2 + 1 - data.signalPatch[i]) * 30, (i * 2 + 2 - data.signalPatch[i]) * 30);
      expect(Array.from(signal).filter((v) => v !== 0)).toEqual([data.y[i]]);
      expect(signal[0]).toBe(data.y[i]);
      expect(noise[0]).toBeCloseTo(-0.2 * data.y[i], 6);
      expect(Array.from(noise.subarray(1)).filter((v) => v !== 0)).toHaveLength(5);
    }
    expect(supportOverlap(data).load).toBeCloseTo((50 * 5) / 30, 12);
    expect(() => patchImages({ n: 5, d: 10, s: 10, sigmaP: 1, alpha: 0.1, seed: 0 })).toThrow(
      's must be at most d - 1 = 9, got 10',
    );
  });

  it('noise values have variance σ_p² (moment check) and supports are uniform over coordinates 2..d', () => {
    const data = patchImages({ n: 4000, d: 11, s: 2, sigmaP: 0.5, alpha: 0.1, seed: 2 });
    const variance = data.values.reduce((s, v) => s + v * v, 0) / data.values.length;
    // Var of a squared N(0, 0.25) is 2 * 0.0625: 5 standard errors
    expect(Math.abs(variance - 0.25)).toBeLessThan(5 * Math.sqrt(0.125 / data.values.length));
    const counts = new Array(11).fill(0);
    for (const c of data.support) counts[c]++;
    expect(counts[0]).toBe(0);
    const expected = data.support.length / 10;
    const chi2 = counts.slice(1).reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.88); // 9 degrees of freedom, 0.999 quantile
  });
});

describeEachBackend(['cpu', 'wasm'], 'patch CNN training', () => {
  it('one full-batch Adam step (no bias correction) equals the step computed from the tfjs autodiff gradient', async () => {
    const [n, d, m, q, sigma0, eta, lambda] = [6, 12, 3, 3, 0.5, 0.01, 0.1];
    const data = patchImages({ n, d, s: 4, sigmaP: 0.8, alpha: 0.3, seed: 3 });
    const result = await trainPatchCnn(data, data, {
      m,
      q,
      sigma0,
      optimizer: adam({ learningRate: eta, weightDecay: lambda, biasCorrection: false }),
      batchSize: n,
      epochs: 1,
      seed: 7,
    });
    // the tensor model of @sgn/models with the same seeded init; loss + (λ/2)‖W‖², gradient by tfjs autodiff
    const model = initPatchCnn({ m, d, q, sigma0, seed: 7 });
    const initial = Array.from(model.w.dataSync());
    const x = tf.tensor3d(densePatchImages(data), [n, 2, d]);
    const y = tf.tensor1d(Float32Array.from(data.y));
    const grad = tf.grad((w: tf.Tensor) =>
      tf.add(patchCnnLoss(applyPatchCnn({ w: w as tf.Tensor3D }, x, q), y), tf.mul(lambda / 2, tf.sum(tf.square(w)))),
    )(model.w);
    const g = Array.from(grad.dataSync());
    // first Adam step without bias correction: m = 0.1 g, v = 0.001 g², w1 = w0 - η m / (√v + ε)
    const expected = Array.from(initial, (w, i) => w - (eta * 0.1 * g[i]) / (Math.sqrt(0.001 * g[i] * g[i]) + 1e-8));
    expectClose(result.weights, expected, { atol: 2e-5, rtol: 1e-3 });
    // the read-out of the tensor model at init equals the fused trainer's epoch-0 read-out
    const [positive, negative] = featureReadout(model);
    expectClose([positive, negative], [result.readouts[0].featurePositive, result.readouts[0].featureNegative], {
      atol: 1e-6,
    });
  });

  // an independent recurrence: float64 moments written out here, on the tfjs autodiff gradient of
  // (1/n) Σ L_i + (λ/2)‖W‖² (coupled) or of (1/n) Σ L_i (decoupled), from the trainer's init (the seed's first
  // normalArray). ε is set near the median |g| at init, where the step depends on the gradient's scale (summing
  // instead of averaging over the batch moves it), and 8 steps let m's and v's decays (β1, β2) act.
  const [n, d, m, q, sigma0, eta] = [6, 12, 3, 3, 0.5, 0.01];
  const data = patchImages({ n, d, s: 4, sigmaP: 0.8, alpha: 0.3, seed: 3 });
  const gradientOf = (w: Float64Array, coupled: number): Float64Array => {
    const grad = tf.tidy(() => {
      const x = tf.tensor3d(densePatchImages(data), [n, 2, d]);
      const y = tf.tensor1d(Float32Array.from(data.y));
      const loss = (t: tf.Tensor) =>
        tf.add(
          patchCnnLoss(applyPatchCnn({ w: t as tf.Tensor3D }, x, q), y),
          tf.mul(coupled / 2, tf.sum(tf.square(t))),
        );
      return tf.grad(loss)(tf.tensor3d(Float32Array.from(w), [2, m, d]));
    });
    const values = Float64Array.from(grad.dataSync());
    grad.dispose();
    return values;
  };
  const initialWeights = () => createRng(7).normalArray(2 * m * d, 0, sigma0);
  const recurrence = (options: { coupled: number; decoupled: number; eps: number; biasCorrection: boolean }) => {
    const w = initialWeights();
    const [first, second] = [new Float64Array(w.length), new Float64Array(w.length)];
    for (let t = 1; t <= 8; t++) {
      const g = gradientOf(w, options.coupled);
      const [c1, c2] = options.biasCorrection ? [1 - 0.9 ** t, 1 - 0.999 ** t] : [1, 1];
      for (let i = 0; i < w.length; i++) {
        first[i] = 0.9 * first[i] + 0.1 * g[i];
        second[i] = 0.999 * second[i] + 0.001 * g[i] * g[i];
        w[i] -= eta * (first[i] / c1 / (Math.sqrt(second[i] / c2) + options.eps) + options.decoupled * w[i]);
      }
    }
    return w;
  };
  const medianAbsGradient = () => {
    const g = Array.from(gradientOf(initialWeights(), 0), Math.abs).sort((a, b) => a - b);
    return g[g.length >> 1];
  };
  // full-batch runs of the trainer from the seed-7 init that the recurrence starts from
  const fullBatch = (optimizer: GradientTransformation<unknown>, epochs: number) =>
    trainPatchCnn(data, data, { m, q, sigma0, optimizer, batchSize: n, epochs, seed: 7 });

  it('8 full-batch Adam steps (coupled λ 0.1, ε near |g|) equal an independent float64 recurrence', async () => {
    const eps = medianAbsGradient();
    expect(eps).toBeGreaterThan(1e-4);
    const result = await fullBatch(adam({ learningRate: eta, weightDecay: 0.1, eps, biasCorrection: false }), 8);
    expect(result.steps).toBe(8);
    expectClose(result.weights, recurrence({ coupled: 0.1, decoupled: 0, eps, biasCorrection: false }), {
      atol: 1e-7,
      rtol: 1e-5,
    });
  });

  it('8 full-batch AdamW steps with bias correction (decoupled λ 0.05, ε near |g|) equal the recurrence', async () => {
    const eps = medianAbsGradient();
    const result = await fullBatch(adamw({ learningRate: eta, weightDecay: 0.05, eps, biasCorrection: true }), 8);
    expectClose(result.weights, recurrence({ coupled: 0, decoupled: 0.05, eps, biasCorrection: true }), {
      atol: 1e-7,
      rtol: 1e-5,
    });
  });

  it("the first step's size pins the bias-correction switch: η (1-β1)/√(1-β2) = 3.1623 η without, η with", async () => {
    // ε 1e-14 far below |g| (the coupled λ w alone is ~0.05): every coordinate moves by the same amount
    const initial = initialWeights();
    for (const [biasCorrection, size] of [
      [false, (eta * 0.1) / Math.sqrt(0.001)],
      [true, eta],
    ] as const) {
      const result = await fullBatch(adam({ learningRate: eta, weightDecay: 0.1, eps: 1e-14, biasCorrection }), 1);
      expectClose(
        Array.from(result.weights, (w, i) => Math.abs(w - initial[i])),
        new Array(initial.length).fill(size),
        { rtol: 1e-9, label: `bias correction ${biasCorrection}` },
      );
    }
  });
});

it('a weight that is no longer finite fails the run loudly (σ(NaN) would read as 0 and keep the loss finite)', async () => {
  const data = patchImages({ n: 6, d: 12, s: 4, sigmaP: 0.8, alpha: 0.3, seed: 3 });
  const settings = { m: 3, q: 3, sigma0: 0.5, batchSize: 6, epochs: 3, every: 3, seed: 7 };
  await expect(
    trainPatchCnn(data, data, { ...settings, optimizer: adam({ learningRate: 1e308, biasCorrection: false }) }),
  ).rejects.toThrow(/^weights\[\d+\] is (NaN|-?Infinity) at epoch 3: the run diverged/);
  expect(() => adam({ learningRate: 1e-3, eps: 0 })).toThrow('eps must be a finite number > 0, got 0');
});

it('small scale: mini batches learn the feature where the same full batch does not hurt training fit', async () => {
  // a near-disjoint toy regime (n s / d = 0.5): both fit the training set; the mini-batch run learns v
  const train = patchImages({ n: 40, d: 2000, s: 25, sigmaP: 0.2, alpha: 0.2, seed: 4, balanced: true });
  const test = patchImages({ n: 500, d: 2000, s: 25, sigmaP: 0.2, alpha: 0.2, seed: 5 });
  const common = {
    m: 10,
    q: 3,
    sigma0: 0.01,
    optimizer: adam({ learningRate: 1e-3, weightDecay: 1e-5, biasCorrection: false }),
    seed: 0,
  };
  const large = await trainPatchCnn(train, test, { ...common, batchSize: 20, epochs: 100 });
  const mini = await trainPatchCnn(train, test, { ...common, batchSize: 1, epochs: 10 });
  const [lastLarge, lastMini] = [large.readouts.at(-1)!, mini.readouts.at(-1)!];
  expect(lastLarge.trainError).toBe(0);
  expect(lastMini.trainError).toBe(0);
  expect(lastMini.testError).toBeLessThanOrEqual(0.05);
  expect(lastMini.featurePositive).toBeGreaterThan(lastLarge.featurePositive);
  await expect(trainPatchCnn(train, test, { ...common, batchSize: 41, epochs: 1 })).rejects.toThrow(
    'batchSize must be an integer in [1, 40]',
  );
});

it('weights that decay below 1e-100 are flushed to exactly 0 (no subnormal arithmetic)', async () => {
  const train = patchImages({ n: 8, d: 400, s: 5, sigmaP: 0.1, alpha: 0.2, seed: 3, balanced: true });
  const test = patchImages({ n: 8, d: 400, s: 5, sigmaP: 0.1, alpha: 0.2, seed: 4 });
  // 4 steps an epoch, 1280 epochs: 5120 steps, a multiple of the flush period (256), so the last step flushed;
  // untouched weights decay by about 0.95 a step here (1e-50 after 2048 steps)
  const result = await trainPatchCnn(train, test, {
    m: 2,
    q: 3,
    sigma0: 0.01,
    optimizer: adam({ learningRate: 2.5e-4, weightDecay: 1e-5, biasCorrection: false }),
    batchSize: 2,
    epochs: 1280,
    seed: 0,
  });
  expect(result.steps).toBe(5120);
  const tiny = result.weights.filter((w) => w !== 0 && Math.abs(w) < 1e-100);
  expect(tiny.length).toBe(0);
  expect(result.weights.filter((w) => w === 0).length).toBeGreaterThan(100);
  expect(result.readouts.at(-1)!.trainError).toBe(0);
});

it('the dense Adam pass gives the same numbers to the last bit through the cpu and wasm AdamPass kernels, on one thread and two', async () => {
  // d 301: 2 m d = 1806 coordinates, halves of 903, so each thread's wasm kernel leaves an odd last coordinate to JS
  const train = patchImages({ n: 20, d: 301, s: 10, sigmaP: 0.1, alpha: 0.2, seed: 5, balanced: true });
  const test = patchImages({ n: 20, d: 301, s: 10, sigmaP: 0.1, alpha: 0.2, seed: 6 });
  const settings = {
    m: 3,
    q: 3,
    sigma0: 0.01,
    optimizer: adam({ learningRate: 1e-3, weightDecay: 1e-5, biasCorrection: false }),
    batchSize: 2,
    epochs: 30,
    seed: 1,
  };
  const reference = await trainPatchCnn(train, test, { ...settings, threads: 1, backend: 'cpu' });
  expect([reference.backend, reference.kernel]).toEqual(['cpu', 'js']);
  expect(reference.steps).toBe(300);
  for (const [threads, backend, kernel] of [
    [1, 'wasm', 'wasm'],
    [2, 'wasm', 'wasm'],
    [2, 'cpu', 'js'],
  ] as const) {
    const run = await trainPatchCnn(train, test, { ...settings, threads, backend });
    expect(run.kernel, `${threads} threads, ${backend}`).toBe(kernel);
    expect(Array.from(run.weights), `${threads} threads, ${backend}`).toEqual(Array.from(reference.weights));
    expect(run.readouts).toEqual(reference.readouts);
  }
  // AdamW with bias correction takes the decoupled-decay and scale terms of the kernel
  const decoupled = { ...settings, optimizer: adamw({ learningRate: 1e-3, weightDecay: 1e-2 }), epochs: 5 };
  const [js, wasm] = await Promise.all(
    (['cpu', 'wasm'] as const).map((backend) => trainPatchCnn(train, test, { ...decoupled, backend })),
  );
  expect(Array.from(wasm.weights)).toEqual(Array.from(js.weights));
  expect(js.weights.some((w, i) => w !== reference.weights[i])).toBe(true);
  // the same transformations written as a chain are the same optimizer; a part the kernel cannot run is named
  const written = chain(addL2Gradient(1e-5), scaleByAdam({ biasCorrection: false }), scaleByLearningRate(1e-3));
  const same = await trainPatchCnn(train, test, { ...settings, optimizer: written, epochs: 5 });
  const alias = await trainPatchCnn(train, test, { ...settings, epochs: 5 });
  expect(Array.from(same.weights)).toEqual(Array.from(alias.weights));
  await expect(
    trainPatchCnn(train, test, { ...settings, optimizer: chain(scaleBySign(), scaleByLearningRate(1e-3)) }),
  ).rejects.toThrow(
    'trainPatchCnn runs chain(addL2Gradient?, scaleByAdam, addDecayedWeights?, scaleByLearningRate); part 1 is scaleBySign, not scaleByAdam',
  );
  await expect(trainPatchCnn(train, test, { ...settings, threads: 0 })).rejects.toThrow(
    'threads must be a positive integer, got 0',
  );
  await expect(trainPatchCnn(train, test, { ...settings, backend: 'gpu' })).rejects.toThrow(
    'no SgnAdamPass kernel is registered for backend "gpu" (registered for: cpu, wasm;',
  );
});

it('Ctrl-C stops a long run within a second (it yields every 50 ms of work, not at read-outs)', async () => {
  // 1e7 epochs read out only every 2e5 epochs: without the time-based yield the abort would wait for minutes
  const train = patchImages({ n: 8, d: 400, s: 5, sigmaP: 0.1, alpha: 0.2, seed: 3, balanced: true });
  const test = patchImages({ n: 8, d: 400, s: 5, sigmaP: 0.1, alpha: 0.2, seed: 4 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const start = performance.now();
  const result = await trainPatchCnn(train, test, {
    m: 2,
    q: 3,
    sigma0: 0.01,
    optimizer: adam({ learningRate: 1e-4, weightDecay: 1e-5 }),
    batchSize: 8,
    epochs: 1e7,
    seed: 0,
    signal: controller.signal,
  });
  expect(performance.now() - start).toBeLessThan(1000);
  expect(result.complete).toBe(false);
  expect(result.steps).toBeGreaterThan(0);
  expect(result.steps).toBeLessThan(1e7);
});
