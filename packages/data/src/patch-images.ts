import { createRng, requirePositiveIntegers } from '@sgn/tensor';

/** Options of {@link patchImages}. */
export interface PatchImagesOptions {
  /** Number of examples. */
  n: number;
  /** Patch dimension d (each example is two patches in R^d). */
  d: number;
  /** Noise sparsity s: coordinates drawn from [d] \ {1}. */
  s: number;
  /** Noise standard deviation σ_p. */
  sigmaP: number;
  /** Feature-noise strength α: the noise patch gets -α y on coordinate 1. */
  alpha: number;
  seed: number;
  /** Exactly n/2 positive labels, in random order (default false: Rademacher). */
  balanced?: boolean;
  /**
   * 'sparse' (Definition 3.1, default) or 'gaussian': the earlier model's dense noise N(0, σ_p²(I - e1e1ᵀ)) with
   * the same feature noise.
   */
  noise?: 'sparse' | 'gaussian';
}

/**
 * Patch images as sparse rows: each example is (y, which patch holds the signal, the noise patch's support and
 * values). The signal patch is y·e1; the noise patch ξ has N(0, σ_p²) entries on its support (coordinates other
 * than the first, 0-based index 0) and ξ[0] = -α y.
 */
export interface PatchImages {
  n: number;
  d: number;
  /** Labels ±1. */
  y: Float64Array;
  /** 0 or 1: the patch that holds y·e1 (the other holds ξ). */
  signalPatch: Uint8Array;
  /** Noise support per example (0-based coordinates in 1..d-1), concatenated; example i owns [offsets[i], offsets[i+1]). */
  support: Int32Array;
  values: Float64Array;
  offsets: Int32Array;
  alpha: number;
}

/**
 * The stochastic-Adam paper's data (Definition 3.1): two patches, the signal y·e1 in a random one, the other an
 * s-sparse Gaussian noise patch carrying the feature noise -α y e1. Drawn from `createRng(seed)`.
 *
 * @param options - n, d, s, σ_p, α, seed, balanced, noise model
 * @returns the sparse examples
 * @example
 * ```ts
 * const train = patchImages({ n: 200, d: 1000, s: 100, sigmaP: 0.1, alpha: 0.2, seed: 0 });
 * ```
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Definition 3.1
 */
export function patchImages(options: PatchImagesOptions): PatchImages {
  const { n, d, s, sigmaP, alpha } = options;
  requirePositiveIntegers({ n, d, s });
  if (d < 2) throw new Error(`d must be at least 2, got ${d}`);
  if (s > d - 1) throw new Error(`s must be at most d - 1 = ${d - 1}, got ${s}`);
  if (!(sigmaP >= 0)) throw new Error(`sigmaP must be >= 0, got ${sigmaP}`);
  if (!(alpha >= 0 && alpha < 1)) throw new Error(`alpha must be in [0, 1), got ${alpha}`);
  const noise = options.noise ?? 'sparse';
  if (noise !== 'sparse' && noise !== 'gaussian')
    throw new Error(`noise must be sparse or gaussian, got "${noise as string}"`);
  const rng = createRng(options.seed);
  const y = new Float64Array(n);
  if (options.balanced) {
    const labels = rng.shuffle(Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : -1)));
    y.set(labels);
  } else for (let i = 0; i < n; i++) y[i] = rng.uniform() < 0.5 ? 1 : -1;
  const signalPatch = new Uint8Array(n);
  const perExample = noise === 'sparse' ? s : d - 1;
  const support = new Int32Array(n * perExample);
  const values = new Float64Array(n * perExample);
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    signalPatch[i] = rng.uniform() < 0.5 ? 0 : 1;
    const coordinates =
      noise === 'sparse'
        ? rng
            .choice(d - 1, s)
            .map((c) => c + 1)
            .sort((a, b) => a - b)
        : Array.from({ length: d - 1 }, (_, c) => c + 1);
    coordinates.forEach((c, k) => {
      support[i * perExample + k] = c;
      values[i * perExample + k] = rng.normal(0, sigmaP);
    });
    offsets[i + 1] = (i + 1) * perExample;
  }
  return { n, d, y, signalPatch, support, values, offsets, alpha };
}

/**
 * The examples as a dense array [n, 2, d] (row-major), e.g. to build tensors for the tensor path.
 *
 * @param data - sparse patch images
 * @returns a Float32Array of length n·2·d
 */
export function densePatchImages(data: PatchImages): Float32Array {
  const { n, d } = data;
  const out = new Float32Array(n * 2 * d);
  for (let i = 0; i < n; i++) {
    const signal = data.signalPatch[i];
    out[(i * 2 + signal) * d] = data.y[i];
    const noiseRow = (i * 2 + (1 - signal)) * d;
    out[noiseRow] = -data.alpha * data.y[i];
    for (let k = data.offsets[i]; k < data.offsets[i + 1]; k++) out[noiseRow + data.support[k]] = data.values[k];
  }
  return out;
}

/** How many noise supports overlap: the number of coordinates used by two or more examples, and n·s / d. */
export function supportOverlap(data: PatchImages): { sharedCoordinates: number; load: number } {
  const counts = new Uint16Array(data.d);
  for (const c of data.support) counts[c]++;
  let shared = 0;
  for (const count of counts) if (count > 1) shared++;
  return { sharedCoordinates: shared, load: data.support.length / data.d };
}
