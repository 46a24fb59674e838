import { interpolationSet, type Points } from '@sgn/data';
import { combinations, solveSquare } from './linear-algebra.js';

/** Result of {@link bruteForceLpMinimizer}. */
export interface BruteForceResult {
  knots: number[];
  slopeChanges: number[];
  cost: number;
  /** How many supports were tried. */
  supportsTried: number;
}

/**
 * An independent check of the exact solver: enumerates every support of at most N - 2 knots from a dictionary
 * (the data x, every pairwise intersection of the data lines ℓ_i, and a grid of the given spacing), solves the
 * interpolation conditions with the affine term a x + c free, and keeps the feasible solution of least V_p. A
 * concave cost is minimized at a basic solution, so this is exact over the dictionary. Exponential: small N only.
 *
 * @param data - points with strictly increasing x
 * @param p - exponent in (0, 1]
 * @param gridSpacing - spacing of the extra grid of candidate knots (default 0.1; 0 for none)
 * @returns the best knots, slope changes and V_p found
 * @see Nakhleh & Nowak, arXiv 2505.21791 (the minimizer it verifies); the docs' lp page (apps/docs/papers/lp-sparse.md)
 *   reports its agreement with the exact solver
 */
export function bruteForceLpMinimizer(data: Points, p: number, gridSpacing = 0.1): BruteForceResult {
  const { x, y } = interpolationSet(data.x, data.y);
  const n = x.length;
  const candidates: number[] = [...x];
  const slopes = x.slice(0, -1).map((_, k) => (y[k + 1] - y[k]) / (x[k + 1] - x[k]));
  for (let k = 0; k < slopes.length; k++) {
    for (let l = k + 1; l < slopes.length; l++) {
      if (Math.abs(slopes[k] - slopes[l]) < 1e-12) continue;
      const t = (y[l] - y[k] + slopes[k] * x[k] - slopes[l] * x[l]) / (slopes[k] - slopes[l]);
      if (t > x[0] && t < x[n - 1]) candidates.push(t);
    }
  }
  if (gridSpacing > 0) for (let t = x[0]; t < x[n - 1]; t += gridSpacing) candidates.push(t);
  candidates.sort((a, b) => a - b);
  const dictionary = candidates.filter((t, i) => i === 0 || t - candidates[i - 1] > 1e-9);

  let best: BruteForceResult = { knots: [], slopeChanges: [], cost: Number.POSITIVE_INFINITY, supportsTried: 0 };
  let tried = 0;
  for (let size = 0; size <= n - 2; size++) {
    for (const support of combinations(dictionary.length, size)) {
      tried++;
      const knots = support.map((i) => dictionary[i]);
      // columns 1, x, (x - t)_+: least squares by the normal equations, then check the fit is exact
      const rows = x.map((xi) => [1, xi, ...knots.map((t) => Math.max(xi - t, 0))]);
      const width = size + 2;
      const gram = Array.from({ length: width }, (_, a) =>
        Array.from({ length: width }, (_, b) => rows.reduce((s, row) => s + row[a] * row[b], 0)),
      );
      const moment = Array.from({ length: width }, (_, a) => rows.reduce((s, row, i) => s + row[a] * y[i], 0));
      const z = solveSquare(gram, moment);
      if (z === null) continue;
      const feasible = rows.every((row, i) => Math.abs(row.reduce((s, v, j) => s + v * z[j], 0) - y[i]) < 1e-9);
      if (!feasible) continue;
      const changes = z.slice(2);
      const cost = changes.reduce((s, c) => s + (Math.abs(c) > 1e-12 ? Math.abs(c) ** p : 0), 0);
      if (cost < best.cost - 1e-12) {
        const keep = changes.map((c) => Math.abs(c) > 1e-12);
        best = {
          knots: knots.filter((_, i) => keep[i]),
          slopeChanges: changes.filter((_, i) => keep[i]),
          cost,
          supportsTried: 0,
        };
      }
    }
  }
  return { ...best, supportsTried: tried };
}
