import { createRng, type Rng } from '@sgn/tensor';

/** A one-hidden-layer sgn network h(x) = sgn(Σ_i w_i sgn(α_iᵀx + β_i)). */
export interface SgnNetwork {
  d: number;
  alpha: Float64Array[];
  beta: Float64Array;
  w: Float64Array;
}

/** A random sgn network with standard normal weights (seeded). */
export function randomSgnNetwork(options: { d: number; units: number; seed: number }): SgnNetwork {
  const rng = createRng(options.seed);
  return {
    d: options.d,
    alpha: Array.from({ length: options.units }, () => rng.normalArray(options.d)),
    beta: rng.normalArray(options.units),
    w: rng.normalArray(options.units),
  };
}

/** Parameters of an sgn network: k(d + 1) hidden plus k output weights. */
export function sgnNetworkParameters(h: SgnNetwork): number {
  return h.alpha.length * (h.d + 2);
}

const sgn = (z: number) => (z > 0 ? 1 : z < 0 ? -1 : 0);

/** Evaluates h(x). */
export function evaluateSgnNetwork(h: SgnNetwork, x: ArrayLike<number>): number {
  let total = 0;
  h.alpha.forEach((a, i) => {
    let z = h.beta[i];
    for (let j = 0; j < h.d; j++) z += a[j] * x[j];
    total += h.w[i] * sgn(z);
  });
  return sgn(total);
}

/**
 * The RLC built from an sgn network by the universality construction: unit i is chosen with probability
 * π_i = |w_i|/‖w‖₁ and gives (a, b) = sgn(w_i)(α_i, β_i). As a network of u ~ U[0, 1] with sgn units,
 * f(u) = v_1 + Σ_{j<k} (v_{j+1} - v_j)(1 + sgn(u - t_j))/2 with t_j = π_1 + ... + π_j.
 */
export interface ConstructedRlc {
  /** The k vectors v_i = sgn(w_i)(α_i, β_i), each of length d + 1. */
  v: Float64Array[];
  /** The k - 1 thresholds t_j. */
  thresholds: Float64Array;
  d: number;
}

/**
 * Builds the RLC of the universality construction from an sgn network.
 *
 * @param h - the deterministic network
 * @returns the RLC; its limit classifier equals h wherever h's sum is nonzero
 * @see Cotta et al., NeurIPS 2023, the universality theorem (the construction as reconstructed on the docs' RLC page)
 */
export function constructRlc(h: SgnNetwork): ConstructedRlc {
  const l1 = h.w.reduce((s, w) => s + Math.abs(w), 0);
  const v = h.alpha.map((a, i) => {
    const s = sgn(h.w[i]);
    return Float64Array.from([...a, h.beta[i]], (value) => s * value);
  });
  const thresholds = new Float64Array(h.w.length - 1);
  let cumulative = 0;
  for (let j = 0; j < thresholds.length; j++) thresholds[j] = cumulative += Math.abs(h.w[j]) / l1;
  return { v, thresholds, d: h.d };
}

/**
 * The parameter count of the constructed RLC: k(d + 1) for the v's and k - 1 thresholds, i.e. p - 1 for an sgn
 * network with p = k(d + 2) parameters (so at most p + O(1), with the O(1) here equal to 0).
 */
export function constructedRlcParameters(rlc: ConstructedRlc): number {
  return rlc.v.length * (rlc.d + 1) + rlc.thresholds.length;
}

/** One random (a, b) of the constructed RLC from u ~ U[0, 1], by the sgn-unit formula f(u). */
export function sampleConstructed(rlc: ConstructedRlc, u: number): Float64Array {
  const out = Float64Array.from(rlc.v[0]);
  rlc.thresholds.forEach((t, j) => {
    const step = (1 + sgn(u - t)) / 2;
    if (step !== 0) for (let c = 0; c < out.length; c++) out[c] += step * (rlc.v[j + 1][c] - rlc.v[j][c]);
  });
  return out;
}

/** One random prediction sgn(aᵀx + b) of the constructed RLC. */
export function predictOnce(rlc: ConstructedRlc, x: ArrayLike<number>, rng: Rng): number {
  const ab = sampleConstructed(rlc, rng.uniform());
  let z = ab[rlc.d];
  for (let j = 0; j < rlc.d; j++) z += ab[j] * x[j];
  return sgn(z);
}

/**
 * The exact probability p(x) that one random prediction equals the limit classifier F(x), and F(x):
 * E sgn(aᵀx + b) = Σ_i π_i sgn(v_iᵀ[x; 1]), F = its sign, p = (1 + |E|)/2.
 */
export function constructedMargin(
  rlc: ConstructedRlc,
  x: ArrayLike<number>,
): { limit: number; p: number; gamma: number } {
  let previous = 0;
  let mean = 0;
  rlc.v.forEach((vi, i) => {
    const t = i < rlc.thresholds.length ? rlc.thresholds[i] : 1;
    const weight = t - previous;
    previous = t;
    let z = vi[rlc.d];
    for (let j = 0; j < rlc.d; j++) z += vi[j] * x[j];
    mean += weight * sgn(z);
  });
  return { limit: sgn(mean), p: (1 + Math.abs(mean)) / 2, gamma: Math.abs(mean) };
}
