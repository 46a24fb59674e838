import { peakPlateau, rampPoints, type Points } from '@sgn/data';
import { createRng } from '@sgn/tensor';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import {
  bruteForceLpMinimizer,
  criticalP,
  evaluatePiecewiseLinear,
  rampCriticalP,
  sparsestInterpolant,
  univariateLpMinimizer,
} from '../src/index.js';

// The constructed ramp of the lp page: slopes (0, e, 1+e, 2+e, 2+2e), e = 0.05, one run of 4 equal-curvature points.
const e = 0.05;
const ramp: Points = { x: [0, 1, 2, 3, 4, 5], y: [0, 0, 0.05, 1.1, 3.15, 5.25] };

describe('univariateLpMinimizer', () => {
  it('peak/plateau: knots (-1, 0.5, 2), slope changes (1, -2, 1), V_p = 2 + 2^p, unique, for p in {0.1, 0.4, 0.7, 0.9}', () => {
    for (const p of [0.1, 0.4, 0.7, 0.9]) {
      const f = univariateLpMinimizer(peakPlateau(), p);
      expectClose(f.knots, [-1, 0.5, 2], { atol: 1e-12 });
      expectClose(f.slopeChanges, [1, -2, 1], { atol: 1e-12 });
      expectClose([f.cost], [2 + 2 ** p], { atol: 1e-12 });
      expect(f.unique).toBe(true);
      peakPlateau().x.forEach((xi, i) =>
        expectClose([evaluatePiecewiseLinear(f, xi)], [peakPlateau().y[i]], { atol: 1e-12 }),
      );
    }
  });

  it('the e = 0.05 ramp: 2 knots at 1.952 and 3.048 (cost 2(1+e)^p) below p*, 3 knots at 1, 2.5, 4 (cost 2e^p + 2^p) above', () => {
    const below = univariateLpMinimizer(ramp, 0.29);
    expectClose(below.knots, [2 - e / (1 + e), 3 + e / (1 + e)], { atol: 1e-12 });
    expectClose([below.cost], [2 * (1 + e) ** 0.29], { atol: 1e-12 });
    const above = univariateLpMinimizer(ramp, 0.4);
    expectClose(above.knots, [1, 2.5, 4], { atol: 1e-12 });
    expectClose([above.cost], [2 * e ** 0.4 + 2 ** 0.4], { atol: 1e-12 });
    // by hand: at p = 0.4 the two vertex costs are 2.039 (sparse) and 1.923
    expectClose([2 * (1 + e) ** 0.4, above.cost], [2.039, 1.923], { atol: 1e-3 });
  });

  it('p = 1 is not unique on a run (the l1 minimizers form a set); p outside (0, 1] is rejected', () => {
    expect(univariateLpMinimizer(ramp, 1).unique).toBe(false);
    // peak/plateau at p = 1: f* (V_1 = 1 + 2 + 1) ties with knots 1/2 ± 0.3 (slope changes -1, -1), which also
    // interpolate: f(0) = 1, f(1) = 2 - 0.8 - 0.2 = 1; no vertex ties, the tie is a face of the linear cost
    const atOne = univariateLpMinimizer(peakPlateau(), 1);
    expect([atOne.cost, atOne.unique]).toEqual([4, false]);
    const straddling = { knots: [-1, 0.2, 0.8, 2], slopeChanges: [1, -1, -1, 1], left: { slope: 0, intercept: 0 } };
    peakPlateau().x.forEach((xi, i) =>
      expectClose([evaluatePiecewiseLinear(straddling, xi)], [peakPlateau().y[i]], { atol: 1e-12 }),
    );
    expect(straddling.slopeChanges.reduce((sum, c) => sum + Math.abs(c), 0)).toBe(atOne.cost);
    expect(univariateLpMinimizer(peakPlateau(), 0.99).unique).toBe(true);
    expect(() => univariateLpMinimizer(ramp, 1.5)).toThrow('p must be in (0, 1], got 1.5');
    expect(() => univariateLpMinimizer(ramp, 0)).toThrow('p must be in (0, 1], got 0');
  });

  it('collinear points and opposite curvature: linear through collinear runs, a knot at each isolated curvature point', () => {
    // y = |x - 2| sampled at 0..4 plus a collinear extension: knots only at x = 2
    const f = univariateLpMinimizer({ x: [0, 1, 2, 3, 4, 5], y: [2, 1, 0, 1, 2, 3] }, 0.5);
    expect(f.knots).toEqual([2]);
    expect(f.slopeChanges).toEqual([2]);
  });
});

