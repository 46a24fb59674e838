import { createRng, requirePositiveIntegers, type Rng, tf } from '@sgn/tensor';

/** A spherically symmetric law in R^d, given by its radial part (x = R·u with u uniform on the sphere). */
export type RadialLaw =
  | { kind: 'gaussian' }
  | { kind: 'sphere' }
  | { kind: 'ball' }
  | { kind: 'student-t'; nu: number }
  | { kind: 'custom'; sampleRadius: (rng: Rng) => number; name: string };

function checkDimension(d: number): void {
  if (!Number.isInteger(d) || d < 2) throw new Error(`d must be an integer >= 2, got ${d}`);
}

/** Draws one point of the law into `out` (length d). */
function drawPoint(law: RadialLaw, d: number, rng: Rng, out: Float64Array): void {
  let norm = 0;
  for (let j = 0; j < d; j++) {
    out[j] = rng.normal();
    norm += out[j] * out[j];
  }
  if (law.kind === 'gaussian') return;
  norm = Math.sqrt(norm);
  let radius: number;
  if (law.kind === 'sphere') radius = 1;
  else if (law.kind === 'ball') radius = rng.uniform() ** (1 / d);
  else if (law.kind === 'student-t') {
    // multivariate t: a Gaussian divided by sqrt(chi2_nu / nu); its radius is norm * this factor
    let chi = 0;
    for (let k = 0; k < law.nu; k++) chi += rng.normal() ** 2;
    radius = norm / Math.sqrt(chi / law.nu);
  } else radius = law.sampleRadius(rng);
  for (let j = 0; j < d; j++) out[j] = (out[j] / norm) * radius;
}

/** Options of {@link sphericalData}. */
export interface SphericalDataOptions {
  /** The radial law. */
  law: RadialLaw;
  /** Dimension d >= 2. */
  d: number;
  /** Number of points. */
  n: number;
  /** The target direction v (normalized here); labels are y = sgn(vᵀx). */
  v: readonly number[];
  seed: number;
}

function checkLaw(law: RadialLaw): void {
  // the paper's data have a covariance, which the multivariate t has for nu > 2 only
  if (law.kind === 'student-t' && !(Number.isInteger(law.nu) && law.nu >= 3)) {
    throw new Error(`student-t nu must be an integer >= 3 (a covariance needs nu > 2), got ${law.nu}`);
  }
  if (!['gaussian', 'sphere', 'ball', 'student-t', 'custom'].includes(law.kind)) {
    throw new Error(`law must be gaussian, sphere, ball, student-t or custom, got "${(law as { kind: string }).kind}"`);
  }
}

/**
 * Samples a spherically symmetric law with noiseless labels y = sgn(vᵀx) (zero margin), as the directional
 * convergence paper's data model: Gaussian, uniform on the sphere S^{d-1}, uniform in the ball, multivariate
 * Student-t (radial law), or your own radius sampler. Directions are normalized Gaussians from `createRng(seed)`.
 *
 * @param options - law, d, n, v, seed
 * @returns x [n, d] and y [n] in float64 arrays (row-major)
 * @example
 * ```ts
 * const { x, y } = sphericalData({ law: { kind: 'sphere' }, d: 2, n: 1000, v: [0, 1], seed: 0 });
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021, Sec. 1 (the laws on the docs' directional page)
 */
export function sphericalData(options: SphericalDataOptions): { x: Float64Array; y: Float64Array } {
  const { law, d, n, seed } = options;
  checkDimension(d);
  checkLaw(law);
  requirePositiveIntegers({ n });
  const v = unitVector(options.v, d);
  const rng = createRng(seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  const point = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    drawPoint(law, d, rng, point);
    x.set(point, i * d);
    let dot = 0;
    for (let j = 0; j < d; j++) dot += v[j] * point[j];
    y[i] = dot >= 0 ? 1 : -1;
  }
  return { x, y };
}

/** Normalizes v, checking its length against d. */
export function unitVector(v: readonly number[], d: number): Float64Array {
  if (v.length !== d) throw new Error(`v must have length d = ${d}, got ${v.length}`);
  const norm = Math.hypot(...v);
  if (!(norm > 0) || !Number.isFinite(norm))
    throw new Error(`v must be a nonzero finite vector, got (${v.join(', ')})`);
  return Float64Array.from(v, (value) => value / norm);
}

/** Lanczos coefficients (g = 7, n = 9). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Gamma function for positive arguments (Lanczos, g = 7), accurate to ~1e-15 relative. */
export function gammaFunction(z: number): number {
  if (z < 0.5) return Math.PI / (Math.sin(Math.PI * z) * gammaFunction(1 - z));
  return Math.exp(logGamma(z));
}

/**
 * ln Γ(z) for z > 0 (Lanczos, g = 7, nine terms; relative error of Γ ~1e-15), finite where Γ itself overflows
 * (z > 171), so ratios of gamma functions at large arguments are exp of a difference.
 *
 * @param z - the argument, > 0
 * @returns ln Γ(z)
 * @example
 * ```ts
 * logGamma(200) - logGamma(200.5); // ln(Γ(200)/Γ(200.5)), where Γ(200) alone is Infinity
 * ```
 */
export function logGamma(z: number): number {
  if (!(z > 0)) throw new Error(`logGamma needs z > 0, got ${z}`);
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const shifted = z - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (shifted + i);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * c₀ = E‖P x‖ for P the projection on a 2-plane: exact for the Gaussian (√(π/2), any d), the sphere
 * (Γ(3/2)Γ(d/2)/Γ((d+1)/2), which is 1 at d = 2) and the ball (d/(d+1) times the sphere's); Monte Carlo with
 * `samples` draws (standard error reported) otherwise.
 *
 * @param law - the radial law
 * @param d - the dimension
 * @param options - `seed` and `samples` for Monte Carlo (default 200000)
 * @returns c₀ and its standard error (0 when exact)
 * @example
 * ```ts
 * c0({ kind: 'gaussian' }, 5).value; // 1.2533...
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021 (c₀ depends on d for the sphere, a correction the directional page derives)
 */
export function c0(
  law: RadialLaw,
  d: number,
  options: { seed?: number; samples?: number } = {},
): { value: number; standardError: number } {
  checkDimension(d);
  checkLaw(law);
  // in logs: Γ(d/2) overflows past d = 343
  const sphere = Math.exp(logGamma(1.5) + logGamma(d / 2) - logGamma((d + 1) / 2));
  if (law.kind === 'gaussian') return { value: Math.sqrt(Math.PI / 2), standardError: 0 };
  if (law.kind === 'sphere') return { value: sphere, standardError: 0 };
  if (law.kind === 'ball') return { value: (d / (d + 1)) * sphere, standardError: 0 };
  const samples = options.samples ?? 200_000;
  const rng = createRng(options.seed ?? 0);
  const point = new Float64Array(d);
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < samples; i++) {
    drawPoint(law, d, rng, point);
    const r = Math.hypot(point[0], point[1]);
    sum += r;
    sumSq += r * r;
  }
  const mean = sum / samples;
  return { value: mean, standardError: Math.sqrt((sumSq / samples - mean * mean) / samples) };
}

/** Float64 row-major data as tensors: x [n, d] and y [n] (float32). */
export function toTensors(data: { x: Float64Array; y: Float64Array }, d: number): { x: tf.Tensor2D; y: tf.Tensor1D } {
  return { x: tf.tensor2d(Float32Array.from(data.x), [data.y.length, d]), y: tf.tensor1d(Float32Array.from(data.y)) };
}
