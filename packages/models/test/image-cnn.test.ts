import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { createRng, tf } from '@sgn/tensor';
import { describeEachBackend, expectClose, expectNoLeak } from '@sgn/tensor/testing';
import { expect, it } from 'vitest';
import {
  applyImageCnn,
  classificationError,
  conv3x3Same,
  initImageCnn,
  initMlp,
  mlpLogits,
  softmaxCrossEntropy,
} from '../src/index.js';

/** A direct 3x3 'same' convolution in float64, written from the definition (no im2col, no tfjs). */
function directConv(x: number[][][][], kernel: number[][], bias: number[]): number[][][][] {
  const [h, w, c] = [x[0].length, x[0][0].length, x[0][0][0].length];
  return x.map((image) =>
    Array.from({ length: h }, (_, i) =>
      Array.from({ length: w }, (_, j) =>
        bias.map((b, o) => {
          let sum = b;
          for (let di = 0; di < 3; di++) {
            for (let dj = 0; dj < 3; dj++) {
              const [r, s] = [i + di - 1, j + dj - 1];
              if (r < 0 || r >= h || s < 0 || s >= w) continue;
              for (let k = 0; k < c; k++) sum += image[r][s][k] * kernel[(3 * di + dj) * c + k][o];
            }
          }
          return sum;
        }),
      ),
    ),
  );
}

const rng = createRng(11);
const nested = (shape: number[]): number[] | number[][] | number[][][] | number[][][][] =>
  shape.length === 1
    ? Array.from({ length: shape[0] }, () => rng.uniform(-1, 1))
    : (Array.from({ length: shape[0] }, () => nested(shape.slice(1))) as number[][]);
const X = nested([2, 5, 4, 3]) as number[][][][];
const K = nested([27, 2]) as number[][];
const B = [0.25, -0.5];

