import { createRng } from '@sgn/tensor';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { fisherCombined, kolmogorovSurvival, ksTwoSample } from '../src/index.js';

describe('two-sample tests', () => {
  it("the Kolmogorov survival function at its tabled critical values, on both sides of the two series' switch", () => {
    // Q(1.3581) = 0.05, Q(1.6276) = 0.01, Q(1.9495) = 0.001 (the tabled critical values of the KS test)
    expectClose(
      [kolmogorovSurvival(1.3581), kolmogorovSurvival(1.6276), kolmogorovSurvival(1.9495)],
      [0.05, 0.01, 0.001],
      {
        rtol: 2e-4,
      },
    );
    // by hand from the alternating series: Q(1.5) = 2(e^-4.5 - e^-18 + e^-40.5) = 0.0222179626
    expectClose([kolmogorovSurvival(1.5)], [2 * (Math.exp(-4.5) - Math.exp(-18) + Math.exp(-40.5))], { rtol: 1e-12 });
    // Q(1) = 0.2699996717 (theta-function side); the two series meet at the switch 1.18
    expectClose([kolmogorovSurvival(1)], [0.2699996717], { rtol: 1e-9 });
    expectClose([kolmogorovSurvival(1.18 - 1e-12)], [kolmogorovSurvival(1.18)], { rtol: 1e-10 });
    expect(kolmogorovSurvival(0)).toBe(1);
    expectClose([kolmogorovSurvival(0.2)], [1], { atol: 1e-9 });
    expect(() => kolmogorovSurvival(-1)).toThrow('lambda must be a number >= 0, got -1');
  });

  it('KS statistic by hand, and calibrated under the null: 5% of tests below 0.05, a 0.3 sd shift found', () => {
    // F_a - F_b over the merged points 1, 1.5, 2, 2.5, 3, ...: 1/3, 1/12, 5/12, 1/6, 1/2, 1/4, 0: D = 1/2
    const hand = ksTwoSample([1, 2, 3], [1.5, 2.5, 3.5, 4.5]);
    expect(hand.statistic).toBe(0.5);
    const root = Math.sqrt(12 / 7);
    expectClose([hand.pValue], [kolmogorovSurvival((root + 0.12 + 0.11 / root) * 0.5)], { rtol: 1e-14 });
    const rng = createRng(21);
    let rejected = 0;
    for (let t = 0; t < 400; t++) if (ksTwoSample(rng.normalArray(300), rng.normalArray(300)).pValue < 0.05) rejected++;
    // binomial(400, 0.05): mean 20, sd 4.4; the corrected asymptotic p-value is slightly conservative
    expect(rejected).toBeGreaterThanOrEqual(6);
    expect(rejected).toBeLessThanOrEqual(34);
    // D -> Φ(0.15) - Φ(-0.15) = 0.119 for a 0.3 sd shift (sd of D here ~0.015): √1000 D ≈ 3.8 at 2000 a side
    const shift = ksTwoSample(
      rng.normalArray(2000),
      Float64Array.from(rng.normalArray(2000), (v) => v + 0.3),
    );
    expect(shift.statistic).toBeGreaterThan(0.06);
    expect(shift.statistic).toBeLessThan(0.2);
    expect(shift.pValue).toBeLessThan(1e-4);
  });

  it("Fisher's combination by hand: one p is itself, two p = 0.1 give 0.01 (1 + ln 100)", () => {
    expectClose(
      [fisherCombined([0.5]), fisherCombined([0.1, 0.1]), fisherCombined([1, 1, 1])],
      [0.5, 0.01 * (1 + Math.log(100)), 1],
      {
        rtol: 1e-13,
      },
    );
    // 50 p-values of 1e-3: X/2 = 50 ln 1000 = 345.4, far past where (X/2)^i would overflow; still a probability
    const many = fisherCombined(new Array(50).fill(1e-3));
    expect(many).toBeGreaterThan(0);
    expect(many).toBeLessThan(1e-60);
    expect(() => fisherCombined([])).toThrow('pValues must hold at least one p-value, got none');
    expect(() => fisherCombined([1.5])).toThrow('each p-value must be in [0, 1], got 1.5');
  });
});
