import type { DeepLinearLayers } from '@sgn/models';

// The balanced init (balancedDeepLinear) and the layer type live in @sgn/models; this file steps them in float64.

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
  for (let j = 0; j < depth - 1; j++)
    below.push(timesColumn(net.layers[j], net.widths[j + 1], net.widths[j], below[j]));
  // suffixes A_j: A_N = [1], A_{j} = A_{j+1} W_{j+1}
  const above: Float64Array[] = new Array(depth);
  above[depth - 1] = Float64Array.of(1);
  for (let j = depth - 2; j >= 0; j--)
    above[j] = rowTimes(above[j + 1], net.layers[j + 1], net.widths[j + 2], net.widths[j + 1]);
  for (let j = 0; j < depth; j++) {
    const rows = net.widths[j + 1];
    const cols = net.widths[j];
    const layer = net.layers[j];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) layer[r * cols + c] -= eta * above[j][r] * below[j][c];
  }
}
