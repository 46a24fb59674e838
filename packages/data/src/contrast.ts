import { createRng } from '@sgn/tensor';
import { unitVector } from './spherical.js';

/**
 * A contrast set that is not spherically symmetric: x ~ N(0, diag(scales²)), y = sgn(vᵀx).
 *
 * @param options - scales (length d), v, n, seed
 * @returns x [n, d] and y [n] (float64, row-major)
 * @see Lin, Sun & Zhang, NeurIPS 2021 (the symmetry the theorems need)
 */
export function anisotropicGaussian(options: {
  scales: readonly number[];
  v: readonly number[];
  n: number;
  seed: number;
}): {
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
 * A finite linearly separable set with positive margin: Gaussian points labelled by sgn(vᵀx), those closer than
 * `margin` to the hyperplane vᵀx = 0 pushed out to distance `margin` along v. With `symmetric`, n/2 points plus
 * each one's mirror image 2(vᵀx)v - x, so that the max-margin direction is v itself. Without it, the max-margin
 * direction is near but not equal to v (see `maxMarginDirection2d`); on such generic data GD converges in
 * direction only logarithmically (Soudry et al. 2018).
 *
 * @param options - d, n (even), v, margin > 0, seed, symmetric (default false)
 * @returns x [n, d] and y [n] (float64, row-major)
 */
export function separableSet(options: {
  d: number;
  n: number;
  v: readonly number[];
  margin: number;
  seed: number;
  symmetric?: boolean;
}): {
  x: Float64Array;
  y: Float64Array;
} {
  const { d, n, margin } = options;
  const symmetric = options.symmetric ?? false;
  if (!(margin > 0)) throw new Error(`margin must be > 0, got ${margin}`);
  if (!Number.isInteger(n) || n < 2 || (symmetric && n % 2 !== 0)) {
    throw new Error(`n must be an integer >= 2${symmetric ? ' and even' : ''}, got ${n}`);
  }
  const v = unitVector(options.v, d);
  const rng = createRng(options.seed);
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  let i = 0;
  while (i < n) {
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
    y[i] = label;
    if (symmetric) {
      for (let j = 0; j < d; j++) x[(i + 1) * d + j] = 2 * dot * v[j] - x[i * d + j];
      y[i + 1] = label;
    }
    i += symmetric ? 2 : 1;
  }
  return { x, y };
}

/**
 * The max-margin direction through the origin of a separable 2-D set: the unit u maximizing min_i y_i uᵀx_i. That
 * minimum is concave on the arc where it is positive, so a grid search refined by ternary search finds it.
 *
 * @param x - points [n, 2] row-major
 * @param y - labels ±1
 * @returns the unit direction and its margin
 * @throws when the set is not separable through the origin
 */
export function maxMarginDirection2d(
  x: Float64Array,
  y: Float64Array,
): { direction: [number, number]; margin: number } {
  const margin = (alpha: number) => {
    const c = Math.cos(alpha);
    const s = Math.sin(alpha);
    let min = Number.POSITIVE_INFINITY;
    for (let i = 0; i < y.length; i++) min = Math.min(min, y[i] * (c * x[2 * i] + s * x[2 * i + 1]));
    return min;
  };
  let best = 0;
  const grid = 20_000;
  for (let k = 1; k < grid; k++) if (margin((2 * Math.PI * k) / grid) > margin((2 * Math.PI * best) / grid)) best = k;
  let low = (2 * Math.PI * (best - 1)) / grid;
  let high = (2 * Math.PI * (best + 1)) / grid;
  for (let k = 0; k < 200; k++) {
    const a = low + (high - low) / 3;
    const b = high - (high - low) / 3;
    if (margin(a) < margin(b)) low = a;
    else high = b;
  }
  const alpha = (low + high) / 2;
  const value = margin(alpha);
  if (!(value > 0)) throw new Error('the set is not linearly separable through the origin');
  return { direction: [Math.cos(alpha), Math.sin(alpha)], margin: value };
}
