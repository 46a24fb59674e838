/**
 * {@link scaleByAdagrad}'s update in float64 over plain arrays, for the fused engines (one step over all
 * coordinates, in place): s ← s + g², then g ← g / (√s + ε). The tensor transformation computes the same formula
 * (tested equal).
 *
 * @param grad - the gradient, replaced by the scaled update
 * @param sumOfSquares - Adagrad's running sum of squares, updated
 * @param eps - ε added to the square root (the transformation's `eps`)
 * @example
 * ```ts
 * const g = Float64Array.of(3), s = Float64Array.of(16);
 * scaleByAdagradFloat64(g, s, 0); // s = [25], g = [0.6]
 * ```
 * @see Duchi, Hazan & Singer, JMLR 2011
 */
export function scaleByAdagradFloat64(grad: Float64Array, sumOfSquares: Float64Array, eps: number): void {
  if (sumOfSquares.length !== grad.length) {
    throw new Error(
      `sumOfSquares must hold ${grad.length} values (one per gradient entry), got ${sumOfSquares.length}`,
    );
  }
  for (let i = 0; i < grad.length; i++) {
    sumOfSquares[i] += grad[i] * grad[i];
    grad[i] /= Math.sqrt(sumOfSquares[i]) + eps;
  }
}
