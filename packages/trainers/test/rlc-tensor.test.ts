import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { connectivityTask, isConnected, setSignTask } from '@sgn/data';
import { countParameters, initRlc, majorityVote, rlcScores } from '@sgn/models';
import { createRng, tf } from '@sgn/tensor';
import { describeEachBackend, expectNoLeak } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { fitThresholdRule, thresholdRuleAccuracy, trainRlc } from '../src/index.js';

describe('tasks', () => {
  it('sign labels and connectivity labels follow their definitions', () => {
    const sign = setSignTask({ n: 5, count: 50, seed: 1 });
    for (let i = 0; i < 50; i++) {
      const negatives = Array.from(sign.x.subarray(i * 5, i * 5 + 5)).filter((v) => v < 0).length;
      expect(sign.y[i]).toBe(negatives >= 3 ? 1 : -1);
    }
    expect(isConnected([0, 1, 0, 1, 0, 0, 0, 0, 0], 3)).toBe(false);
    expect(isConnected([0, 1, 0, 1, 0, 1, 0, 1, 0], 3)).toBe(true);
    const graphs = connectivityTask({ n: 8, count: 200, seed: 4 });
    const rate = graphs.y.reduce((s, v) => s + (v > 0 ? 1 : 0), 0) / 200;
    expect(rate).toBeGreaterThan(0.2); // near the threshold p = 1.1 ln n / n both classes occur
    expect(rate).toBeLessThan(0.8);
  });
});

describe('the threshold-rule baseline', () => {
  it('by hand: the best cut and direction, ties at the first, and its accuracy on other data', () => {
    expect(fitThresholdRule([1, 2, 3, 4], [-1, -1, 1, 1])).toEqual({ threshold: 2.5, direction: 1, accuracy: 1 });
    expect(fitThresholdRule([1, 2, 3, 4], [1, 1, -1, -1])).toEqual({ threshold: 2.5, direction: -1, accuracy: 1 });
    // [-1, 1, -1, 1]: the best is 3/4, first reached by "+1 above 1.5"
    const rule = fitThresholdRule([1, 2, 3, 4], [-1, 1, -1, 1]);
    expect(rule).toEqual({ threshold: 1.5, direction: 1, accuracy: 0.75 });
    expect(thresholdRuleAccuracy(rule, [0, 1.5, 2, 9], [-1, -1, 1, -1])).toBe(0.75);
    expect(() => fitThresholdRule([1], [1, -1])).toThrow(
      'feature and y must have the same non-zero length, got 1 and 2',
    );
  });
});

