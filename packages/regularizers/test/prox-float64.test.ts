import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { createRng, tf } from '@sgn/tensor';
import { describeEachBackend, expectClose } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  proxReweightedL1,
  proxReweightedL1Float64,
  proxReweightedL1Univariate,
  proxReweightedL1UnivariateFloat64,
} from '../src/index.js';

it('univariate float64 prox by hand: threshold λγp|vw|^(p-1), balanced roots, b rescaled, pruned stays 0', () => {
  // |v w| = 2 · 0.5 = 1: threshold 0.5·0.5·0.25·1 = 0.0625, u = 0.9375, √u = 0.9682458365518543
  // |v w| = 0.01: threshold 0.0625·0.01^(-0.75) = 1.976 > 0.01, pruned; v = 0: pruned already, b set to 0
  const [v, w, b] = [Float64Array.of(2, -0.1, 0), Float64Array.of(0.5, 0.1, 3), Float64Array.of(-1, 4, 5)];
  proxReweightedL1UnivariateFloat64(v, w, b, { lambda: 0.5, step: 0.5, p: 0.25 });
  const root = Math.sqrt(0.9375);
  expect(Array.from(v)).toEqual([root, -0, 0]);
  expect(Array.from(w)).toEqual([root, 0, 0]);
  expectClose(Array.from(b), [-1 * (root / 0.5), 0, 0], { atol: 1e-15 });
  // the knot -b/w stays where it was (-(-1)/0.5 = 2)
  expect(-b[0] / w[0]).toBeCloseTo(2, 14);
  expect(() => proxReweightedL1UnivariateFloat64(v, w, b, { lambda: 0.5, step: 0.5, p: 1.5 })).toThrow(
    'p must be in (0, 1], got 1.5',
  );
});

describeEachBackend(['cpu', 'wasm'], 'the float64 prox equals the tensor prox', () => {
  it('univariate and multivariate, random networks (float32 tolerance)', () => {
    const rng = createRng(4);
    const [K, D] = [12, 4];
    // float32 values, so both versions start from the same numbers
    const draw = (n: number) => Float64Array.from(Float32Array.from(rng.normalArray(n, 0, 0.3)));
    const [v, w, b, W] = [draw(K), draw(K), draw(K), draw(K * D)];
    const f32 = (a: Float64Array) => Float32Array.from(a);
    const options = { lambda: 0.2, step: 0.1, p: 0.4 };
    const tensors = tf.tidy(() => {
      const uni = proxReweightedL1Univariate(
        { v: tf.tensor1d(f32(v)), w: tf.tensor1d(f32(w)), b: tf.tensor1d(f32(b)) },
        options,
      );
      const multi = proxReweightedL1({ v: tf.tensor1d(f32(v)), w: tf.tensor2d(f32(W), [K, D]) }, options);
      return [uni.v, uni.w, uni.b, multi.v, multi.w].map((t) => Array.from(t.dataSync()));
    });
    const [v1, w1, b1, v2, W2] = [v.slice(), w.slice(), b.slice(), v.slice(), W.slice()];
    proxReweightedL1UnivariateFloat64(v1, w1, b1, options);
    proxReweightedL1Float64(v2, W2, options);
    const got = [v1, w1, b1, v2, W2].map((a) => Array.from(a));
    got.forEach((values, i) => expectClose(values, tensors[i], { atol: 1e-6 }));
    // the step did something: some neurons pruned, some shrunk
    expect(v1.filter((x) => x === 0).length).toBeGreaterThan(0);
    expect(v1.filter((x) => x !== 0).length).toBeGreaterThan(0);
  });
});
