import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '../rng.js';

/** One backend conformance case: `run` computes on the active backend, `expected` was derived by hand or in float64. */
export interface ConformanceCase {
  /** What is checked. */
  name: string;
  /** Computes the case on the active backend and returns the numbers (flattened). Leaves no tensors behind. */
  run(): number[];
  /** The independently derived answer. */
  expected: number[];
  /** Absolute tolerance against `expected` (float32 arithmetic). */
  atol: number;
}

/** Float64 row-major matmul, the reference for the random matmul case. */
function referenceMatMul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): number[] {
  const out: number[] = new Array(n * m).fill(0);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += a[i * k + l] * b[l * m + j];
      out[i * m + j] = sum;
    }
  }
  return out;
}

const randomA = createRng(7).normalArray(32 * 48);
const randomB = createRng(8).normalArray(48 * 16);

/**
 * The backend conformance suite: the ops every sgn package relies on, each with an answer derived independently
 * (by hand, or in float64 JavaScript for the random matmul). Run it on any backend; the webgl run happens in a
 * real browser.
 *
 * @example
 * ```ts
 * for (const c of conformanceCases) expectClose(c.run(), c.expected, { atol: c.atol, label: c.name });
 * ```
 */
export const conformanceCases: readonly ConformanceCase[] = [
  {
    name: 'matmul 2x3 by 3x2',
    run: () =>
      tf.tidy(() =>
        Array.from(
          tf
            .matMul(
              tf.tensor2d([
                [1, 2, 3],
                [4, 5, 6],
              ]),
              tf.tensor2d([
                [7, 8],
                [9, 10],
                [11, 12],
              ]),
            )
            .dataSync(),
        ),
      ),
    expected: [58, 64, 139, 154],
    atol: 1e-5,
  },
  {
    name: 'matmul 32x48 by 48x16, random normal',
    run: () =>
      tf.tidy(() =>
        Array.from(
          tf
            .matMul(
              tf.tensor2d(Float32Array.from(randomA), [32, 48]),
              tf.tensor2d(Float32Array.from(randomB), [48, 16]),
            )
            .dataSync(),
        ),
      ),
    // float32 inputs round the float64 draws, so compare at float32 precision of a 48-term sum
    expected: referenceMatMul(
      Float64Array.from(Float32Array.from(randomA)),
      Float64Array.from(Float32Array.from(randomB)),
      32,
      48,
      16,
    ),
    atol: 1e-4,
  },
  {
    name: 'broadcasting add [2,3] + [3]',
    run: () =>
      tf.tidy(() =>
        Array.from(
          tf
            .add(
              tf.tensor2d([
                [1, 2, 3],
                [4, 5, 6],
              ]),
              tf.tensor1d([10, 20, 30]),
            )
            .dataSync(),
        ),
      ),
    expected: [11, 22, 33, 14, 25, 36],
    atol: 1e-6,
  },
  {
    name: 'relu',
    run: () => tf.tidy(() => Array.from(tf.relu(tf.tensor1d([-2, -0.5, 0, 0.5, 2])).dataSync())),
    expected: [0, 0, 0, 0.5, 2],
    atol: 1e-6,
  },
  {
    name: 'pow: integer and fractional exponents',
    run: () =>
      tf.tidy(() => [
        ...Array.from(tf.pow(tf.tensor1d([1, 2, 3, -2]), tf.scalar(3)).dataSync()),
        ...Array.from(tf.pow(tf.tensor1d([4, 9, 0.25]), tf.scalar(0.5)).dataSync()),
      ]),
    expected: [1, 8, 27, -8, 2, 3, 0.5],
    atol: 1e-5,
  },
  {
    name: 'sign',
    run: () => tf.tidy(() => Array.from(tf.sign(tf.tensor1d([-3, 0, 2.5, -1e-3])).dataSync())),
    expected: [-1, 0, 1, -1],
    atol: 0,
  },
  {
    name: 'sum over axis 0, full sum and mean',
    run: () =>
      tf.tidy(() => {
        const x = tf.tensor2d([
          [1, 2],
          [3, 4],
        ]);
        return [...Array.from(tf.sum(x, 0).dataSync()), tf.sum(x).dataSync()[0], tf.mean(x).dataSync()[0]];
      }),
    expected: [4, 6, 10, 2.5],
    atol: 1e-6,
  },
  {
    name: 'grad of sum(x^3) is 3x^2',
    run: () =>
      tf.tidy(() =>
        Array.from(
          tf
            .grad((x: tf.Tensor) => tf.sum(tf.pow(x, 3)))(tf.tensor1d([1, 2, -1]))
            .dataSync(),
        ),
      ),
    expected: [3, 12, 3],
    atol: 1e-5,
  },
  {
    // loss = mean((Xw - y)^2): Xw = (-1.5, -2.5), residual (-2.5, -2.5), loss 6.25, gradient (2/2) X^T r = (-10, -15)
    name: 'variableGrads of a least-squares loss',
    run: () => {
      const w = tf.tidy(() => tf.variable(tf.tensor1d([0.5, -1]))); // tidy frees the initial value
      try {
        return tf.tidy(() => {
          const x = tf.tensor2d([
            [1, 2],
            [3, 4],
          ]);
          const y = tf.tensor1d([1, 0]);
          const { value, grads } = tf.variableGrads(
            () => tf.mean(tf.square(tf.sub(tf.squeeze(tf.matMul(x, tf.reshape(w, [2, 1]))), y))) as tf.Scalar,
          );
          return [value.dataSync()[0], ...Array.from(grads[w.name].dataSync())];
        });
      } finally {
        w.dispose();
      }
    },
    expected: [6.25, -10, -15],
    atol: 1e-5,
  },
];

/**
 * Runs every conformance case on the active backend.
 *
 * @returns for each case its name and the numbers it produced
 */
export function runConformance(): { name: string; values: number[] }[] {
  return conformanceCases.map((c) => ({ name: c.name, values: c.run() }));
}
