import { unitVector } from '@sgn/data';
import { createRng } from '@sgn/tensor';

/** A deep linear network as float64 layers: W_j has shape [widths[j], widths[j-1]], widths[0] = d, last = 1. */
export interface DeepLinearLayers {
  widths: number[];
  /** Row-major layers W_1 ... W_N. */
  layers: Float64Array[];
}

/**
 * The balanced rank-1 initialization of the directional paper: W_N = u_Nᵀ, W_i = u_{i+1} u_iᵀ with unit u's,
 * u_1 = w_e(0)/‖w_e(0)‖, and every layer scaled by ‖w_e(0)‖^{1/N}, so that the end-to-end vector is w_e(0) and
 * W_{j+1}ᵀW_{j+1} = W_j W_jᵀ. Hidden unit vectors are seeded Gaussian directions. Depth 1 is w_e(0) itself.
 *
 * @param options - depth N >= 1, hidden width, w_e(0), seed
 * @returns the layers
 * @see Lin, Sun & Zhang, NeurIPS 2021; Arora, Cohen & Hazan 2018 (balancedness)
 */
export function balancedDeepLinear(options: { depth: number; width: number; w0: readonly number[]; seed: number }): DeepLinearLayers {
  const { depth, width, seed } = options;
  if (!Number.isInteger(depth) || depth < 1) throw new Error(`depth must be a positive integer, got ${depth}`);
  if (!Number.isInteger(width) || width < 1) throw new Error(`width must be a positive integer, got ${width}`);
  const d = options.w0.length;
  const norm = Math.hypot(...options.w0);
  if (!(norm > 0)) throw new Error('w0 must be nonzero');
  const widths = [d, ...Array.from({ length: depth - 1 }, () => width), 1];
  const rng = createRng(seed);
  const units: Float64Array[] = [unitVector(options.w0, d)];
  for (let i = 1; i < depth; i++) units.push(unitVector(Array.from(rng.normalArray(width)), width));
  units.push(Float64Array.of(1));
  const scale = norm ** (1 / depth);
  const layers = units.slice(0, depth).map((u, j) => {
    const next = units[j + 1];
    const layer = new Float64Array(next.length * u.length);
    for (let r = 0; r < next.length; r++) for (let c = 0; c < u.length; c++) layer[r * u.length + c] = scale * next[r] * u[c];
    return layer;
  });
  return { widths, layers };
}

/** w_e = (W_N ⋯ W_1)ᵀ, the end-to-end vector [d]. */
export function endToEnd(net: DeepLinearLayers): Float64Array {
  // row vector times each layer from the top: r = W_N, r ← r W_{N-1}, ...
  let row: Float64Array = Float64Array.from(net.layers[net.layers.length - 1]);
  for (let j = net.layers.length - 2; j >= 0; j--) row = rowTimes(row, net.layers[j], net.widths[j + 1], net.widths[j]);
  return row;
}

function rowTimes(row: Float64Array, layer: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c] += row[r] * layer[r * cols + c];
  return out;
}

function timesColumn(layer: Float64Array, rows: number, cols: number, column: Float64Array): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r] += layer[r * cols + c] * column[c];
  return out;
}

/**
 * One gradient step on all layers given the end-to-end gradient g = ∇L(w_e): ∂L/∂W_j = A_jᵀ (B_j g)ᵀ with
 * A_j = W_N ⋯ W_{j+1} (a row) and B_j = W_{j-1} ⋯ W_1.
 *
 * @param net - the layers, updated in place
 * @param gradient - ∇L at the end-to-end vector [d]
 * @param eta - the step size
 */
export function deepLinearStep(net: DeepLinearLayers, gradient: Float64Array, eta: number): void {
  const depth = net.layers.length;
  // prefixes B_j g: B_1 g = g, B_{j+1} g = W_j (B_j g)
  const below: Float64Array[] = [gradient];
  for (let j = 0; j < depth - 1; j++) below.push(timesColumn(net.layers[j], net.widths[j + 1], net.widths[j], below[j]));
  // suffixes A_j: A_N = [1], A_{j} = A_{j+1} W_{j+1}
  const above: Float64Array[] = new Array(depth);
  above[depth - 1] = Float64Array.of(1);
  for (let j = depth - 2; j >= 0; j--) above[j] = rowTimes(above[j + 1], net.layers[j + 1], net.widths[j + 2], net.widths[j + 1]);
  for (let j = 0; j < depth; j++) {
    const rows = net.widths[j + 1];
    const cols = net.widths[j];
    const layer = net.layers[j];
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) layer[r * cols + c] -= eta * above[j][r] * below[j][c];
  }
}
