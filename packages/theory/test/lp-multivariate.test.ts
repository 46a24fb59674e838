import { createRng } from '@sgn/tensor';
import { describe, expect, it } from 'vitest';
import {
  evaluatePathNetwork,
  multivariateCriticalP,
  multivariateLpMinimizer,
  multivariateLpVertices,
  vertexCost,
  type MultivariatePoints,
} from '../src/index.js';

/** N points uniform in [-1, 1]^d with targets uniform in [-1, 1], as the lp paper's experiment (b). */
function randomPoints(n: number, d: number, seed: number): MultivariatePoints {
  const rng = createRng(seed);
  const x = Array.from({ length: n }, () => Array.from(rng.uniformArray(d, -1, 1)));
  return { x, y: Array.from(rng.uniformArray(n, -1, 1)) };
}

/**
 * An independent upper bound on the minimum of (8), with no arrangement and no vertex theory: neurons from a fixed
 * grid of directions (both output signs), every pair of them fitted exactly to N = 2 points with nonnegative
 * magnitudes, the least Σ λ^p ‖r‖_p^p kept. It approaches the minimum from above as the grid gets finer.
 */
function gridMinimum(points: MultivariatePoints, directions: number[][], p: number): number {
  const rows = points.x.map((row) => [...row, 1]);
  const atoms = directions.flatMap((r) => {
    const unitCost = r.reduce((sum, v) => sum + (v === 0 ? 0 : Math.abs(v) ** p), 0);
    const active = rows.map((row) =>
      Math.max(
        row.reduce((s, xi, i) => s + xi * r[i], 0),
        0,
      ),
    );
    return [1, -1].map((sign) => ({ column: active.map((a) => sign * a), unitCost }));
  });
  const [y0, y1] = points.y;
  let best = Number.POSITIVE_INFINITY;
  for (let a = 0; a < atoms.length; a++) {
    const [a0, a1] = atoms[a].column;
    for (let b = a + 1; b < atoms.length; b++) {
      const [b0, b1] = atoms[b].column;
      const det = a0 * b1 - a1 * b0;
      if (Math.abs(det) < 1e-12) continue;
      const la = (y0 * b1 - y1 * b0) / det;
      const lb = (a0 * y1 - a1 * y0) / det;
      if (la < 0 || lb < 0) continue;
      best = Math.min(best, la ** p * atoms[a].unitCost + lb ** p * atoms[b].unitCost);
    }
  }
  return best;
}

