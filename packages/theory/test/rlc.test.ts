import { createRng } from '@sgn/tensor';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import {
  binomialPmf,
  constructRlc,
  constructedMargin,
  constructedRlcParameters,
  evaluateSgnNetwork,
  hoeffdingBound,
  majorityCorrectProbability,
  randomSgnNetwork,
  sampleConstructed,
  votesNeeded,
} from '../src/index.js';

describe('majority-vote bounds', () => {
  it('binomial tail by hand: m = 1 is p, m = 3 is p³ + 3p²(1-p), a tie at m = 2 is wrong', () => {
    expectClose([majorityCorrectProbability(1, 0.7)], [0.7], { atol: 1e-15 });
    expectClose([majorityCorrectProbability(3, 0.7)], [0.343 + 3 * 0.49 * 0.3], { atol: 1e-14 });
    expectClose([majorityCorrectProbability(2, 0.7)], [0.49], { atol: 1e-15 });
    expectClose([majorityCorrectProbability(101, 0.5)], [0.5], { atol: 1e-12 });
    // m = 5, p = 0.3: 10·0.027·0.49 + 5·0.0081·0.7 + 0.00243 = 0.16308; m = 4, p = 0.6 (ties wrong): 4·0.216·0.4 + 0.1296
    expectClose([majorityCorrectProbability(5, 0.3)], [0.16308], { atol: 1e-15 });
    expectClose([majorityCorrectProbability(4, 0.6)], [0.4752], { atol: 1e-15 });
  });

  it('binomial pmf by hand: m = 3 at p = 0.3, m = 4 at p = 0.8, the edges p = 0 and 1, and summing to 1', () => {
    expectClose(Array.from(binomialPmf(3, 0.3)), [0.343, 0.441, 0.189, 0.027], { atol: 1e-15 });
    // 0.2^4, 4·0.8·0.2^3, 6·0.64·0.04, 4·0.512·0.2, 0.8^4
    expectClose(Array.from(binomialPmf(4, 0.8)), [0.0016, 0.0256, 0.1536, 0.4096, 0.4096], { atol: 1e-15 });
    expect(Array.from(binomialPmf(2, 0))).toEqual([1, 0, 0]);
    expect(Array.from(binomialPmf(2, 1))).toEqual([0, 0, 1]);
    const pmf = binomialPmf(201, 0.37);
    expectClose([pmf.reduce((a, b) => a + b, 0)], [1], { atol: 1e-14 });
    // the majority is the pmf's tail
    expectClose([majorityCorrectProbability(201, 0.37)], [pmf.slice(101).reduce((a, b) => a + b, 0)], { atol: 1e-15 });
    expect(() => binomialPmf(3, 1.5)).toThrow('p must be in [0, 1], got 1.5');
  });

  it('binomial tail at m = 100001 (linear in m): symmetric at p = 1/2, P(p) + P(1 - p) = 1, the normal limit', () => {
    const m = 100_001;
    expectClose([majorityCorrectProbability(m, 0.5)], [0.5], { atol: 1e-12 });
    const [up, down] = [majorityCorrectProbability(m, 0.501), majorityCorrectProbability(m, 0.499)];
    expectClose([up + down], [1], { atol: 1e-12 });
    // mean 50100.1, sd sqrt(m p q) = 158.11: P(K >= 50001) = Φ((50100.1 - 50000.5)/158.11) = Φ(0.6299) = 0.7356
    expectClose([up], [0.7356], { atol: 2e-3 });
    // far tail: 1 - P at p = 0.6 is below 1e-300 (every term underflows, the sum does not go NaN)
    expect(majorityCorrectProbability(m, 0.6)).toBe(1);
  });

  it('Hoeffding: exp(-m γ²/2) and the votes needed for 1 - δ', () => {
    expectClose([hoeffdingBound(11, 0.4)], [Math.exp(-11 * 0.08)], { atol: 1e-15 });
    // 2 ln(100) / 0.25 = 36.84 -> 37 (odd)
    expect(votesNeeded(0.5, 0.01)).toBe(37);
    expect(hoeffdingBound(votesNeeded(0.3, 0.05), 0.3)).toBeLessThanOrEqual(0.05);
    expect(() => votesNeeded(0, 0.1)).toThrow('gamma must be in (0, 1], got 0');
  });
});

describe('universality construction', () => {
  it('picks unit i with probability |w_i|/‖w‖₁ (chi-square), and its mean vote is Σ w_i s_i(x)/‖w‖₁', () => {
    const h = randomSgnNetwork({ d: 3, units: 5, seed: 2 });
    const rlc = constructRlc(h);
    expect(constructedRlcParameters(rlc)).toBe(5 * 4 + 4);
    const l1 = h.w.reduce((s, w) => s + Math.abs(w), 0);
    const rng = createRng(3);
    const counts = new Array(5).fill(0);
    const draws = 50_000;
    for (let t = 0; t < draws; t++) {
      const ab = sampleConstructed(rlc, rng.uniform());
      // f(u) telescopes to v_i up to rounding: take the nearest v
      const distances = rlc.v.map((v) => v.reduce((sum, value, j) => sum + (value - ab[j]) ** 2, 0));
      const nearest = distances.indexOf(Math.min(...distances));
      expect(distances[nearest]).toBeLessThan(1e-20);
      counts[nearest]++;
    }
    const chi2 = counts.reduce(
      (s, c, i) => s + (c - (draws * Math.abs(h.w[i])) / l1) ** 2 / ((draws * Math.abs(h.w[i])) / l1),
      0,
    );
    expect(chi2).toBeLessThan(18.47); // 4 degrees of freedom, 0.999 quantile
    const x = [0.3, -1, 2];
    const mean =
      h.w.reduce((s, w, i) => s + w * Math.sign(h.alpha[i].reduce((z, a, j) => z + a * x[j], h.beta[i])), 0) / l1;
    expectClose([constructedMargin(rlc, x).gamma], [Math.abs(mean)], { atol: 1e-12 });
    expect(constructedMargin(rlc, x).limit).toBe(evaluateSgnNetwork(h, x));
  });
});
