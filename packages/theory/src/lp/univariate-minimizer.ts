import { interpolationSet, type Points } from '@sgn/data';

/** A continuous piecewise-linear interpolant f(x) = ℓ(x) + Σ_k c_k (x - t_k)_+, ℓ the line left of every knot. */
export interface PiecewiseLinear {
  /** Knot locations t_k, increasing. */
  knots: number[];
  /** Slope changes c_k at the knots (signed). */
  slopeChanges: number[];
  /** The line f follows left of the first knot: f(x) = slope x + intercept there. */
  left: { slope: number; intercept: number };
}

/** The exact global lp minimizer returned by {@link univariateLpMinimizer}. */
export interface LpMinimizer extends PiecewiseLinear {
  /** The exponent p. */
  p: number;
  /** V_p(f) = Σ_k |c_k|^p. */
  cost: number;
  /** False when another vertex of some run reaches the same cost (within 1e-9 relative), e.g. at p = 1. */
  unique: boolean;
}

/** A maximal run of consecutive interior points with equal nonzero discrete curvature. */
export interface CurvatureRun {
  /** First and last point index (0-based) of the run. */
  first: number;
  last: number;
  /** +1 (convex) or -1 (concave). */
  sign: number;
  /** Every vertex of the run's finite reduction: the data lines (segment indices) f follows across the run. */
  vertices: number[][];
}

/** Where the finite reduction stops enumerating: 2^(m-1) vertices for a run of m+1 points. */
export const MAX_RUN_POINTS = 22;

/** Slopes s_k of the lines ℓ_k through points k and k+1 (0-based, k = 0..N-2). */
export function segmentSlopes(points: Points): number[] {
  const { x, y } = points;
  return x.slice(0, -1).map((_, k) => (y[k + 1] - y[k]) / (x[k + 1] - x[k]));
}

/**
 * The runs of equal nonzero discrete curvature ε_i = sgn(s_i - s_{i-1}) and, for each, the vertices of its finite
 * reduction: with m + 1 points in the run, each of the m - 1 inner points picks the data line on its left or its
 * right (α_j ∈ {0, 1}); the run's lines are those picks plus the incoming and outgoing lines, and f on the run is
 * their maximum (convex) or minimum (concave).
 *
 * @param points - validated points
 * @returns the runs in order
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.1 and the finite reduction of Thm 3.2
 */
export function curvatureRuns(points: Points): CurvatureRun[] {
  const s = segmentSlopes(points);
  // a loop, not Math.max(...s): a spread of 1e6 slopes overflows the call stack
  const scale = s.reduce((largest, slope) => Math.max(largest, Math.abs(slope)), 1);
  const curvature = (i: number) => {
    const difference = s[i] - s[i - 1];
    return Math.abs(difference) <= 1e-12 * scale ? 0 : Math.sign(difference);
  };
  const runs: CurvatureRun[] = [];
  const n = points.x.length;
  let i = 1;
  while (i <= n - 2) {
    const sign = curvature(i);
    if (sign === 0) {
      i++;
      continue;
    }
    let last = i;
    while (last + 1 <= n - 2 && curvature(last + 1) === sign) last++;
    const m = last - i;
    if (m + 1 > MAX_RUN_POINTS) {
      throw new Error(
        `a run of ${m + 1} points of equal curvature (points ${i}..${last}) needs 2^${m - 1} vertices; at most ${MAX_RUN_POINTS} points are enumerated`,
      );
    }
    runs.push({ first: i, last, sign, vertices: runVertices(i, last) });
    i = last + 1;
  }
  return runs;
}

function runVertices(first: number, last: number): number[][] {
  const m = last - first;
  const seen = new Map<string, number[]>();
  for (let mask = 0; mask < 2 ** Math.max(m - 1, 0); mask++) {
    const lines = new Set<number>([first - 1, last]);
    for (let j = 1; j <= m - 1; j++) lines.add((mask >> (j - 1)) & 1 ? first + j : first + j - 1);
    const sorted = [...lines].sort((a, b) => a - b);
    seen.set(sorted.join(','), sorted);
  }
  return [...seen.values()];
}