describeEachBackend(['cpu', 'wasm'], 'RLC models', () => {
  it("per-example noise: k draws for each example (the official code's), shared: the same k for every example", () => {
    const config = { kind: 'set' as const, noise: 1, hidden: 2, size: 4 };
    const params = initRlc(config, { seed: 2 });
    const one = tf.tensor2d([[0.5, -1, 2, 0.1]]);
    const same = tf.tensor2d([
      [0.5, -1, 2, 0.1],
      [0.5, -1, 2, 0.1],
      [0.5, -1, 2, 0.1],
    ]);
    // one example: both draw the same k classifiers from the same stream
    expect(Array.from(rlcScores(params, config, one, 6, createRng(3), 'per-example').dataSync())).toEqual(
      Array.from(rlcScores(params, config, one, 6, createRng(3), 'shared').dataSync()),
    );
    const shared = rlcScores(params, config, same, 6, createRng(3), 'shared').arraySync();
    const own = rlcScores(params, config, same, 6, createRng(3), 'per-example');
    expect(own.shape).toEqual([6, 3]);
    const rows = own.arraySync();
    // shared: the three identical examples get identical scores; per example: each its own draws
    expect(shared.every((row) => row[0] === row[1] && row[1] === row[2])).toBe(true);
    expect(rows.every((row) => row[0] !== row[1] && row[1] !== row[2])).toBe(true);
    expect(() => rlcScores(params, config, one, 2, createRng(3), 'each' as never)).toThrow(
      'sharing must be shared or per-example, got "each"',
    );
    tf.dispose([one, same, own, ...Object.values(params)]);
  });

  it('RSetC has 8 parameters at any n (affine noise networks), and majority votes are ±1, and 0 on a tie at even m', async () => {
    expect(countParameters(initRlc({ kind: 'set', noise: 1, hidden: 0, size: 25 }, { seed: 0 }))).toBe(8);
    expect(countParameters(initRlc({ kind: 'set', noise: 1, hidden: 0, size: 101 }, { seed: 0 }))).toBe(8);
    const config = { kind: 'set' as const, noise: 1, hidden: 3, size: 5 };
    const params = initRlc(config, { seed: 1 });
    const x = tf.tensor2d([[1, -2, 0.5, 0.1, 3]]);
    await expectNoLeak(() => {
      majorityVote(params, config, x, 11, createRng(0));
    });
    expect(rlcScores(params, config, x, 7, createRng(0)).shape).toEqual([7, 1]);
    // m = 2 (even): a tie is 0, not +1 or -1; each vote is sgn(sgn(s1) + sgn(s2)) of the same two draws' scores
    // inputs of scale 10, so that aᵀx and not b decides the sign and the two draws often disagree
    const inputs = tf.tensor2d(Float32Array.from(createRng(4).normalArray(400 * 5, 0, 10)), [400, 5]);
    const votes = Array.from(majorityVote(params, config, inputs, 2, createRng(6)));
    const scores = rlcScores(params, config, inputs, 2, createRng(6)).arraySync();
    expect(votes).toEqual(scores[0].map((s, i) => Math.sign(Math.sign(s) + Math.sign(scores[1][i]))));
    const ties = votes.filter((v) => v === 0).length;
    expect(ties).toBeGreaterThan(20);
    expect(votes.every((v) => v === 0 || v === 1 || v === -1)).toBe(true);
    // m = 3 (odd) never ties
    expect(Array.from(majorityVote(params, config, inputs, 3, createRng(6))).filter((v) => v === 0)).toHaveLength(0);
    tf.dispose([inputs, x]);
    expect(() => initRlc({ kind: 'cone' as never, noise: 1, hidden: 0, size: 3 }, { seed: 0 })).toThrow(
      'kind must be set, graph, sphere or generic, got "cone"',
    );
  });

  it('small scale: RSetC learns sign (n = 9) well above chance', async () => {
    const data = {
      train: setSignTask({ n: 9, count: 500, seed: 1 }),
      validation: setSignTask({ n: 9, count: 100, seed: 2 }),
      test: setSignTask({ n: 9, count: 500, seed: 3 }),
    };
    const before = tf.memory().numTensors;
    const result = await trainRlc({ kind: 'set', noise: 1, hidden: 0, size: 9 }, data, {
      epochs: 20,
      batch: 250,
      learningRate: 0.5,
      draws: 50,
      votes: 51,
      patience: 10,
      seed: 0,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(result.parameters).toBe(8);
    expect(result.testAccuracy).toBeGreaterThan(0.7);
  });
});

describe('sphere task and the GNN baseline', () => {
  it('sphereSinTask: unit halves and y = sgn-rule of sin(π (k+1)³ ⟨x, x′⟩)', async () => {
    const { sphereSinTask } = await import('@sgn/data');
    const data = sphereSinTask({ d: 6, count: 20, seed: 1 });
    for (let i = 0; i < 20; i++) {
      const [a, b] = [data.x.subarray(i * 6, i * 6 + 3), data.x.subarray(i * 6 + 3, i * 6 + 6)];
      expect(Math.hypot(...a)).toBeCloseTo(1, 12);
      const dot = a.reduce((s, v, j) => s + v * b[j], 0);
      expect(data.y[i]).toBe(Math.sin(Math.PI * 64 * dot) < 0 ? 1 : -1);
    }
    expect(() => sphereSinTask({ d: 5, count: 1, seed: 0 })).toThrow('d must be an even integer >= 4, got 5');
  });

  it('the GNN is invariant to relabelling nodes (exactly, up to float rounding)', async () => {
    const { applyGnn, initGnn } = await import('@sgn/models');
    const params = initGnn({ hidden: 4, layers: 2, seed: 0 });
    const graph = connectivityTask({ n: 5, count: 1, seed: 2 }).x;
    const perm = [3, 0, 4, 1, 2];
    const relabelled = new Float64Array(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) relabelled[perm[i] * 5 + perm[j]] = graph[i * 5 + j];
    const scores = applyGnn(params, tf.tensor3d([...graph, ...relabelled], [2, 5, 5]));
    const [a, b] = Array.from(scores.dataSync());
    expect(Math.abs(a - b)).toBeLessThan(1e-6);
  });
});
