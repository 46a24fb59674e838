import { checkOptions, type ReweightedL1Options } from './prox.js';

/**
 * Below this path size the shrink max(path - scale·path^{p-1}, 0) is 0: it is zero exactly when
 * path^{2-p} <= scale, i.e. path <= scale^{1/(2-p)}. One part in a million below that bound the computed difference is
 * negative whatever the rounding, so the loops skip the power there (a pruned network's many small paths) and give
 * the same numbers as evaluating it.
 *
 * @param scale - λγp
 * @param p - the quasinorm's p in (0, 1]
 * @returns the path size below which the shrink is 0
 */
export function shrinkCut(scale: number, p: number): number {
  return scale ** (1 / (2 - p)) * (1 - 1e-6);
}

/**
 * {@link proxReweightedL1Univariate} in float64, in place, for the fused engines: the same arithmetic in the same
 * order (threshold λγp |v_k w_k|^{p-1}, u_k = max(|v_k w_k| - threshold, 0), v_k ← sgn(v_k)√u_k,
 * w_k ← sgn(w_k)√u_k, b_k ← b_k √u_k/|w_k|; a pruned neuron stays at 0).
 *
 * @param v - output weights [K], updated
 * @param w - input weights [K], updated
 * @param b - biases [K], updated
 * @param options - λ, step γ, p
 * @example
 * ```ts
 * proxReweightedL1UnivariateFloat64(v, w, b, { lambda: 0.003, step: 0.01, p: 0.4 });
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export function proxReweightedL1UnivariateFloat64(
  v: Float64Array,
  w: Float64Array,
  b: Float64Array,
  options: ReweightedL1Options,
): void {
  checkOptions(options);
  const { lambda, step, p } = options;
  const scale = lambda * step * p;
  const cut = shrinkCut(scale, p);
  for (let k = 0; k < v.length; k++) {
    const path = Math.abs(v[k] * w[k]);
    const shrunk = path > 0 && path >= cut ? Math.max(path - scale * path ** (p - 1), 0) : 0;
    const root = Math.sqrt(shrunk);
    const absW = Math.abs(w[k]);
    b[k] = absW > 0 ? b[k] * (root / absW) : 0;
    v[k] = Math.sign(v[k]) * root;
    w[k] = Math.sign(w[k]) * root;
  }
}

/**
 * {@link proxReweightedL1} in float64, in place, for the fused engines: C_{k,i} = λγp |v_k w_{k,i}|^{p-1},
 * u_{k,i} = max(|v_k w_{k,i}| - C_{k,i}, 0), v_k ← sgn(v_k) ‖u_k‖^{1/2}, w_{k,i} ← sgn(w_{k,i}) u_{k,i}/‖u_k‖^{1/2}.
 *
 * @param v - output weights [K], updated
 * @param w - input weights [K, D] row-major (bias column included), updated
 * @param options - λ, step γ, p
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export function proxReweightedL1Float64(v: Float64Array, w: Float64Array, options: ReweightedL1Options): void {
  checkOptions(options);
  const { lambda, step, p } = options;
  const scale = lambda * step * p;
  const D = w.length / v.length;
  if (!Number.isInteger(D)) throw new Error(`w must hold K·D values for K = ${v.length} neurons, got ${w.length}`);
  const shrunk = new Float64Array(D);
  const cut = shrinkCut(scale, p);
  for (let k = 0; k < v.length; k++) {
    const row = k * D;
    let normSquared = 0;
    for (let j = 0; j < D; j++) {
      const path = Math.abs(v[k] * w[row + j]);
      shrunk[j] = path > 0 && path >= cut ? Math.max(path - scale * path ** (p - 1), 0) : 0;
      normSquared += shrunk[j] * shrunk[j];
    }
    const root = Math.sqrt(Math.sqrt(normSquared));
    v[k] = Math.sign(v[k]) * root;
    for (let j = 0; j < D; j++) w[row + j] = root > 0 ? (Math.sign(w[row + j]) * shrunk[j]) / root : 0;
  }
}
