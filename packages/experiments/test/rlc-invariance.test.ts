import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { initRlc, type RlcConfig } from '@sgn/models';
import { createRng, tf } from '@sgn/tensor';
import { describeEachBackend, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import { graphPairs, invarianceTest, positionScaled, setPairs, spherePairs, type InputPair } from '../src/index.js';

// Each invariant RLC is not rejected, and a slightly non-invariant variant of each is: the test has power where the
// rigged one-input z-test it replaces had none (12 inputs, 3000 draws a side; the check runs 20 and 5000)
const [count, draws] = [12, 3000];
const reads = (pairs: InputPair[], weight: (i: number) => number): InputPair[] =>
  pairs.map(([x, gx]) => [x.map((v, i) => v * weight(i)), gx.map((v, i) => v * weight(i))] as const);

describeEachBackend(['cpu', 'wasm'], 'RLC invariance in probability', () => {
  it('RSetC: permutations not rejected; a_i scaled by 1 + 0.1 i/(n-1) rejected', async () => {
    const config: RlcConfig = { kind: 'set', noise: 1, hidden: 4, size: 7 };
    const params = initRlc(config, { seed: 3 });
    const pairs = setPairs(7, count, createRng(4));
    await expectNoLeak(() => {
      expect(invarianceTest(params, config, pairs, draws, 5).pValue).toBeGreaterThan(0.001);
      expect(invarianceTest(params, config, positionScaled(pairs), draws, 6).pValue).toBeLessThan(0.001);
    });
    tf.dispose(Object.values(params));
  });

  it("RGraphC: relabellings not rejected; one that weighs node 0's edges by 1.2 rejected", async () => {
    const config: RlcConfig = { kind: 'graph', noise: 1, hidden: 4, size: 6 };
    const params = initRlc(config, { seed: 7 });
    const pairs = graphPairs(6, count, createRng(8), 9);
    // features are the upper triangle with diagonal, row by row: row 0 (node 0's edges) is the first 6
    expect(invarianceTest(params, config, pairs, draws, 10).pValue).toBeGreaterThan(0.001);
    expect(
      invarianceTest(
        params,
        config,
        reads(pairs, (i) => (i < 6 ? 1.2 : 1)),
        draws,
        11,
      ).pValue,
    ).toBeLessThan(0.001);
    tf.dispose(Object.values(params));
  });

  it('RSphereC: rotations not rejected; one that weighs the first axis by 1.5 rejected', async () => {
    const config: RlcConfig = { kind: 'sphere', noise: 1, hidden: 4, size: 5 };
    const params = initRlc(config, { seed: 12 });
    const pairs = spherePairs(5, count, createRng(13));
    expect(invarianceTest(params, config, pairs, draws, 14).pValue).toBeGreaterThan(0.001);
    expect(
      invarianceTest(
        params,
        config,
        reads(pairs, (i) => (i === 0 ? 1.5 : 1)),
        draws,
        15,
      ).pValue,
    ).toBeLessThan(0.001);
    tf.dispose(Object.values(params));
  });
});