describeEachBackend(['cpu', 'wasm'], 'the image CNN', () => {
  it('conv3x3Same by hand: the centre tap is the identity, the top-left tap shifts the image down-right', () => {
    const image = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const centre = tf.tensor2d([0, 0, 0, 0, 1, 0, 0, 0, 0], [9, 1]);
    const topLeft = tf.tensor2d([1, 0, 0, 0, 0, 0, 0, 0, 0], [9, 1]);
    expectClose(conv3x3Same(image, centre, tf.tensor1d([0])), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // out[i, j] = x[i - 1, j - 1], zero outside: the first row and column are the bias 0.5
    expectClose(conv3x3Same(image, topLeft, tf.tensor1d([0.5])), [0.5, 0.5, 0.5, 0.5, 1.5, 2.5, 0.5, 4.5, 5.5]);
  });

  it('conv3x3Same equals a direct float64 convolution and tfjs conv2d, channels and batch included', () => {
    const x = tf.tensor4d(X);
    const kernel = tf.tensor2d(K);
    const out = conv3x3Same(x, kernel, tf.tensor1d(B));
    expect(out.shape).toEqual([2, 5, 4, 2]);
    expectClose(out, directConv(X, K, B).flat(3), { atol: 1e-5 });
    // tfjs's own kernel: the filter [3, 3, C, C'] is the kernel matrix's rows reshaped (row (3 di + dj) C + c)
    const reference = tf.add(tf.conv2d(x, tf.reshape(kernel, [3, 3, 3, 2]) as tf.Tensor4D, 1, 'same'), tf.tensor1d(B));
    expectClose(out, Array.from(reference.dataSync()), { atol: 1e-5 });
  });

  it('the kernel gradient of conv3x3Same is im2col(x)ᵀ r, by hand (wasm has no Conv2DBackpropFilter)', () => {
    const x = tf.tensor4d(X);
    const weights = nested([2, 5, 4, 2]) as number[][][][];
    const r = tf.tensor4d(weights);
    const grad = tf.grad((kernel: tf.Tensor) =>
      tf.sum(tf.mul(conv3x3Same(x, kernel as tf.Tensor2D, tf.tensor1d(B)), r)),
    )(tf.tensor2d(K));
    const expected: number[] = [];
    for (let di = 0; di < 3; di++) {
      for (let dj = 0; dj < 3; dj++) {
        for (let c = 0; c < 3; c++) {
          for (let o = 0; o < 2; o++) {
            let sum = 0;
            for (let n = 0; n < 2; n++) {
              for (let i = 0; i < 5; i++) {
                for (let j = 0; j < 4; j++) {
                  const [p, q] = [i + di - 1, j + dj - 1];
                  if (p >= 0 && p < 5 && q >= 0 && q < 4) sum += X[n][p][q][c] * weights[n][i][j][o];
                }
              }
            }
            expected.push(sum);
          }
        }
      }
    }
    expectClose(grad, expected, { atol: 1e-5 });
  });

  it('the input and bias gradients of conv3x3Same by hand: dx[n,p,q,c] = Σ r[n, p-di+1, q-dj+1, o] K[(3di+dj)C+c, o]', () => {
    const weights = nested([2, 5, 4, 2]) as number[][][][];
    const r = tf.tensor4d(weights);
    const [dx, db] = tf.grads((x: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv3x3Same(x as tf.Tensor4D, tf.tensor2d(K), b as tf.Tensor1D), r)),
    )([tf.tensor4d(X), tf.tensor1d(B)]);
    const expected: number[] = [];
    for (let n = 0; n < 2; n++) {
      for (let p = 0; p < 5; p++) {
        for (let q = 0; q < 4; q++) {
          for (let c = 0; c < 3; c++) {
            let sum = 0;
            for (let di = 0; di < 3; di++) {
              for (let dj = 0; dj < 3; dj++) {
                const [i, j] = [p - di + 1, q - dj + 1];
                if (i < 0 || i >= 5 || j < 0 || j >= 4) continue;
                for (let o = 0; o < 2; o++) sum += weights[n][i][j][o] * K[(3 * di + dj) * 3 + c][o];
              }
            }
            expected.push(sum);
          }
        }
      }
    }
    expectClose(dx, expected, { atol: 1e-5 });
    const biasGrad = [0, 1].map((o) => weights.flat(2).reduce((s, v) => s + v[o], 0));
    expectClose(db, biasGrad, { atol: 1e-5 });
  });

  it('applyImageCnn: logits [N, classes] from 28 x 28 images, PyTorch-default init bounds, trainable on this backend', async () => {
    const params = initImageCnn({ rows: 28, cols: 28, inChannels: 1, channels: [4, 6], classes: 10, seed: 0 });
    expect(params.conv1.shape).toEqual([9, 4]);
    expect(params.conv2.shape).toEqual([36, 6]);
    expect(params.dense.shape).toEqual([7 * 7 * 6, 10]);
    const bound = (t: tf.Tensor) => Math.max(...Array.from(t.dataSync()).map(Math.abs));
    expect(bound(params.conv1)).toBeLessThanOrEqual(1 / 3);
    expect(bound(params.conv2)).toBeLessThanOrEqual(1 / 6);
    expect(bound(params.dense)).toBeLessThanOrEqual(1 / Math.sqrt(294));
    const images = tf.tensor4d(
      Array.from({ length: 3 * 784 }, (_, k) => (k % 29) / 29),
      [3, 28, 28, 1],
    );
    const labels = tf.tensor1d([1, 7, 3], 'int32');
    expect(applyImageCnn(params, images).shape).toEqual([3, 10]);
    await expectNoLeak(() => {
      const grads = tf.grads((...values: tf.Tensor[]) => {
        const p = Object.fromEntries(Object.keys(params).map((key, i) => [key, values[i]])) as typeof params;
        return softmaxCrossEntropy(applyImageCnn(p, images), labels);
      })(Object.values(params));
      expect(grads.map((g) => g.shape)).toEqual(Object.values(params).map((p) => p.shape));
      expect(grads.every((g) => Array.from(g.dataSync()).some((v) => v !== 0))).toBe(true);
      tf.dispose(grads);
    });
    expect(() => initImageCnn({ rows: 30, cols: 28, inChannels: 1, channels: [4, 6], classes: 10, seed: 0 })).toThrow(
      'rows and cols must be divisible by 4 (two 2x2 poolings), got 30 x 28',
    );
  });

  it('softmaxCrossEntropy and classificationError by hand, ties going to the lowest class', () => {
    const logits = tf.tensor2d([
      [1, 2, 3],
      [0, 0, 0],
      [5, -1, 5],
    ]);
    const labels = tf.tensor1d([2, 1, 0], 'int32');
    const e = Math.E;
    const expected = (Math.log(e + e ** 2 + e ** 3) - 3 + Math.log(3) + Math.log(2 * e ** 5 + e ** -1) - 5) / 3;
    expectClose(softmaxCrossEntropy(logits, labels), [expected], { atol: 1e-6 });
    // argmax: row 1 picks class 0 (tie) against label 1: wrong; row 2 picks 0 (tie with 2): right
    expect(classificationError(logits, labels)).toBeCloseTo(1 / 3, 7);
  });

  it('mlpLogits with outputs 10: relu(x w0 + b0) w1 + b1, by hand', () => {
    const params = initMlp({ features: 3, hidden: 2, outputs: 10, seed: 0 });
    expect(params.w1.shape).toEqual([2, 10]);
    const [w0, b0, w1] = [
      params.w0.arraySync() as number[][],
      params.b0.arraySync() as number[],
      params.w1.arraySync() as number[][],
    ];
    const x = [0.5, -1, 2];
    const hidden = [0, 1].map((k) => Math.max(0, b0[k] + x.reduce((s, xi, i) => s + xi * w0[i][k], 0)));
    const expected = Array.from({ length: 10 }, (_, o) => hidden[0] * w1[0][o] + hidden[1] * w1[1][o]);
    expectClose(mlpLogits(params, tf.tensor2d([x])), expected, { atol: 1e-6 });
  });
});
