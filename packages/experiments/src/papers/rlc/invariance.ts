import { connectivityTask } from '@sgn/data';
import { rlcScores, type RlcConfig, type RlcParams } from '@sgn/models';
import { createRng, streamSeed, tf, type Rng } from '@sgn/tensor';
import { fisherCombined, ksTwoSample } from '@sgn/theory';

/** An input x and its transform g·x, as the RLC's features. */
export type InputPair = readonly [readonly number[], readonly number[]];

/** What {@link invarianceTest} measured. */
export interface InvarianceResult {
  /** Fisher's combination of the per-pair KS p-values. */
  pValue: number;
  /** The pair whose score distributions differ most: its KS statistic D and p-value. */
  worst: { index: number; statistic: number; pValue: number };
}

/** `draws` raw scores c1 aᵀx - c2 b of one input, each from its own noise draw. */
function scoresOf(
  params: RlcParams,
  config: RlcConfig,
  x: readonly number[],
  draws: number,
  seed: number,
): Float32Array {
  return tf.tidy(() =>
    rlcScores(params, config, tf.tensor2d([Array.from(x)]), draws, createRng(seed)).dataSync(),
  ) as Float32Array;
}

/**
 * Invariance in probability as a test: for each pair (x, g·x) the two-sample KS test compares the distribution of
 * the raw score c1 aᵀx - c2 b on x with that on g·x (`draws` independent draws each, from separate named streams),
 * and Fisher's method combines the pairs' p-values. An invariant RLC gives a uniform p-value; a non-invariant one,
 * across many inputs and transforms, a small one.
 *
 * @param params - the RLC
 * @param config - its kind and sizes
 * @param pairs - inputs and their transforms
 * @param draws - draws per input
 * @param seed - names the draws' streams
 * @see Cotta et al., NeurIPS 2023 (invariance in probability: sgn(aᵀ ρ(g) x + b) distributed as sgn(aᵀx + b))
 */
export function invarianceTest(
  params: RlcParams,
  config: RlcConfig,
  pairs: readonly InputPair[],
  draws: number,
  seed: number,
): InvarianceResult {
  const tests = pairs.map(([x, gx], i) =>
    ksTwoSample(
      scoresOf(params, config, x, draws, streamSeed(seed, `x-${i}`)),
      scoresOf(params, config, gx, draws, streamSeed(seed, `gx-${i}`)),
    ),
  );
  let index = 0;
  for (let i = 1; i < tests.length; i++) if (tests[i].pValue < tests[index].pValue) index = i;
  return { pValue: fisherCombined(tests.map((t) => t.pValue)), worst: { index, ...tests[index] } };
}

/** A set of n values permuted: (g·x)_i = x_π(i). */
const permute = (x: readonly number[], perm: readonly number[]) => perm.map((j) => x[j]);

/**
 * Sets of size n and random permutations of them: half drawn N(0, 1), half a single spike of 3 on zeros (where
 * moving one entry moves the whole score).
 */
export function setPairs(n: number, count: number, rng: Rng): InputPair[] {
  return Array.from({ length: count }, (_, k) => {
    const x = k % 2 === 0 ? Array.from(rng.normalArray(n)) : Array.from({ length: n }, (_, i) => (i === k % n ? 3 : 0));
    return [x, permute(x, rng.shuffle(Array.from({ length: n }, (_, i) => i)))] as const;
  });
}

/** An n-node adjacency matrix's upper triangle with diagonal, the RGraphC's features. */
function upperTriangle(adjacency: ArrayLike<number>, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push(adjacency[i * n + j]);
  return out;
}

/**
 * Graphs on n nodes and random relabellings: half Erdős–Rényi graphs of the connectivity task, half stars (whose
 * centre a relabelling moves).
 */
export function graphPairs(n: number, count: number, rng: Rng, seed: number): InputPair[] {
  const random = connectivityTask({ n, count, seed: streamSeed(seed, 'graphs') }).x;
  return Array.from({ length: count }, (_, k) => {
    const adjacency = new Float64Array(n * n);
    if (k % 2 === 0) adjacency.set(random.subarray(k * n * n, (k + 1) * n * n));
    else for (let j = 0; j < n; j++) if (j !== k % n) adjacency[(k % n) * n + j] = adjacency[j * n + (k % n)] = 1;
    const perm = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    const relabelled = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) relabelled[perm[i] * n + perm[j]] = adjacency[i * n + j];
    return [upperTriangle(adjacency, n), upperTriangle(relabelled, n)] as const;
  });
}

/** A Haar-random rotation of R^d (Gram–Schmidt on Gaussian vectors), as rows. */
export function randomRotation(d: number, rng: Rng): number[][] {
  const rows: number[][] = [];
  while (rows.length < d) {
    let v = Array.from(rng.normalArray(d));
    for (const r of rows) {
      const dot = r.reduce((s, value, j) => s + value * v[j], 0);
      v = v.map((value, j) => value - dot * r[j]);
    }
    const norm = Math.hypot(...v);
    rows.push(v.map((value) => value / norm));
  }
  return rows;
}

/** Points of R^d and random rotations of them: half Gaussian, half on a coordinate axis (length 2). */
export function spherePairs(d: number, count: number, rng: Rng): InputPair[] {
  return Array.from({ length: count }, (_, k) => {
    const x = k % 2 === 0 ? Array.from(rng.normalArray(d)) : Array.from({ length: d }, (_, i) => (i === k % d ? 2 : 0));
    const rotation = randomRotation(d, rng);
    return [x, rotation.map((row) => row.reduce((s, value, j) => s + value * x[j], 0))] as const;
  });
}

/**
 * The slightly non-invariant control: an RSetC whose a_i is scaled by 1 + 0.1 i/(n - 1) reads position, and its
 * score on x is the RSetC's on s ⊙ x.
 */
export function positionScaled(pairs: readonly InputPair[]): InputPair[] {
  const scale = (x: readonly number[]) => x.map((v, i) => v * (1 + (0.1 * i) / (x.length - 1)));
  return pairs.map(([x, gx]) => [scale(x), scale(gx)] as const);
}