/** Knots and slope changes where consecutive chosen data lines meet. */
function vertexPieces(points: Points, slopes: number[], lines: number[]): { knots: number[]; slopeChanges: number[] } {
  const { x, y } = points;
  const knots: number[] = [];
  const slopeChanges: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const [k, l] = [lines[i], lines[i + 1]];
    // y_k + s_k (t - x_k) = y_l + s_l (t - x_l)
    knots.push((y[l] - y[k] + slopes[k] * x[k] - slopes[l] * x[l]) / (slopes[k] - slopes[l]));
    slopeChanges.push(slopes[l] - slopes[k]);
  }
  return { knots, slopeChanges };
}

function costOf(slopeChanges: readonly number[], p: number): number {
  return slopeChanges.reduce((sum, c) => sum + Math.abs(c) ** p, 0);
}

function checkP(p: number): void {
  if (!(typeof p === 'number' && p > 0 && p <= 1)) throw new Error(`p must be in (0, 1], got ${p}`);
}

function assemble(points: Points, slopes: number[], chosen: number[][]): PiecewiseLinear {
  const knots: number[] = [];
  const slopeChanges: number[] = [];
  for (const lines of chosen) {
    const pieces = vertexPieces(points, slopes, lines);
    for (const knot of pieces.knots) knots.push(knot);
    for (const change of pieces.slopeChanges) slopeChanges.push(change);
  }
  return { knots, slopeChanges, left: { slope: slopes[0], intercept: points.y[0] - slopes[0] * points.x[0] } };
}

/**
 * The exact global minimizer of V_p(f) = Σ|slope changes|^p over continuous piecewise-linear interpolants of 1-D
 * data, for 0 < p <= 1 (equivalently, the minimal lp path norm of a wide enough univariate ReLU net with a free
 * skip term). By Thm 3.1 the problem splits into runs of equal curvature; by the finite reduction the optimum on a
 * run of m + 1 points is one of its 2^(m-1) vertices, all of which are enumerated.
 *
 * @param data - points with strictly increasing x (at least 3)
 * @param p - the exponent in (0, 1]
 * @returns knots, slope changes, V_p and whether the minimizer is unique
 * @example
 * ```ts
 * const f = univariateLpMinimizer(peakPlateau(), 0.4);
 * f.knots; // [-1, 0.5, 2]; f.cost = 2 + 2^0.4
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.1, Thm 3.2
 */
export function univariateLpMinimizer(data: Points, p: number): LpMinimizer {
  checkP(p);
  const points = interpolationSet(data.x, data.y);
  const slopes = segmentSlopes(points);
  let unique = true;
  const chosen = curvatureRuns(points).map((run) => {
    const costs = run.vertices.map((lines) => costOf(vertexPieces(points, slopes, lines).slopeChanges, p));
    const best = costs.indexOf(Math.min(...costs));
    const ties = costs.filter((c) => Math.abs(c - costs[best]) <= 1e-9 * Math.max(1, costs[best])).length;
    if (ties > 1) unique = false;
    // at p = 1 the cost is linear: every interpolant whose slope changes on a run of two or more points keep the
    // run's sign costs the same (e.g. peak/plateau's knot at 1/2 against knots 1/2 ± δ), a face, not only vertices
    if (p === 1 && run.last - run.first >= 1) unique = false;
    return run.vertices[best];
  });
  const f = assemble(points, slopes, chosen);
  return { ...f, p, cost: costOf(f.slopeChanges, p), unique };
}

/** A sparsest interpolant, from {@link sparsestInterpolant}. */
export interface SparsestInterpolant extends PiecewiseLinear {
  /** The fewest knots (= fewest active neurons) any interpolant needs: Σ over runs of ⌈(m+1)/2⌉. */
  knotCount: number;
  /** True when every run has m = 0 or odd m (the paper: odd m gives a unique sparsest solution on the run). */
  unique: boolean;
}

