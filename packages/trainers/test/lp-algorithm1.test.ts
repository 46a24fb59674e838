import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { peakPlateau, randomRegression } from '@sgn/data';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import {
  readUnivariateRun,
  trainMultivariateLp,
  trainUnivariateLp,
  univariateLpExperiment,
  type LpMethod,
  type UnivariateRun,
} from '../src/index.js';

describeEachBackend(['cpu', 'wasm'], 'lp training', () => {
  it.each(['lp', 'adam', 'adamw'] as LpMethod[])(
    '%s: the fused float64 loop and the tensor path agree after 300 steps',
    async (method) => {
      const settings = { method, p: 0.4, width: 12, lambda: 0.05, steps: 300, seed: 4, every: 100 };
      const fused = await trainUnivariateLp(peakPlateau(), { ...settings, engine: 'fused' });
      const before = tf.memory().numTensors;
      const tensor = await trainUnivariateLp(peakPlateau(), { ...settings, engine: 'tensor' });
      expect(tf.memory().numTensors).toBe(before);
      expect(tensor.activeNeurons).toBe(fused.activeNeurons);
      expect(tensor.knots.length).toBe(fused.knots.length);
      expectClose(
        tensor.knots.map((k) => k.location),
        fused.knots.map((k) => k.location),
        { atol: 1e-3, rtol: 1e-3 },
      );
      expectClose(
        tensor.knots.map((k) => k.slopeChange),
        fused.knots.map((k) => k.slopeChange),
        { atol: 1e-3, rtol: 1e-3 },
      );
      expectClose([tensor.interpolationError], [fused.interpolationError], { atol: 1e-4 });
    },
  );

  it('the fused engine records the neuron counts at every report step; the tensor engine records none', async () => {
    const settings = { method: 'lp' as const, p: 0.4, width: 16, lambda: 0.05, steps: 600, seed: 2, every: 100 };
    const fused = await trainUnivariateLp(peakPlateau(), { ...settings, engine: 'fused' });
    expect(fused.activeOverTraining.map((entry) => entry.step)).toEqual([100, 200, 300, 400, 500, 600]);
    const last = fused.activeOverTraining[5];
    expect(last.active).toBe(fused.activeNeurons);
    expect(last.unpruned).toBeGreaterThanOrEqual(last.active);
    expect(fused.activeOverTraining[0].unpruned).toBeLessThanOrEqual(16);
    const tensor = await trainUnivariateLp(peakPlateau(), { ...settings, engine: 'tensor' });
    expect(tensor.activeOverTraining).toEqual([]);
  });

  it('restarts trained together as one stack equal the same restarts trained one by one', async () => {
    const settings = {
      method: 'lp' as const,
      p: 0.4,
      width: 10,
      lambda: 0.02,
      steps: 400,
      warmup: 50,
      learningRate: 0.05,
      seed: 3,
      restarts: 3,
      every: 100,
    };
    const before = tf.memory().numTensors;
    const together = await univariateLpExperiment(peakPlateau(), { ...settings, engine: 'tensor' });
    expect(tf.memory().numTensors).toBe(before);
    const oneByOne: UnivariateRun[] = [];
    for (const run of together.runs)
      oneByOne.push(await trainUnivariateLp(peakPlateau(), { ...settings, seed: run.seed, engine: 'tensor' }));
    together.runs.forEach((run, r) => {
      expect(run.activeNeurons).toBe(oneByOne[r].activeNeurons);
      expectClose(
        run.knots.map((k) => k.location),
        oneByOne[r].knots.map((k) => k.location),
        { atol: 1e-4, rtol: 1e-4 },
      );
      expectClose(run.curve.y, oneByOne[r].curve.y, { atol: 1e-4 });
    });
    // the seeds are those of sequential restarts
    const sequential = await univariateLpExperiment(peakPlateau(), { ...settings, restarts: 1, engine: 'fused' });
    expect(together.runs[0].seed).toBe(sequential.runs[0].seed);
  });
});

