import { createRng, requirePositiveIntegers } from '@sgn/tensor';

/** A labelled data set in float64 row-major form: x [count, features], y ∈ {-1, +1} [count]. */
export interface LabelledSet {
  x: Float64Array;
  y: Float64Array;
  features: number;
}

/** Draws count sets x ~ N(0, I_n) and labels each +1 when `positive(set)` holds, else -1. */
function gaussianSetTask(
  options: { n: number; count: number; seed: number },
  positive: (set: Float64Array) => boolean,
): LabelledSet {
  requirePositiveIntegers({ n: options.n, count: options.count });
  const rng = createRng(options.seed);
  const x = rng.normalArray(options.count * options.n);
  const y = new Float64Array(options.count);
  for (let i = 0; i < options.count; i++) y[i] = positive(x.subarray(i * options.n, (i + 1) * options.n)) ? 1 : -1;
  return { x, y, features: options.n };
}

/**
 * The RLC paper's set task "sign" ("range" in its code): x ~ N(0, I_n), y = +1 iff Σ_i sgn(x_i) < 0. Use odd n.
 *
 * @param options - set size n, count, seed
 * @see Cotta et al., NeurIPS 2023, tasks (datasets.py)
 */
export function setSignTask(options: { n: number; count: number; seed: number }): LabelledSet {
  return gaussianSetTask(options, (set) => set.reduce((signs, value) => signs + Math.sign(value), 0) < 0);
}

/**
 * The set task "sort": x ~ N(0, I_n), sorted decreasingly x_(1) >= ... >= x_(n), f = Σ_i (-1)^{i+1} x_(i),
 * y = +1 iff f < 0.
 */
export function setSortTask(options: { n: number; count: number; seed: number }): LabelledSet {
  return gaussianSetTask(options, (set) => {
    const sorted = Array.from(set).sort((a, b) => b - a);
    return sorted.reduce((s, value, j) => s + (j % 2 === 0 ? value : -value), 0) < 0;
  });
}

/** Whether an undirected graph (n x n 0/1 adjacency, row-major) is connected (breadth-first search). */
export function isConnected(adjacency: ArrayLike<number>, n: number): boolean {
  const seen = new Uint8Array(n);
  const queue = [0];
  seen[0] = 1;
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head];
    for (let j = 0; j < n; j++) {
      if (adjacency[i * n + j] > 0 && !seen[j]) {
        seen[j] = 1;
        queue.push(j);
      }
    }
  }
  return queue.length === n;
}

/**
 * Erdős–Rényi connectivity: graphs G(n, p) with p = 1.1 ln n / n (near the connectivity threshold), as flattened
 * symmetric adjacency matrices [count, n²] with zero diagonal; y = +1 iff the graph is connected.
 *
 * @see Cotta et al., NeurIPS 2023, the connectivity task
 */
export function connectivityTask(options: { n: number; count: number; seed: number }): LabelledSet {
  requirePositiveIntegers({ count: options.count });
  if (!Number.isInteger(options.n) || options.n < 2) throw new Error(`n must be an integer >= 2, got ${options.n}`);
  const { n, count } = options;
  const p = (1.1 * Math.log(n)) / n;
  const rng = createRng(options.seed);
  const x = new Float64Array(count * n * n);
  const y = new Float64Array(count);
  for (let g = 0; g < count; g++) {
    const offset = g * n * n;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        if (rng.uniform() < p) x[offset + i * n + j] = x[offset + j * n + i] = 1;
      }
    }
    y[g] = isConnected(x.subarray(offset, offset + n * n), n) ? 1 : -1;
  }
  return { x, y, features: n * n };
}

/**
 * The RLC paper's sphere task ("sin"): x and x' uniform on S^{k-1} with k = d/2, input [x; x'] in R^d, and
 * y = +1 iff sin(π (k + 1)³ ⟨x, x'⟩) < 0 (a Daniely-style depth-separation function). Invariant under rotating
 * x and x' together.
 *
 * @param options - d (even, >= 4), count, seed
 * @see Cotta et al., NeurIPS 2023, the sin task (datasets.py)
 */
export function sphereSinTask(options: { d: number; count: number; seed: number }): LabelledSet {
  const { d, count } = options;
  if (!Number.isInteger(d) || d < 4 || d % 2 !== 0) throw new Error(`d must be an even integer >= 4, got ${d}`);
  requirePositiveIntegers({ count });
  const k = d / 2;
  const rng = createRng(options.seed);
  const x = new Float64Array(count * d);
  const y = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    for (const half of [0, 1]) {
      const point = rng.normalArray(k);
      const norm = Math.hypot(...point);
      for (let j = 0; j < k; j++) x[i * d + half * k + j] = point[j] / norm;
    }
    let dot = 0;
    for (let j = 0; j < k; j++) dot += x[i * d + j] * x[i * d + k + j];
    y[i] = Math.sin(Math.PI * (k + 1) ** 3 * dot) < 0 ? 1 : -1;
  }
  return { x, y, features: d };
}
