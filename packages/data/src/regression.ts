import { createRng, requirePositiveIntegers, tf } from '@sgn/tensor';

/** Options of {@link randomRegression}. */
export interface RandomRegressionOptions {
  /** Number of examples N. */
  n: number;
  /** Input dimension d. */
  d: number;
  /** Seeds the draw. */
  seed: number;
}

/**
 * Random regression data as in the lp paper's experiment (b): x_i ~ U[-1, 1]^d and y_i ~ U[-1, 1], drawn from
 * `createRng(seed)` (first all of x row by row, then y).
 *
 * @param options - n, d, seed
 * @returns `x` of shape [n, d] and `y` of shape [n] (float32; the caller owns them)
 * @example
 * ```ts
 * const { x, y } = randomRegression({ n: 10, d: 50, seed: 0 });
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, experiment (b)
 */
export function randomRegression(options: RandomRegressionOptions): { x: tf.Tensor2D; y: tf.Tensor1D } {
  const { n, d, seed } = options;
  requirePositiveIntegers({ n, d });
  const rng = createRng(seed);
  const x = Float32Array.from(rng.uniformArray(n * d, -1, 1));
  const y = Float32Array.from(rng.uniformArray(n, -1, 1));
  return { x: tf.tensor2d(x, [n, d]), y: tf.tensor1d(y) };
}
