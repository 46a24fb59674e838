import { combinations, nullVector, solveSquare } from './linear-algebra.js';

/** Data for the multivariate problems (8)-(9): N points x_i ∈ R^d (rows) and their targets y_i. */
export interface MultivariatePoints {
  x: readonly (readonly number[])[];
  y: readonly number[];
}

/**
 * One neuron of f(x) = Σ_k s_k (u_kᵀ x̃)_+ with x̃ = [x; 1]: its output sign s_k and its path weights
 * u_k = |v_k| w_k ∈ R^{d+1} (the last entry is the bias). Any network v_k (w_kᵀx̃)_+ is one with s_k = sgn v_k, and
 * its cost ‖v_k w_k‖_p^p is ‖u_k‖_p^p.
 */
export interface PathNeuron {
  sign: 1 | -1;
  u: number[];
}

/** A vertex of Lemma 4.1's reformulation: a basic feasible network that interpolates the data. */
export interface VertexNetwork {
  neurons: PathNeuron[];
  /** The ℓ0 cost Σ_k ‖u_k‖_0, problem (9): nonzero input weights and biases of the active neurons. */
  nonzeros: number;
  /** The magnitude of every nonzero path weight u of the network: the ℓp cost (8) at any p is Σ m^p. */
  magnitudes: number[];
}

/** Every vertex network of a data set, and how much was enumerated. */
export interface MultivariateVertices {
  vertices: VertexNetwork[];
  /** Candidate neuron directions: extreme rays of the cells of the data and coordinate hyperplanes. */
  rays: number[][];
  /** Bases of N atoms tried. */
  basesTried: number;
}

/** The exact minimizer of (8) at one p. */
export interface MultivariateLpMinimizer extends VertexNetwork {
  p: number;
  /** Σ_k ‖u_k‖_p^p. */
  cost: number;
  /** No other vertex network reaches the cost (to 1e-9 relative). */
  unique: boolean;
}

/** Theorem 4.1's critical p* of a data set, from its vertex networks. */
export interface MultivariateCriticalP {
  /** The ℓ0 optimum L_0 of (9). */
  l0: number;
  /**
   * The first p in (0, 1] at which a vertex network with more than L_0 nonzeros costs no more than the best with
   * L_0 (so below it every ℓp minimizer solves (9)); null when the ℓp minimizer is ℓ0-optimal on all of (0, 1].
   */
  pStar: number | null;
  /** The lower bound ln(1 + 1/L_0) / ln(R/r) on p* (r, R: the least and largest nonzero vertex path weight). */
  bound: number;
  r: number;
  R: number;
}

/** Path weights below this are zero (the data are O(1); the bases are solved in float64). */
const ZERO = 1e-10;
/** Steps of the grid on (0, 1] on which {@link multivariateCriticalP} looks for the first crossing. */
export const GRID = 200;
/** The enumeration refuses instances with more bases than this (a few seconds of work). */
export const MAX_BASES = 5e6;

/** x̃ = [x; 1] for every point, after checking the shapes. */
function augmented(points: MultivariatePoints): number[][] {
  const n = points.y.length;
  if (n < 1 || points.x.length !== n) {
    throw new Error(`points need as many rows of x as targets y (at least one), got ${points.x.length} and ${n}`);
  }
  const d = points.x[0].length;
  if (d < 1 || points.x.some((row) => row.length !== d)) throw new Error('every row of x must have the same d >= 1');
  if ([...points.x.flat(), ...points.y].some((v) => !Number.isFinite(v))) throw new Error('points must be finite');
  return points.x.map((row) => [...row, 1]);
}

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((sum, ai, i) => sum + ai * b[i], 0);

/** Sign of every hyperplane at u: the data hyperplanes x̃_iᵀu, then the coordinates u_j. */
function signature(rows: number[][], u: number[]): number[] {
  return [...rows.map((row) => dot(row, u)), ...u].map((v) => (Math.abs(v) < ZERO ? 0 : Math.sign(v)));
}

/** Two neurons fit one closed cell (no hyperplane separates them), so their sum acts on the data as both do. */
function compatible(a: number[], b: number[]): boolean {
  return a.every((s, i) => s * b[i] >= 0);
}

/** Every partition of 0..n-1 into blocks that `join` allows, none of whose two blocks could be joined. */
function maximalPartitions(n: number, join: (block: number[], i: number) => boolean): number[][][] {
  const all: number[][][] = [];
  const grow = (i: number, blocks: number[][]) => {
    if (i === n) {
      all.push(blocks.map((block) => block.slice()));
      return;
    }
    for (const block of blocks) {
      if (!join(block, i)) continue;
      block.push(i);
      grow(i + 1, blocks);
      block.pop();
    }
    blocks.push([i]);
    grow(i + 1, blocks);
    blocks.pop();
  };
  grow(0, []);
  return all.filter((blocks) =>
    blocks.every((a, i) => blocks.every((b, j) => j <= i || !b.every((member) => join(a, member)))),
  );
}