/**
 * A sparsest continuous piecewise-linear interpolant (fewest knots). On each run the vertex with fewest lines is
 * taken (ties broken by least V_1, then by first found).
 *
 * @param data - points with strictly increasing x
 * @returns knots, slope changes and the knot count
 * @example
 * ```ts
 * sparsestInterpolant(peakPlateau()).knotCount; // 3
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.2; Debarre et al. 2022 (⌈(m+1)/2⌉ knots per run)
 */
export function sparsestInterpolant(data: Points): SparsestInterpolant {
  const points = interpolationSet(data.x, data.y);
  const slopes = segmentSlopes(points);
  const runs = curvatureRuns(points);
  const chosen = runs.map((run) => {
    const fewest = Math.min(...run.vertices.map((v) => v.length));
    const candidates = run.vertices.filter((v) => v.length === fewest);
    const l1 = candidates.map((lines) => costOf(vertexPieces(points, slopes, lines).slopeChanges, 1));
    return candidates[l1.indexOf(Math.min(...l1))];
  });
  const f = assemble(points, slopes, chosen);
  const unique = runs.every((run) => run.last - run.first === 0 || (run.last - run.first) % 2 === 1);
  return { ...f, knotCount: f.knots.length, unique };
}

/** The critical exponent from {@link criticalP}. */
export interface CriticalP {
  /** p*: for p < p* the lp minimizer is a sparsest interpolant; null when it is for every p in (0, 1). */
  pStar: number | null;
  /** Knots of the sparsest interpolant and of the minimizer just above p* (null when pStar is null). */
  knotsBelow: number;
  knotsAbove: number | null;
}

/**
 * The data-dependent p* of Thm 3.2: the first p where, on some run, the cheapest vertex with more knots than the
 * fewest becomes cheaper than every fewest-knot vertex (the first crossing of the vertex cost curves, which are
 * generalized Dirichlet polynomials). Found by scanning p on a grid of step 5e-4 and bisecting the first sign
 * change to 1e-12; crossings closer together than the grid step could be missed.
 *
 * @param data - points with strictly increasing x
 * @returns p* (or null), and the knot counts below and above it
 * @example
 * ```ts
 * criticalP({ x: [0, 1, 2, 3, 4, 5], y: [0, 0, 0.05, 1.1, 3.15, 5.25] }).pStar; // ≈ 0.3096
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.2
 */
export function criticalP(data: Points): CriticalP {
  const points = interpolationSet(data.x, data.y);
  const slopes = segmentSlopes(points);
  const runs = curvatureRuns(points);
  const knotsBelow = sparsestInterpolant(points).knotCount;
  let pStar: number | null = null;
  for (const run of runs) {
    const pieces = run.vertices.map((lines) => vertexPieces(points, slopes, lines).slopeChanges);
    const fewest = Math.min(...pieces.map((c) => c.length));
    const sparse = pieces.filter((c) => c.length === fewest);
    const dense = pieces.filter((c) => c.length > fewest);
    if (dense.length === 0) continue;
    const gap = (p: number) =>
      Math.min(...sparse.map((c) => costOf(c, p))) - Math.min(...dense.map((c) => costOf(c, p)));
    const step = 5e-4;
    for (let hi = step; hi < 1; hi += step) {
      if (gap(hi) > 0) {
        let lo = hi - step;
        let top = hi;
        while (top - lo > 1e-12) {
          const mid = (lo + top) / 2;
          if (gap(mid) > 0) top = mid;
          else lo = mid;
        }
        if (pStar === null || top < pStar) pStar = top;
        break;
      }
    }
  }
  const knotsAbove = pStar === null ? null : univariateLpMinimizer(points, Math.min(1, pStar + 1e-6)).knots.length;
  return { pStar, knotsBelow, knotsAbove };
}

/**
 * Evaluates a piecewise-linear function at x.
 *
 * @param f - the function (e.g. an {@link LpMinimizer})
 * @param x - where to evaluate
 * @returns f(x)
 */
export function evaluatePiecewiseLinear(f: PiecewiseLinear, x: number): number {
  let value = f.left.slope * x + f.left.intercept;
  f.knots.forEach((t, k) => {
    if (x > t) value += f.slopeChanges[k] * (x - t);
  });
  return value;
}
