import { tf } from '@sgn/tensor';

function pathMagnitudes(v: tf.Tensor, w: tf.Tensor): Float32Array {
  return tf.tidy(() => tf.abs(tf.mul(w.rank === 1 ? v : tf.reshape(v, [-1, 1]), w)).dataSync() as Float32Array);
}

/**
 * Active neurons: those with some path weight |v_k w_{k,i}| above the threshold.
 *
 * @param v - output weights [K]
 * @param w - input weights [K] (1-D net) or [K, d+1]
 * @param threshold - default 1e-6, as the lp paper's experiment (b)
 * @returns the count
 * @see Nakhleh & Nowak, arXiv 2505.21791, problems (3), (9)
 */
export function activeNeurons(v: tf.Tensor, w: tf.Tensor, threshold = 1e-6): number {
  return countActiveRows(pathMagnitudes(v, w), w.rank === 1 ? 1 : (w.shape[1] as number), threshold);
}

/** Rows of `columns` path magnitudes with some entry above the threshold. */
function countActiveRows(path: ArrayLike<number>, columns: number, threshold: number): number {
  let count = 0;
  for (let k = 0; k < path.length / columns; k++) {
    for (let i = 0; i < columns; i++) {
      if (path[k * columns + i] > threshold) {
        count++;
        break;
      }
    }
  }
  return count;
}

/**
 * {@link activeNeurons} of a univariate net held in float64 arrays (the fused engines'): neurons with |v_k w_k| above
 * the threshold. At threshold 0 it counts the unpruned neurons, those Algorithm 1's prox has not set to zero.
 *
 * @param v - output weights [K]
 * @param w - input weights [K]
 * @param threshold - default 1e-6, as {@link activeNeurons}
 * @returns the count
 * @see Nakhleh & Nowak, arXiv 2505.21791, problem (3)
 */
export function activeNeuronsFloat64(v: Float64Array, w: Float64Array, threshold = 1e-6): number {
  return countActiveRows(
    v.map((vk, k) => Math.abs(vk * w[k])),
    1,
    threshold,
  );
}

/**
 * Nonzero path weights: the number of entries |v_k w_{k,i}| above the threshold (the l0 path "norm" (9)).
 *
 * @param v - output weights [K]
 * @param w - input weights [K] or [K, d+1]
 * @param threshold - default 1e-6
 * @returns the count
 * @see Nakhleh & Nowak, arXiv 2505.21791, problem (9)
 */
export function nonzeroPathWeights(v: tf.Tensor, w: tf.Tensor, threshold = 1e-6): number {
  return pathMagnitudes(v, w).reduce((count, value) => count + (value > threshold ? 1 : 0), 0);
}