function networkKey(neurons: PathNeuron[]): string {
  return neurons
    .map((n) => `${n.sign}:${n.u.map((v) => v.toFixed(8)).join(',')}`)
    .sort()
    .join('|');
}

/**
 * Every vertex network of the multivariate problems (8) and (9), by exact enumeration. Lemma 4.1 writes (8) over
 * the activation patterns D_j as a concave cost on a polyhedron; split by orthant it is concave on each pointed
 * piece, so its minimum (and the ℓ0 minimum of (9)) is at a vertex. A vertex uses at most N atoms, each a neuron
 * direction on an extreme ray of a cell cut out by the data hyperplanes x̃_iᵀu = 0 and the coordinate hyperplanes
 * u_j = 0, with an output sign: this enumerates every N-set of atoms with independent columns s·(X̃r)_+, solves
 * for nonnegative magnitudes, and joins the atoms that share a cell and a sign into one neuron (the sum acts on the
 * data as the parts do and costs no more, ‖a + b‖_p^p <= ‖a‖_p^p + ‖b‖_p^p). Exponential in N and d: small
 * instances only (at most {@link MAX_BASES} bases).
 *
 * @param points - N points in R^d and their targets
 * @returns the distinct vertex networks, the candidate rays and the bases tried
 * @see Nakhleh & Nowak, arXiv 2505.21791, Lemma 4.1 and the proof of Theorem 4.1
 */
export function multivariateLpVertices(points: MultivariatePoints): MultivariateVertices {
  const rows = augmented(points);
  const N = rows.length;
  const n = rows[0].length;
  const hyperplanes = [...rows, ...Array.from({ length: n }, (_, j) => rows[0].map((_, i) => (i === j ? 1 : 0)))];
  const rays = new Map<string, number[]>();
  for (const subset of combinations(hyperplanes.length, n - 1)) {
    const direction = nullVector(
      subset.map((i) => hyperplanes[i]),
      n,
    );
    if (direction === null) continue;
    for (const r of [direction, direction.map((v) => -v)]) {
      const key = r.map((v) => v.toFixed(9)).join(',');
      // a direction no data point activates adds nothing to any fit
      if (rows.some((row) => dot(row, r) > ZERO)) rays.set(key, r);
    }
  }
  const atoms = [...rays.values()].flatMap((r) =>
    ([1, -1] as const).map((sign) => ({ sign, r, column: rows.map((row) => sign * Math.max(dot(row, r), 0)) })),
  );
  const bases = binomial(atoms.length, N);
  if (bases > MAX_BASES) {
    throw new Error(
      `exact enumeration of N = ${N} points in d = ${n - 1} needs ${bases.toExponential(1)} bases (at most ${MAX_BASES}): use fewer points or dimensions`,
    );
  }
  const vertices = new Map<string, VertexNetwork>();
  let basesTried = 0;
  for (const basis of combinations(atoms.length, N)) {
    basesTried++;
    const matrix = rows.map((_, i) => basis.map((a) => atoms[a].column[i]));
    const lambda = solveSquare(matrix, points.y.slice());
    if (lambda === null || lambda.some((l) => l < -1e-9)) continue;
    const used = basis
      .map((a, j) => ({ sign: atoms[a].sign, u: atoms[a].r.map((v) => v * lambda[j]) }))
      .filter((_, j) => lambda[j] > ZERO);
    const signatures = used.map((neuron) => signature(rows, neuron.u));
    const partitions = maximalPartitions(used.length, (block, i) =>
      block.every((j) => used[j].sign === used[i].sign && compatible(signatures[j], signatures[i])),
    );
    for (const blocks of partitions) {
      const neurons = blocks.map((block) => ({
        sign: used[block[0]].sign,
        u: used[0].u.map((_, c) => block.reduce((sum, j) => sum + used[j].u[c], 0)),
      }));
      const magnitudes = neurons.flatMap((neuron) => neuron.u.map(Math.abs).filter((m) => m > ZERO));
      const key = networkKey(neurons);
      if (!vertices.has(key)) vertices.set(key, { neurons, nonzeros: magnitudes.length, magnitudes });
    }
  }
  return { vertices: [...vertices.values()], rays: [...rays.values()], basesTried };
}

function binomial(n: number, k: number): number {
  let value = 1;
  for (let i = 0; i < k; i++) value = (value * (n - i)) / (i + 1);
  return value;
}

/** Σ m^p over a vertex network's nonzero path weights: its ℓp cost (8); at p = 0 its ℓ0 cost (9). */
export function vertexCost(vertex: VertexNetwork, p: number): number {
  return p === 0 ? vertex.nonzeros : vertex.magnitudes.reduce((sum, m) => sum + m ** p, 0);
}

