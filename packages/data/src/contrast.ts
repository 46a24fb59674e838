import { createRng } from '@sgn/tensor';
import { unitVector } from './spherical.js';

/**
 * A contrast set that is not spherically symmetric: x ~ N(0, diag(scales²)), y = sgn(vᵀx).
 *
 * @param options - scales (length d), v, n, seed
 * @returns x [n, d] and y [n] (float64, row-major)
 * @see Lin, Sun & Zhang, NeurIPS 2021 (the symmetry the theorems need)
 */
export function anisotropicGaussian(options: { scales: readonly number[]; v: readonly number[]; n: number; seed: number }): {
  x: Float64Array;
  y: Float64Array;
} {
  const d = options.scales.length;
  const v = unitVector(options.v, d);
  const rng = createRng(options.seed);
  const x = new Float64Array(options.n * d);
  const y = new Float64Array(options.n);
  for (let i = 0; i < options.n; i++) {
    let dot = 0;
    for (let j = 0; j < d; j++) {
      x[i * d + j] = options.scales[j] * rng.normal();
      dot += v[j] * x[i * d + j];
    }
    y[i] = dot >= 0 ? 1 : -1;
  }
  return { x, y };
}

/**
 * A finite linearly separable set with positive margin whose max-margin direction is v: n/2 Gaussian points,
 * labelled by sgn(vᵀx), those closer than `margin` to the hyperplane vᵀx = 0 pushed out to distance `margin`
 * along v, plus each point's mirror image 2(vᵀx)v - x. The set is invariant under that reflection, which fixes v,
 * so the (unique) max-margin direction is v. On such data GD converges in direction only logarithmically
 * (Soudry et al. 2018).
 *
 * @param options - d, n (even), v, margin > 0, seed
 * @returns x [n, d] and y [n] (float64, row-major)
 */
export function separableSet(options: { d: number; n: number; v: readonly number[]; margin: number; seed: number }): {
  x: Float64Array;
  y: Float64Array;
} {
  const { d, n, margin } = options;
  if (!(margin > 0)) throw new Error(`margin must be > 0, got ${margin}`);
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) throw new Error(`n must be an even integer >= 2, got ${n}`);
  const v = unitVector(options.v, d);
  const rng = createRng(options.seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    let dot = 0;
    for (let j = 0; j < d; j++) {
      x[i * d + j] = rng.normal();
      dot += v[j] * x[i * d + j];
    }
    const label = dot >= 0 ? 1 : -1;
    if (Math.abs(dot) < margin) {
      for (let j = 0; j < d; j++) x[i * d + j] += (label * margin - dot) * v[j];
      dot = label * margin;
    }
    for (let j = 0; j < d; j++) x[(i + 1) * d + j] = 2 * dot * v[j] - x[i * d + j];
    y[i] = label;
    y[i + 1] = label;
  }
  return { x, y };
}