it('small scale: Algorithm 1 prunes where Adam and AdamW keep most neurons, and the result follows the seed', async () => {
  const base = { p: 0.4, width: 40, lambda: 0.01, steps: 20_000, seed: 7 };
  const lp = await trainUnivariateLp(peakPlateau(), { ...base, method: 'lp' });
  const adam = await trainUnivariateLp(peakPlateau(), { ...base, method: 'adam' });
  const adamw = await trainUnivariateLp(peakPlateau(), { ...base, method: 'adamw' });
  expect(lp.activeNeurons).toBeLessThanOrEqual(8);
  expect(adam.activeNeurons).toBeGreaterThanOrEqual(20);
  expect(adamw.activeNeurons).toBeGreaterThanOrEqual(20);
  expect(await trainUnivariateLp(peakPlateau(), { ...base, method: 'lp' })).toEqual(lp);
});

it('restarts: the chosen run interpolates with least lp cost among interpolating runs', async () => {
  const result = await univariateLpExperiment(peakPlateau(), {
    method: 'lp',
    p: 0.4,
    width: 20,
    lambda: 0.01,
    steps: 5000,
    seed: 1,
    restarts: 3,
  });
  expect(result.runs).toHaveLength(3);
  const interpolating = result.runs.filter((r) => r.interpolationError < 1e-3);
  if (interpolating.length > 0) expect(result.best?.lpCost).toBe(Math.min(...interpolating.map((r) => r.lpCost)));
  else expect(result.best).toBeNull();
  // a λ so large that the prox prunes every neuron at its first step: no restart interpolates or reaches f*, so the
  // success rate is 0 and there is no best restart, known before training (no recomputation of the rate)
  const pruned = await univariateLpExperiment(peakPlateau(), {
    method: 'lp',
    p: 0.4,
    width: 20,
    lambda: 1e4,
    steps: 300,
    seed: 1,
    restarts: 2,
  });
  expect(pruned.runs.map((r) => r.activeNeurons)).toEqual([0, 0]);
  expect([pruned.successRate, pruned.best]).toEqual([0, null]);
  await expect(
    univariateLpExperiment(peakPlateau(), { method: 'lp', width: 20, lambda: 0.01, steps: 10, seed: 1, restarts: 0 }),
  ).rejects.toThrow('restarts must be a positive integer, got 0');
});

describeEachBackend(['cpu', 'wasm'], 'multivariate lp training', () => {
  it.each(['lp', 'adamw'] as LpMethod[])(
    '%s: the fused float64 loop and the tensor path agree after 200 steps',
    async (method) => {
      const data = randomRegression({ n: 6, d: 4, seed: 3 });
      const settings = { method, p: 0.4, width: 8, lambda: 0.05, steps: 200, seed: 2, warmup: 20, every: 100 };
      const fused = await trainMultivariateLp(data, { ...settings, engine: 'fused' });
      const tensor = await trainMultivariateLp(data, { ...settings, engine: 'tensor' });
      expect(tensor.nonzeroPathWeights).toBe(fused.nonzeroPathWeights);
      expect(tensor.activeNeurons).toBe(fused.activeNeurons);
      expectClose([tensor.interpolationError], [fused.interpolationError], { atol: 1e-4, rtol: 1e-3 });
      tf.dispose([data.x, data.y]);
    },
  );
});

