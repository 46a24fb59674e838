import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { applyUnivariateRelu } from '@sgn/models';
import { tf } from '@sgn/tensor';
import { describeEachBackend, expectClose, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  activeNeurons,
  activeNeuronsFloat64,
  l1PathNorm,
  lpPathPenalty,
  lpPathPenalty1d,
  nonzeroPathWeights,
  proxReweightedL1,
  proxReweightedL1Univariate,
  weightDecayPenalty,
} from '../src/index.js';

describeEachBackend(['cpu', 'wasm'], 'lp path penalties and prox', () => {
  it('1-D penalty of f* on peak/plateau is V_p = 2 + 2^p', () => {
    // slope changes (1, -2, 1) as v w = (1, -2, 1)
    const v = tf.tensor1d([1, -1, 0.5]);
    const w = tf.tensor1d([1, 2, 2]);
    for (const p of [0.1, 0.4, 0.7, 1]) expectClose(lpPathPenalty1d(v, w, p), [2 + 2 ** p], { atol: 1e-5 });
    expectClose(l1PathNorm(v, w), [4], { atol: 1e-6 });
  });

  it('d-D penalty is Σ_k |v_k|^p Σ_i |w_ki|^p, bias included', () => {
    const v = tf.tensor1d([2, -0.5]);
    const w = tf.tensor2d([
      [1, 0, -4],
      [2, 2, 0],
    ]);
    // p = 0.5: sqrt(2) (1 + 0 + 2) + sqrt(0.5) (sqrt 2 + sqrt 2) = 3 sqrt 2 + 2
    expectClose(lpPathPenalty(v, w, 0.5), [3 * Math.SQRT2 + 2], { atol: 1e-5 });
    // p = 1: 2 * 5 + 0.5 * 4 = 12
    expectClose(l1PathNorm(v, w), [12], { atol: 1e-5 });
    expectClose(weightDecayPenalty([v, w]), [0.5 * (4.25 + 17 + 8)], { atol: 1e-5 });
  });

  it('univariate prox by hand: shrinks |vw| by λγp|vw|^(p-1), balances, keeps knots and kills small neurons', async () => {
    // λγp = 0.5 * 1 * 0.5 = 0.25 (p = 0.5); neuron 0: |vw| = 4, C = 0.25 / 2 = 0.125, u = 3.875
    // neuron 1: |vw| = 0.01, C = 0.25 / 0.1 = 2.5 > 0.01: pruned
    const params = { v: tf.tensor1d([-2, 0.1]), w: tf.tensor1d([2, -0.1]), b: tf.tensor1d([1, 0.3]) };
    const next = proxReweightedL1Univariate(params, { lambda: 0.5, step: 1, p: 0.5 });
    const r = Math.sqrt(3.875);
    expectClose(next.v, [-r, 0], { atol: 1e-6 });
    expectClose(next.w, [r, 0], { atol: 1e-6 });
    expectClose(next.b, [(1 * r) / 2, 0], { atol: 1e-6 });
    // the knot -b/w stays at -1/2
    expectClose([-next.b.dataSync()[0] / next.w.dataSync()[0]], [-0.5], { atol: 1e-6 });
    await expectNoLeak(() =>
      tf.dispose(Object.values(proxReweightedL1Univariate(params, { lambda: 0.5, step: 1, p: 0.5 }))),
    );
  });

  it('with λ = 0 the univariate prox only rebalances: the function is unchanged', () => {
    const params = {
      v: tf.tensor1d([3, -0.2, 1]),
      w: tf.tensor1d([0.5, 4, -2]),
      b: tf.tensor1d([0.2, -1, 1]),
      a: tf.tensor1d([0.1]),
      c: tf.tensor1d([0.3]),
    };
    const next = { ...params, ...proxReweightedL1Univariate(params, { lambda: 0, step: 0.01, p: 0.4 }) };
    const x = tf.linspace(-3, 3, 25);
    expectClose(applyUnivariateRelu(next, x), applyUnivariateRelu(params, x), { atol: 1e-5 });
    expectClose(tf.abs(next.v), tf.abs(next.w), { atol: 1e-6 });
  });

  it('multivariate prox by hand: ‖w_k‖_2 = |v_k| and pruned coordinates', () => {
    // v = 1, w = (3, 0.001, -4); λγp = 0.1, p = 0.5: C = 0.1 / sqrt|vw|
    // |vw| = 3: u = 3 - 0.1/sqrt 3; 0.001: C = 3.16 > 0.001, pruned; 4: u = 4 - 0.05
    const u = [3 - 0.1 / Math.sqrt(3), 0, 4 - 0.05];
    const norm = Math.hypot(...u);
    const next = proxReweightedL1(
      { v: tf.tensor1d([1]), w: tf.tensor2d([[3, 0.001, -4]]) },
      { lambda: 0.2, step: 1, p: 0.5 },
    );
    expectClose(next.v, [Math.sqrt(norm)], { atol: 1e-5 });
    expectClose(next.w, [u[0] / Math.sqrt(norm), 0, -u[2] / Math.sqrt(norm)], { atol: 1e-5 });
  });

  it('sparsity metrics count active neurons and nonzero path weights at a threshold', () => {
    const v = tf.tensor1d([1, 0, 1e-4]);
    const w = tf.tensor2d([
      [1, 0, 2],
      [5, 5, 5],
      [1e-3, 0, 0],
    ]);
    expect(activeNeurons(v, w)).toBe(1);
    expect(nonzeroPathWeights(v, w)).toBe(2);
    expect(activeNeurons(v, w, 1e-8)).toBe(2);
    expect(activeNeurons(tf.tensor1d([1, 0]), tf.tensor1d([1, 1]))).toBe(1);
  });

  it('activeNeuronsFloat64 counts |v w| above 1e-6, and at threshold 0 every neuron the prox has not zeroed', () => {
    // paths |v w| = 2, 2e-3, 0, 1e-7 (signs of both kinds): two above 1e-6, three nonzero
    const v = Float64Array.from([0.5, -2, 0, 1e-4]);
    const w = Float64Array.from([4, 1e-3, 3, -1e-3]);
    expect(activeNeuronsFloat64(v, w)).toBe(2);
    expect(activeNeuronsFloat64(v, w, 0)).toBe(3);
    expect(tf.tidy(() => activeNeurons(tf.tensor1d(Array.from(v)), tf.tensor1d(Array.from(w))))).toBe(2);
  });
});

it('p outside (0, 1] is rejected', () => {
  expect(() => lpPathPenalty1d(tf.tensor1d([1]), tf.tensor1d([1]), 1.5)).toThrow('p must be in (0, 1], got 1.5');
  expect(() => proxReweightedL1({ v: tf.tensor1d([1]), w: tf.tensor2d([[1]]) }, { lambda: 1, step: 1, p: 0 })).toThrow(
    'p must be in (0, 1], got 0',
  );
});
