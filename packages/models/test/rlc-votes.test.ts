import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { createRng, tf } from '@sgn/tensor';
import { describeEachBackend, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import { initRlc, majorityVote, voteTotals, type RlcConfig } from '../src/index.js';

describeEachBackend(['cpu', 'wasm'], 'RLC vote totals', () => {
  const config: RlcConfig = { kind: 'generic', noise: 1, hidden: 0, size: 2 };
  const x = () => tf.tensor2d([1, 0, 0, 1, 0.5, 0.5, 0, 0], [4, 2]);

  it('a classifier that ignores its noise votes m times the same way: totals ±m, the majority their sign', () => {
    // phi maps the noise u to (a1, a2, b) = 0·u + (1, -1, 0.5): every draw scores x1 - x2 - 0.5 (c = 1, 1)
    const params = { ...initRlc(config, { seed: 0 }) };
    tf.dispose([params['phi.w0'], params['phi.b0']]);
    params['phi.w0'] = tf.zeros([1, 3]);
    params['phi.b0'] = tf.tensor1d([1, -1, 0.5]);
    const input = x();
    // x1 - x2 - 0.5 at (1, 0), (0, 1), (0.5, 0.5), (0, 0): 0.5, -1.5, -0.5, -0.5
    expect(Array.from(voteTotals(params, config, input, 7, createRng(1)))).toEqual([7, -7, -7, -7]);
    expect(Array.from(majorityVote(params, config, input, 7, createRng(1)))).toEqual([1, -1, -1, -1]);
    tf.dispose([...Object.values(params), input]);
  });

  it('with noise: odd m gives odd totals in [-m, m] whose sign is the majority vote, and leaks nothing', async () => {
    // b = u ~ N(0, 1): at x = (0, 0) each draw votes sgn(-u), so the totals spread; no score is exactly 0
    const params = { ...initRlc(config, { seed: 0 }) };
    tf.dispose([params['phi.w0'], params['phi.b0']]);
    params['phi.w0'] = tf.tensor2d([0, 0, 1], [1, 3]);
    params['phi.b0'] = tf.tensor1d([1, -1, 0]);
    const input = x();
    const m = 9;
    const totals = Array.from(voteTotals(params, config, input, m, createRng(2)));
    for (const total of totals) {
      expect(Math.abs(total)).toBeLessThanOrEqual(m);
      expect(Math.abs(total % 2)).toBe(1);
    }
    expect(Array.from(majorityVote(params, config, input, m, createRng(2)))).toEqual(totals.map(Math.sign));
    await expectNoLeak(() => void voteTotals(params, config, input, m, createRng(3)));
    tf.dispose([...Object.values(params), input]);
  });
});
