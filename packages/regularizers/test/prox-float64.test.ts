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

/**
 * Hand-derived prox steps at p where p - 1, -p, p and 1 - p all differ (0.2, 0.4, 0.7): λ = 0.5, γ = 0.4, so
 * λγp = 0.04, 0.08, 0.14; the exponent p - 1 written out as -0.8, -0.6, -0.3 (not computed from p).
 */
const PROX_CASES = [
  { p: 0.2, scale: 0.04, exponent: -0.8 },
  { p: 0.4, scale: 0.08, exponent: -0.6 },
  { p: 0.7, scale: 0.14, exponent: -0.3 },
] as const;

/** Univariate: neurons (v, w, b) = (-1.6, 1.25, 0.75), |vw| = 2, and (0.5, -0.6, -0.2), |vw| = 0.3. */
function univariateByHand(scale: number, exponent: number) {
  const u = [2 - scale * 2 ** exponent, 0.3 - scale * 0.3 ** exponent].map((x) => Math.max(x, 0));
  const r = u.map(Math.sqrt);
  return { v: [-r[0], r[1]], w: [r[0], -r[1]], b: [(0.75 * r[0]) / 1.25, (-0.2 * r[1]) / 0.6] };
}

/** Multivariate: v = -1.6, w = (1.25, -0.5): paths 2 and 0.8; v = 0.5, w = (-0.6, 0.1): paths 0.3 and 0.05. */
function multivariateByHand(scale: number, exponent: number) {
  const rows = [
    { v: -1.6, w: [1.25, -0.5] },
    { v: 0.5, w: [-0.6, 0.1] },
  ];
  const v: number[] = [];
  const w: number[] = [];
  for (const row of rows) {
    const u = row.w.map((wi) => Math.max(Math.abs(row.v * wi) - scale * Math.abs(row.v * wi) ** exponent, 0));
    const root = Math.sqrt(Math.hypot(...u));
    v.push(Math.sign(row.v) * root);
    w.push(...row.w.map((wi, i) => (root > 0 ? (Math.sign(wi) * u[i]) / root : 0)));
  }
  return { v, w };
}

for (const { p, scale, exponent } of PROX_CASES) {
  it(`float64 prox at p = ${p} against the hand-derived step (exponent ${exponent}, λγp = ${scale})`, () => {
    const [v, w, b] = [Float64Array.of(-1.6, 0.5), Float64Array.of(1.25, -0.6), Float64Array.of(0.75, -0.2)];
    proxReweightedL1UnivariateFloat64(v, w, b, { lambda: 0.5, step: 0.4, p });
    const uni = univariateByHand(scale, exponent);
    expectClose(Array.from(v), uni.v, { atol: 1e-14 });
    expectClose(Array.from(w), uni.w, { atol: 1e-14 });
    expectClose(Array.from(b), uni.b, { atol: 1e-14 });
    const [V, W] = [Float64Array.of(-1.6, 0.5), Float64Array.of(1.25, -0.5, -0.6, 0.1)];
    proxReweightedL1Float64(V, W, { lambda: 0.5, step: 0.4, p });
    const multi = multivariateByHand(scale, exponent);
    expectClose(Array.from(V), multi.v, { atol: 1e-14 });
    expectClose(Array.from(W), multi.w, { atol: 1e-14 });
  });
}

describeEachBackend(['cpu', 'wasm'], 'the tensor prox against the hand-derived steps', () => {
  for (const { p, scale, exponent } of PROX_CASES) {
    it(`p = ${p}`, () => {
      const got = tf.tidy(() => {
        const uni = proxReweightedL1Univariate(
          { v: tf.tensor1d([-1.6, 0.5]), w: tf.tensor1d([1.25, -0.6]), b: tf.tensor1d([0.75, -0.2]) },
          { lambda: 0.5, step: 0.4, p },
        );
        const multi = proxReweightedL1(
          { v: tf.tensor1d([-1.6, 0.5]), w: tf.tensor2d([1.25, -0.5, -0.6, 0.1], [2, 2]) },
          { lambda: 0.5, step: 0.4, p },
        );
        return [uni.v, uni.w, uni.b, multi.v, multi.w].map((t) => Array.from(t.dataSync()));
      });
      const uni = univariateByHand(scale, exponent);
      const multi = multivariateByHand(scale, exponent);
      [uni.v, uni.w, uni.b, multi.v, multi.w].forEach((expected, i) => expectClose(got[i], expected, { atol: 2e-6 }));
    });
  }
});

it('the float64 prox skips the power only where the shrink is 0: paths around the cut (λγp)^(1/(2-p)) by the formula', () => {
  // for each p, univariate neurons with v = 1 and |w| = path: the shrink max(path - λγp path^(p-1), 0) evaluated
  // here term by term, against the prox's v (√shrink); paths from 1e-3 to 1e3 times the cut, and just around it
  for (const p of [0.4, 0.9, 1]) {
    const options = { lambda: 0.3, step: 0.05, p };
    const scale = options.lambda * options.step * p;
    const cut = scale ** (1 / (2 - p));
    const paths = [1e-3, 0.5, 1 - 1e-5, 1 - 1e-6, 1 - 1e-7, 1 - 1e-12, 1, 1 + 1e-12, 1 + 1e-7, 1 + 1e-5, 2, 1e3].map(
      (r) => r * cut,
    );
    const v = new Float64Array(paths.length).fill(1);
    const w = Float64Array.from(paths, (path, i) => (i % 2 === 0 ? path : -path));
    const b = new Float64Array(paths.length).fill(1);
    proxReweightedL1UnivariateFloat64(v, w, b, options);
    const expected = paths.map((path) => Math.sqrt(Math.max(path - scale * path ** (p - 1), 0)));
    expect(Array.from(v)).toEqual(expected);
    // above the cut the shrink is positive (the neuron survives), below it 0
    expect(expected.slice(-4).every((root) => root > 0)).toBe(true);
    expect(expected.slice(0, 4).every((root) => root === 0)).toBe(true);
    // the multivariate prox, one neuron per path with a second, larger input weight: the same shrinks
    const V = new Float64Array(paths.length).fill(1);
    const W = Float64Array.from({ length: 2 * paths.length }, (_, i) => (i % 2 === 0 ? paths[i / 2] : 2 * cut));
    proxReweightedL1Float64(V, W, options);
    const big = 2 * cut - scale * (2 * cut) ** (p - 1);
    paths.forEach((path, k) => {
      const small = Math.max(path - scale * path ** (p - 1), 0);
      expect(W[2 * k]).toBe(small / Math.sqrt(Math.sqrt(small * small + big * big)));
    });
  }
});