describe('sparsestInterpolant and criticalP', () => {
  it('peak/plateau: 3 knots, sparsest for every p < 1 (p* is null)', () => {
    const s = sparsestInterpolant(peakPlateau());
    expect(s.knotCount).toBe(3);
    expect(s.unique).toBe(true);
    expect(criticalP(peakPlateau()).pStar).toBeNull();
  });

  it('the ramp: p* = 0.3096 to 1e-3 where 2(1+e)^p = 2e^p + 2^p; 2 knots below, 3 above', () => {
    const { pStar, knotsBelow, knotsAbove } = criticalP(ramp);
    expect(pStar).not.toBeNull();
    expect(Math.abs((pStar as number) - 0.3096)).toBeLessThan(1e-3);
    // independently: the crossing of the two closed-form cost curves, by bisection here
    let lo = 0.01;
    let hi = 0.99;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (2 * (1 + e) ** mid - (2 * e ** mid + 2 ** mid) > 0) hi = mid;
      else lo = mid;
    }
    expect(Math.abs((pStar as number) - lo)).toBeLessThan(1e-9);
    expect(knotsBelow).toBe(2);
    expect(knotsAbove).toBe(3);
  });

  it('a run of m + 1 points needs ceil((m + 1) / 2) knots (Debarre et al.)', () => {
    // convex data y = x^2 on 0..n: one run of n - 1 inner points, m = n - 2
    for (const n of [4, 5, 6, 7, 8, 9]) {
      const x = Array.from({ length: n + 1 }, (_, i) => i);
      const m = n - 2;
      expect(sparsestInterpolant({ x, y: x.map((v) => v * v) }).knotCount).toBe(Math.ceil((m + 1) / 2));
    }
  });
});

describe('cross-check against the brute-force verifier', () => {
  it('peak/plateau and the ramp agree with the dictionary search', () => {
    for (const p of [0.4, 0.9]) {
      const exact = univariateLpMinimizer(peakPlateau(), p);
      const brute = bruteForceLpMinimizer(peakPlateau(), p);
      expectClose([brute.cost], [exact.cost], { atol: 1e-9 });
      expectClose(brute.knots, exact.knots, { atol: 1e-9 });
    }
    for (const p of [0.25, 0.4]) {
      expectClose([bruteForceLpMinimizer(ramp, p, 0).cost], [univariateLpMinimizer(ramp, p).cost], { atol: 1e-9 });
    }
  });

  it('random data sets (N = 5 and 6): the exact solver is never beaten and always matched', () => {
    const rng = createRng(2025);
    for (let trial = 0; trial < 24; trial++) {
      const n = trial % 2 === 0 ? 5 : 6;
      const x: number[] = [];
      let position = 0;
      for (let i = 0; i < n; i++) x.push((position += rng.uniform(0.3, 1.5)));
      const y = Array.from({ length: n }, () => rng.uniform(-1, 1));
      const p = rng.uniform(0.05, 0.95);
      const exact = univariateLpMinimizer({ x, y }, p);
      const brute = bruteForceLpMinimizer({ x, y }, p, 0.25);
      expect(brute.cost).toBeGreaterThanOrEqual(exact.cost - 1e-9);
      expectClose([brute.cost], [exact.cost], { atol: 1e-9, rtol: 1e-9, label: `trial ${trial}, p = ${p}` });
    }
  });
});

describe('data-sized inputs', () => {
  it('300000 points: no spread of data-sized arrays (Math.max(...slopes) overflowed the stack), and f interpolates', () => {
    const rng = createRng(3);
    const n = 300_000;
    const x = Array.from({ length: n }, (_, i) => i);
    const y = Array.from(rng.uniformArray(n, -1, 1));
    const f = univariateLpMinimizer({ x, y }, 0.4);
    expect(f.knots.length).toBeGreaterThan(n / 2);
    expect(f.knots.length).toBeLessThanOrEqual(n - 2);
    for (const i of [0, 1, 12_345, n - 2, n - 1])
      expect(Math.abs(evaluatePiecewiseLinear(f, x[i]) - y[i])).toBeLessThan(1e-6);
  });
});

describe("the ramp's p* in closed form", () => {
  it('rampPoints: slopes (0, e, 1 + e, 2 + e, 2 + 2e) on x = 0..5', () => {
    expectClose(rampPoints(0.05).y, [0, 0, 0.05, 1.1, 3.15, 5.25], { atol: 1e-15 });
    expectClose(rampPoints(0.3).y, [0, 0, 0.3, 1.6, 3.9, 6.5], { atol: 1e-14 });
    expect(() => rampPoints(0)).toThrow('e must be a finite number > 0, got 0');
  });

  it("equals the exact solver's p* (vertex costs over every run) where both exist, and is null past e ≈ 0.29", () => {
    // e = 0.05: an independent brute force (numpy) gave p* = 0.3096; at the root 2(1 + e)^p = 2e^p + 2^p
    const p = rampCriticalP(0.05)!;
    expect(p).toBeCloseTo(0.3096, 4);
    expect(Math.abs(2 * 1.05 ** p - 2 * 0.05 ** p - 2 ** p)).toBeLessThan(1e-13);
    for (const e of [0.01, 0.1, 0.2, 0.25]) {
      const exact = criticalP(rampPoints(e));
      expect(exact.pStar, `e ${e}`).not.toBeNull();
      expect(Math.abs(exact.pStar! - rampCriticalP(e)!), `e ${e}`).toBeLessThan(1e-9);
      expect([exact.knotsBelow, exact.knotsAbove]).toEqual([2, 3]);
    }
    // g'(1) = 2(1 + e) ln(1 + e) - 2e ln e - 2 ln 2 changes sign between e = 0.28 and 0.30
    expect(rampCriticalP(0.28)).not.toBeNull();
    expect(rampCriticalP(0.3)).toBeNull();
    expect(rampCriticalP(0.5)).toBeNull();
    expect(criticalP(rampPoints(0.5)).pStar).toBeNull();
  });
});