describe('the peak/plateau read-out judges the network as it is', () => {
  /** A univariate net from (v, w, b) lists, no skip term, in float64. */
  const net = (v: number[], w: number[], b: number[]) => ({
    v: Float64Array.from(v),
    w: Float64Array.from(w),
    b: Float64Array.from(b),
    a: 0,
    c: 0,
  });
  const read = (arrays: ReturnType<typeof net>) => {
    const params = {
      v: tf.tensor1d(Float32Array.from(arrays.v)),
      w: tf.tensor1d(Float32Array.from(arrays.w)),
      b: tf.tensor1d(Float32Array.from(arrays.b)),
      a: tf.tensor1d([0]),
      c: tf.tensor1d([0]),
    };
    try {
      return readUnivariateRun(
        params,
        peakPlateau(),
        { method: 'lp', p: 0.4, width: 3, lambda: 0, steps: 1, seed: 0 },
        1,
        arrays,
      );
    } finally {
      tf.dispose(Object.values(params));
    }
  };
  const fStarCost = 2 + 2 ** 0.4;

  it('f* itself: 3 bends, slope changes (1, -2, 1), V_p = 2 + 2^0.4, the minimizer', () => {
    // (x + 1)_+ - 2(x - 1/2)_+ + (x - 2)_+, the middle neuron as v = -1, w = 2, b = -1
    const run = read(net([1, -1, 1], [1, 2, 1], [1, -1, -2]));
    expect(run.knots.map((k) => [k.location, k.slopeChange])).toEqual([
      [-1, 1],
      [0.5, -2],
      [2, 1],
    ]);
    expect(run.lpCost).toBeCloseTo(fStarCost, 12);
    expect(run.matchesMinimizer).toBe(true);
  });

  it('two neurons at exactly the same knot are one bend (the same function): still f*', () => {
    const run = read(net([1, -1, -1, 1], [1, 1, 1, 1], [1, -0.5, -0.5, -2]));
    expect(run.knots).toHaveLength(3);
    expect(run.knots[1].slopeChange).toBe(-2);
    expect(run.matchesMinimizer).toBe(true);
  });

  it('a pair straddling 1/2 (0.48, 0.52) interpolates too, but it is 4 bends of V_p 4: not f*', () => {
    // (x+1)_+ - (x-0.48)_+ - (x-0.52)_+ + (x-2)_+: f(0) = 1, f(1) = 2 - 0.52 - 0.48 = 1, f(2) = 0, f(3) = 0
    const run = read(net([1, -1, -1, 1], [1, 1, 1, 1], [1, -0.48, -0.52, -2]));
    expect(run.interpolationError).toBeLessThan(1e-12);
    expect(run.knots.map((k) => k.location)).toEqual([-1, 0.48, 0.52, 2]);
    expect(run.lpCost).toBeCloseTo(4, 12);
    expect(run.matchesMinimizer).toBe(false);
  });

  it('tiny unpruned neurons count in V_p: f* plus ten neurons at |v w| = 1e-8 costs 10·1e-8^0.4 more, not f*', () => {
    // the extra neurons bend at x = 5, 5.1, ..., 5.9, right of the data: same fit, but V_p 3.3195 + 10·6.31e-4 = 3.3258
    const tiny = Array.from({ length: 10 }, () => 1e-4);
    const run = read(
      net([1, -1, 1, ...tiny], [1, 2, 1, ...tiny], [1, -1, -2, ...tiny.map((_, i) => -5e-4 - i * 1e-5)]),
    );
    expect(run.knots).toHaveLength(3);
    expect(run.activeNeurons).toBe(3);
    expect(run.lpCost).toBeCloseTo(fStarCost + 10 * 1e-8 ** 0.4, 12);
    expect(run.matchesMinimizer).toBe(false);
  });
});

it('Ctrl-C stops a long fused run within a second (it yields at least every 50 ms of work)', async () => {
  // 1e9 steps report only every 5e7: without the yields the abort would not be seen for minutes
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const start = performance.now();
  const run = await trainUnivariateLp(peakPlateau(), {
    method: 'lp',
    p: 0.4,
    width: 20,
    lambda: 0.01,
    steps: 1e9,
    seed: 0,
    signal: controller.signal,
  });
  expect(performance.now() - start).toBeLessThan(1000);
  expect(run.steps).toBeGreaterThan(0);
  expect(run.steps).toBeLessThan(1e9);
});