/**
 * The value f(x) = Σ_k s_k (u_kᵀ [x; 1])_+ of a path-weight network at one input.
 *
 * @param neurons - the network
 * @param x - an input in R^d
 */
export function evaluatePathNetwork(neurons: readonly PathNeuron[], x: readonly number[]): number {
  return neurons.reduce((sum, { sign, u }) => sum + sign * Math.max(dot([...x, 1], u), 0), 0);
}

/**
 * The exact global minimizer of (8), min Σ_k ‖v_k w_k‖_p^p subject to interpolation, by enumerating the vertex
 * networks ({@link multivariateLpVertices}).
 *
 * @param points - N points in R^d and their targets
 * @param p - exponent in (0, 1]
 * @param vertices - the data's vertex networks, when already enumerated
 * @returns the least-cost vertex network, its cost, and whether it is the only one at that cost
 * @see Nakhleh & Nowak, arXiv 2505.21791, problem (8), Lemma 4.1
 */
export function multivariateLpMinimizer(
  points: MultivariatePoints,
  p: number,
  vertices: VertexNetwork[] = multivariateLpVertices(points).vertices,
): MultivariateLpMinimizer {
  if (!(p > 0 && p <= 1)) throw new Error(`p must be in (0, 1], got ${p}`);
  const costs = vertices.map((vertex) => vertexCost(vertex, p));
  const order = costs.map((_, i) => i).sort((a, b) => costs[a] - costs[b]);
  const best = order[0];
  if (best === undefined) throw new Error('no network of these points interpolates (no vertex found)');
  const unique = order.length === 1 || costs[order[1]] > costs[best] * (1 + 1e-9);
  return { ...vertices[best], p, cost: costs[best], unique };
}

/**
 * Theorem 4.1's p*: below it every ℓp minimizer of (8) is a sparsest network of (9). Over the vertex networks, with
 * C(p) a vertex's cost Σ m^p (which tends to its count of nonzeros as p → 0), the gap g(p) = (least C(p) over the
 * vertices with more than L0 nonzeros) - (least C(p) over those with L0) tends to at least 1 as p → 0; p* is its
 * first zero in (0, 1], found on a grid of step 1/{@link GRID} and refined by bisection to 1e-12 (a crossing and
 * uncrossing within one grid step would go unseen). Also the lower bound p* >= ln(1 + 1/L0) / ln(R/r), from
 * (nonzeros of z) r^p <= cost of the ℓp minimizer z <= cost of an ℓ0 minimizer <= L0 R^p.
 *
 * @param points - N points in R^d and their targets
 * @param vertices - the data's vertex networks, when already enumerated
 * @returns L_0, p* (or null), the bound and its r, R
 * @see Nakhleh & Nowak, arXiv 2505.21791, Theorem 4.1 (the bound is the docs' reconstruction of its proof)
 */
export function multivariateCriticalP(
  points: MultivariatePoints,
  vertices: VertexNetwork[] = multivariateLpVertices(points).vertices,
): MultivariateCriticalP {
  if (vertices.length === 0) throw new Error('no network of these points interpolates (no vertex found)');
  const l0 = vertices.reduce((least, v) => Math.min(least, v.nonzeros), Number.POSITIVE_INFINITY);
  const sparse = vertices.filter((v) => v.nonzeros === l0);
  const dense = vertices.filter((v) => v.nonzeros > l0);
  let [r, R] = [Number.POSITIVE_INFINITY, 0];
  for (const m of vertices.flatMap((v) => v.magnitudes)) [r, R] = [Math.min(r, m), Math.max(R, m)];
  const bound = R > r ? Math.log(1 + 1 / l0) / Math.log(R / r) : Number.POSITIVE_INFINITY;
  // Σ m^p as Σ exp(p ln m), the logarithms taken once
  const logs = (set: VertexNetwork[]) => set.map((v) => v.magnitudes.map(Math.log));
  const [sparseLogs, denseLogs] = [logs(sparse), logs(dense)];
  const least = (set: number[][], p: number) => {
    let low = Number.POSITIVE_INFINITY;
    for (const vertex of set) {
      let cost = 0;
      for (const logM of vertex) cost += Math.exp(p * logM);
      if (cost < low) low = cost;
    }
    return low;
  };
  const gap = (p: number) => least(denseLogs, p) - least(sparseLogs, p);
  let pStar: number | null = null;
  if (dense.length > 0) {
    let previous = 0;
    for (let step = 1; step <= GRID; step++) {
      const p = step / GRID;
      if (gap(p) <= 0) {
        let [low, high] = [previous, p];
        while (high - low > 1e-12) {
          const mid = (low + high) / 2;
          if (mid > 0 && gap(mid) <= 0) high = mid;
          else low = mid;
        }
        pStar = high;
        break;
      }
      previous = p;
    }
  }
  return { l0, pStar, bound, r, R };
}