describe('multivariateLpVertices and the exact minimizer of (8)', () => {
  it('one point x = (2, -4), y = -1 by hand: one negative neuron on the bias-free axis u = (0, -1/4, 0), cost (1/4)^p', () => {
    // a vertex uses one atom: s (uᵀx̃)_+ = -1 needs s = -1 and uᵀx̃ = 1 on a coordinate axis: u = (1/2, 0, 0),
    // (0, -1/4, 0) or (0, 0, 1), costing (1/2)^p, (1/4)^p, 1: the second is least at every p
    const point = { x: [[2, -4]], y: [-1] };
    for (const p of [0.3, 0.8, 1]) {
      const f = multivariateLpMinimizer(point, p);
      expect(f.neurons).toEqual([{ sign: -1, u: [0, -0.25, 0] }]);
      expect(f.cost).toBeCloseTo(0.25 ** p, 14);
      expect(f.nonzeros).toBe(1);
      expect(f.unique).toBe(true);
    }
    const { vertices } = multivariateLpVertices(point);
    expect(vertices.map((v) => v.magnitudes[0]).sort()).toEqual([0.25, 0.5, 1]);
    // every vertex has one nonzero, so no p makes a denser network cheaper; the bound is ln 2 / ln(1 / (1/4)) = 1/2
    const critical = multivariateCriticalP(point);
    expect(critical).toMatchObject({ l0: 1, pStar: null, r: 0.25, R: 1 });
    expect(critical.bound).toBeCloseTo(0.5, 14);
  });

  it('N = 2 in d = 1: the exact minimum is below and within 2% of a 2000-direction grid search, at p = 0.7 and 1', () => {
    const directions = Array.from({ length: 2000 }, (_, k) => {
      const angle = (2 * Math.PI * k) / 2000;
      // the axes exactly (k a multiple of 500), where the cost |u_j|^p is not Lipschitz
      return [Math.cos(angle), Math.sin(angle)].map((v) => (Math.abs(v) < 1e-12 ? 0 : v));
    });
    for (const seed of [3, 4]) {
      const points = randomPoints(2, 1, seed);
      const { vertices } = multivariateLpVertices(points);
      for (const p of [0.7, 1]) {
        const exact = multivariateLpMinimizer(points, p, vertices).cost;
        const grid = gridMinimum(points, directions, p);
        expect(exact).toBeLessThanOrEqual(grid + 1e-12);
        expect(grid).toBeLessThan(exact * 1.02);
      }
    }
  });

  it('N = 2 in d = 2: the exact minimum is never above a grid search over the faces of the cube (h = 0.1)', () => {
    const directions: number[][] = [];
    const ticks = Array.from({ length: 21 }, (_, i) => Math.round((i / 10 - 1) * 10) / 10);
    for (const face of [0, 1, 2])
      for (const side of [-1, 1])
        for (const s of ticks)
          for (const t of ticks) {
            const r = [s, t];
            r.splice(face, 0, side);
            directions.push(r);
          }
    const points = randomPoints(2, 2, 5);
    const { vertices } = multivariateLpVertices(points);
    for (const p of [0.4, 1]) {
      const exact = multivariateLpMinimizer(points, p, vertices).cost;
      const grid = gridMinimum(points, directions, p);
      expect(exact).toBeLessThanOrEqual(grid + 1e-12);
      expect(grid).toBeLessThan(exact * 1.25);
    }
  });

  it('every vertex network interpolates, and every minimizer has at most N neurons (Prop. 4.1), for N = 3 in d = 2 and 3', () => {
    for (const [n, d, seed] of [
      [3, 2, 1],
      [3, 3, 2],
    ]) {
      const points = randomPoints(n, d, seed);
      const { vertices } = multivariateLpVertices(points);
      let worst = 0;
      for (const vertex of vertices)
        points.x.forEach(
          (xi, i) => (worst = Math.max(worst, Math.abs(evaluatePathNetwork(vertex.neurons, xi) - points.y[i]))),
        );
      expect(worst).toBeLessThan(1e-9);
      for (const p of [0.2, 0.7, 1])
        expect(multivariateLpMinimizer(points, p, vertices).neurons.length).toBeLessThanOrEqual(n);
    }
  });

  it('p* separates the sparse and the dense minimizers: ℓ0-optimal just below, more nonzeros just above', () => {
    const points = randomPoints(3, 2, 1);
    const { vertices } = multivariateLpVertices(points);
    const critical = multivariateCriticalP(points, vertices);
    expect(critical.pStar).not.toBeNull();
    const pStar = critical.pStar as number;
    expect(pStar).toBeGreaterThan(critical.bound);
    expect(multivariateLpMinimizer(points, pStar - 1e-3, vertices).nonzeros).toBe(critical.l0);
    expect(multivariateLpMinimizer(points, pStar + 1e-3, vertices).nonzeros).toBeGreaterThan(critical.l0);
    // as p → 0 every cost tends to the vertex's nonzero count
    for (const vertex of vertices.slice(0, 50)) expect(vertexCost(vertex, 1e-9)).toBeCloseTo(vertex.nonzeros, 6);
  });

  it('refuses instances too large to enumerate and p outside (0, 1], naming the sizes', () => {
    expect(() => multivariateLpVertices(randomPoints(5, 3, 0))).toThrow(/N = 5 points in d = 3 needs .* bases/);
    expect(() => multivariateLpMinimizer(randomPoints(2, 1, 0), 0)).toThrow('p must be in (0, 1], got 0');
    expect(() => multivariateLpVertices({ x: [[1, 2], [3]], y: [1, 2] })).toThrow('same d');
  });
});
