import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  applyMultivariateRelu,
  applyUnivariateRelu,
  applyUnivariateReluRestarts,
  evaluateUnivariateRelu,
  initMultivariateRelu,
  initUnivariateRelu,
  knotsOf,
  mergeKnots,
  restartAt,
  stackRestarts,
} from '../src/index.js';

describeEachBackend(['cpu', 'wasm'], 'ReLU networks', () => {
  it('the univariate net with f*(x) = (x+1)_+ - 2(x-1/2)_+ + (x-2)_+ interpolates peak/plateau; knots read out', async () => {
    // neuron 2 is written as v = -1, w = 2, b = -1: -(2x - 1)_+ = -2 (x - 1/2)_+, slope change v|w| = -2 at 1/2
    const params = {
      v: tf.tensor1d([1, -1, 0.5]),
      w: tf.tensor1d([1, 2, 2]),
      b: tf.tensor1d([1, -1, -4]),
      a: tf.tensor1d([0]),
      c: tf.tensor1d([0]),
    };
    expectClose(applyUnivariateRelu(params, tf.tensor1d([-2, -1, 0, 1, 2, 3])), [0, 0, 1, 1, 0, 0], { atol: 1e-6 });
    const knots = knotsOf(params);
    expect(knots.map((k) => k.location)).toEqual([-1, 0.5, 2]);
    expectClose(
      knots.map((k) => k.slopeChange),
      [1, -2, 1],
    );
    const input = tf.tensor1d([0]);
    await expectNoLeak(() => applyUnivariateRelu(params, input).dispose());
  });

  it('evaluateUnivariateRelu (float64) gives the hand values and equals applyUnivariateRelu', () => {
    // f(x) = 2 (1 - x)_+ - 1.5 (x/2 - 1/4)_+ + x/2 - 1/4, by hand at -1, 0, 1/2, 2: 3.25, 1.75, 1, -0.375
    const arrays = { v: [2, -1.5], w: [-1, 0.5], b: [1, -0.25], a: 0.5, c: -0.25 };
    const x = [-1, 0, 0.5, 2];
    expect(Array.from(evaluateUnivariateRelu(arrays, x))).toEqual([3.25, 1.75, 1, -0.375]);
    const params = {
      v: tf.tensor1d(arrays.v),
      w: tf.tensor1d(arrays.w),
      b: tf.tensor1d(arrays.b),
      a: tf.tensor1d([arrays.a]),
      c: tf.tensor1d([arrays.c]),
    };
    const grid = Array.from({ length: 41 }, (_, i) => -3 + 0.15 * i);
    expectClose(applyUnivariateRelu(params, tf.tensor1d(grid)), Array.from(evaluateUnivariateRelu(arrays, grid)), {
      atol: 1e-5,
    });
    tf.dispose(Object.values(params));
  });

  it('knots of neurons with w < 0: slope change v|w| read against the network itself (right minus left slope)', () => {
    // v (w x + b)_+ with w < 0 is active left of -b/w: slope v w there, 0 right of it, so the change is -v w = v|w|
    const params = {
      v: tf.tensor1d([1.5, -0.75, 2]),
      w: tf.tensor1d([-2, -0.5, 1]),
      b: tf.tensor1d([1, -0.25, 3]),
      a: tf.tensor1d([0.25]),
      c: tf.tensor1d([-0.5]),
    };
    const knots = knotsOf(params);
    // -b/w: 1/2, -1/2, -3 (sorted: -3, -1/2, 1/2)
    expect(knots.map((k) => k.location)).toEqual([-3, -0.5, 0.5]);
    const h = 1e-2;
    const points = knots.flatMap((k) => [k.location - 2 * h, k.location - h, k.location + h, k.location + 2 * h]);
    const f = tf.tidy(() => Array.from(applyUnivariateRelu(params, tf.tensor1d(points)).dataSync()));
    const measured = knots.map((_, i) => (f[4 * i + 3] - f[4 * i + 2]) / h - (f[4 * i + 1] - f[4 * i]) / h);
    // by hand: neuron 2 (knot -3) 2·1 = 2; neuron 1 (knot -1/2) -0.75·0.5 = -0.375; neuron 0 (knot 1/2) 1.5·2 = 3
    expectClose(measured, [2, -0.375, 3], { atol: 1e-3 });
    expectClose(
      knots.map((k) => k.slopeChange),
      [2, -0.375, 3],
    );
    tf.dispose(Object.values(params));
  });

  it('a stack of restarts evaluates each network: peak/plateau f* and the skip-only net (a, c) = (2, -1)', async () => {
    const fStar = {
      v: tf.tensor1d([1, -1, 0.5]),
      w: tf.tensor1d([1, 2, 2]),
      b: tf.tensor1d([1, -1, -4]),
      a: tf.tensor1d([0]),
      c: tf.tensor1d([0]),
    };
    const skip = {
      v: tf.tensor1d([0, 0, 0]),
      w: tf.tensor1d([1, 1, 1]),
      b: tf.tensor1d([0, 0, 0]),
      a: tf.tensor1d([2]),
      c: tf.tensor1d([-1]),
    };
    const stack = stackRestarts([fStar, skip]);
    const x = tf.tensor1d([-2, -1, 0, 1, 2, 3]);
    // row 0: f* on peak/plateau; row 1: 2x - 1 by hand
    expectClose(applyUnivariateReluRestarts(stack, x), [0, 0, 1, 1, 0, 0, -5, -3, -1, 1, 3, 5], { atol: 1e-6 });
    const second = restartAt(stack, 1);
    expectClose(second.a, [2]);
    expectClose(second.v, [0, 0, 0]);
    expect(() => restartAt(stack, 2)).toThrow('r must be an integer in [0, 1], got 2');
    expect(() => stackRestarts([fStar, { ...skip, v: tf.tensor1d([0]) }])).toThrow(
      'every network must have width 3; network 1 has 1',
    );
    await expectNoLeak(() => applyUnivariateReluRestarts(stack, x).dispose());
  });

  it('the skip term adds a x + c', () => {
    const params = {
      v: tf.tensor1d([0]),
      w: tf.tensor1d([1]),
      b: tf.tensor1d([0]),
      a: tf.tensor1d([2]),
      c: tf.tensor1d([-1]),
    };
    expectClose(applyUnivariateRelu(params, tf.tensor1d([0, 1, 3])), [-1, 1, 5]);
  });

  it('the multivariate net: v1 (x1 - x2 + 1)_+ + v2 (2 x2)_+ by hand', () => {
    const params = {
      v: tf.tensor1d([2, -1]),
      w: tf.tensor2d([
        [1, -1, 1],
        [0, 2, 0],
      ]),
    };
    // x = (1, 3): 2 (1 - 3 + 1)_+ - (6)_+ = -6; x = (2, 0.5): 2 * 2.5 - 1 = 4
    expectClose(
      applyMultivariateRelu(
        params,
        tf.tensor2d([
          [1, 3],
          [2, 0.5],
        ]),
      ),
      [-6, 4],
    );
  });

  it('initializers follow the seed and PyTorch default bounds', () => {
    const a = initUnivariateRelu({ width: 80, seed: 3 });
    const b = initUnivariateRelu({ width: 80, seed: 3 });
    expect(Array.from(a.v.dataSync())).toEqual(Array.from(b.v.dataSync()));
    expect(Math.max(...Array.from(a.v.dataSync(), Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(80));
    const m = initMultivariateRelu({ d: 50, width: 100, seed: 0 });
    expect(m.w.shape).toEqual([100, 51]);
    expect(Math.max(...Array.from(m.w.dataSync(), Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(50));
    expect(() => initUnivariateRelu({ width: 0, seed: 0 })).toThrow('width must be a positive integer, got 0');
  });
});

it('mergeKnots adds slope changes of coinciding knots and drops cancelled ones', () => {
  const merged = mergeKnots([
    { neuron: 0, location: -1, slopeChange: 0.4 },
    { neuron: 1, location: -1 + 1e-4, slopeChange: 0.6 },
    { neuron: 2, location: 0.5, slopeChange: -2 },
    { neuron: 3, location: 1.5, slopeChange: 0.3 },
    { neuron: 4, location: 1.5, slopeChange: -0.3 },
  ]);
  expect(merged.map((k) => k.neuron)).toEqual([0, 2]);
  expectClose(
    merged.map((k) => k.slopeChange),
    [1, -2],
  );
  expectClose([merged[0].location], [-1 + 0.6e-4]);
});
