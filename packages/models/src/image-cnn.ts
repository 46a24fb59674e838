import { createRng, requirePositiveIntegers, tf, uniformTensor } from '@sgn/tensor';

/**
 * Parameters of a small image CNN: two 3x3 'same' convolutions (stride 1) with ReLU, each followed by 2x2 max
 * pooling, then a dense layer to the class logits. Each convolution's kernel is stored as the matrix
 * `[9 * inChannels, outChannels]` whose row `(3 di + dj) * inChannels + c` weights input channel c at offset
 * (di - 1, dj - 1): the im2col layout the forward pass multiplies by.
 */
export interface ImageCnnParams {
  [name: string]: tf.Tensor;
  conv1: tf.Tensor2D;
  bias1: tf.Tensor1D;
  conv2: tf.Tensor2D;
  bias2: tf.Tensor1D;
  dense: tf.Tensor2D;
  biasDense: tf.Tensor1D;
}

/** Shape of an {@link ImageCnnParams}: image size, channels and classes. */
export interface ImageCnnConfig {
  /** Image height and width (each divisible by 4: two 2x2 poolings). */
  readonly rows: number;
  readonly cols: number;
  /** Input channels (1 for grey images). */
  readonly inChannels: number;
  /** Output channels of the two convolutions. */
  readonly channels: readonly [number, number];
  /** Number of classes (logits). */
  readonly classes: number;
}

/**
 * Initializes the small CNN like PyTorch's default Conv2d and Linear layers: every weight and bias
 * ~ U[-1/√fan_in, 1/√fan_in], fan_in = 9 x input channels for a convolution and the flattened size for the dense
 * layer, drawn in the order conv1, bias1, conv2, bias2, dense, biasDense from `createRng(seed)`.
 *
 * @example
 * ```ts
 * const params = initImageCnn({ rows: 28, cols: 28, inChannels: 1, channels: [8, 16], classes: 10, seed: 0 });
 * ```
 */
export function initImageCnn(options: ImageCnnConfig & { seed: number }): ImageCnnParams {
  const { rows, cols, inChannels, channels, classes, seed } = options;
  requirePositiveIntegers({ rows, cols, inChannels, channels1: channels[0], channels2: channels[1], classes });
  if (rows % 4 !== 0 || cols % 4 !== 0) {
    throw new Error(`rows and cols must be divisible by 4 (two 2x2 poolings), got ${rows} x ${cols}`);
  }
  const rng = createRng(seed);
  const layer = (fanIn: number, shape: number[]) =>
    uniformTensor(rng, shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn));
  const flat = (rows / 4) * (cols / 4) * channels[1];
  return {
    conv1: layer(9 * inChannels, [9 * inChannels, channels[0]]) as tf.Tensor2D,
    bias1: layer(9 * inChannels, [channels[0]]) as tf.Tensor1D,
    conv2: layer(9 * channels[0], [9 * channels[0], channels[1]]) as tf.Tensor2D,
    bias2: layer(9 * channels[0], [channels[1]]) as tf.Tensor1D,
    dense: layer(flat, [flat, classes]) as tf.Tensor2D,
    biasDense: layer(flat, [classes]) as tf.Tensor1D,
  };
}

/**
 * A 3x3 'same' convolution (zero padding 1, stride 1) plus bias:
 * out[n, i, j, o] = bias[o] + Σ_{di, dj, c} x[n, i + di - 1, j + dj - 1, c] kernel[(3 di + dj) C + c, o], x zero
 * outside the image. The forward pass is tfjs's conv2d; the gradient is written out as two more forward
 * convolutions, so that every backend computes it with its fast conv2d (tfjs-backend-wasm has no
 * Conv2DBackpropFilter kernel, and its Conv2DBackpropInput is ~10x slower than its conv2d):
 * - input: dx = conv2d_same(dy, F), F[a, b, o, c] = K[2 - a, 2 - b, c, o] (the kernel turned by 180°, channels
 *   swapped);
 * - kernel: dK[di, dj, c, o] = Σ_{n, i, j} x_pad[n, di + i, dj + j, c] dy[n, i, j, o], a valid convolution of
 *   x_pad with channels and batch swapped ([C, H+2, W+2, N]) by dy as the filter ([H, W, N, O]);
 * - bias: the sum of dy over n, i, j.
 *
 * @param x - images [N, H, W, C]
 * @param kernel - [9 C, C'] (see {@link ImageCnnParams})
 * @param bias - [C']
 * @returns [N, H, W, C']
 */
export function conv3x3Same(x: tf.Tensor4D, kernel: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor4D {
  const c = x.shape[3];
  if (kernel.shape[0] !== 9 * c)
    throw new Error(`kernel must have ${9 * c} rows for ${c} channels, got ${kernel.shape[0]}`);
  return convWithGradient(x, kernel, bias) as tf.Tensor4D;
}

const convWithGradient = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, kernel, bias, save] = args as [tf.Tensor4D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
  const [, , , c] = x.shape;
  const out = kernel.shape[1];
  const filter = tf.reshape(kernel, [3, 3, c, out]) as tf.Tensor4D;
  save([x, filter]);
  return {
    value: tf.add(tf.conv2d(x, filter, 1, 'same'), bias) as tf.Tensor4D,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const g = dy as tf.Tensor4D;
      const [input, k] = saved as [tf.Tensor4D, tf.Tensor4D];
      const turned = tf.transpose(tf.reverse(k, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
      const dx = tf.conv2d(g, turned, 1, 'same');
      const padded = tf.transpose(
        tf.pad(input, [
          [0, 0],
          [1, 1],
          [1, 1],
          [0, 0],
        ]),
        [3, 1, 2, 0],
      ) as tf.Tensor4D;
      const dk = tf.transpose(
        tf.conv2d(padded, tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D, 1, 'valid'),
        [1, 2, 0, 3],
      );
      return [dx, tf.reshape(dk, [9 * c, out]), tf.sum(g, [0, 1, 2])];
    },
  };
});

/**
 * The class logits of the small CNN: conv3x3 → ReLU → 2x2 max pool → conv3x3 → ReLU → 2x2 max pool → flatten
 * (row-major over [H/4, W/4, C2]) → dense.
 *
 * @param params - see {@link ImageCnnParams}
 * @param images - [N, H, W, C] (or [N, H·W] for one channel, reshaped with `rows` x `cols`)
 * @returns logits [N, classes]
 */
export function applyImageCnn(params: ImageCnnParams, images: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const first = tf.maxPool(tf.relu(conv3x3Same(images, params.conv1, params.bias1)), 2, 2, 'valid');
    const second = tf.maxPool(tf.relu(conv3x3Same(first, params.conv2, params.bias2)), 2, 2, 'valid');
    const flat = tf.reshape(second, [images.shape[0], -1]);
    return tf.add(tf.matMul(flat, params.dense), params.biasDense) as tf.Tensor2D;
  });
}

/**
 * Mean softmax cross-entropy of logits against integer labels: (1/N) Σ_n (logsumexp(z_n) - z_n[y_n]).
 *
 * @param logits - [N, classes]
 * @param labels - [N] integer classes (int32)
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const picked = tf.sum(tf.mul(logits, tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1])), 1);
    return tf.mean(tf.sub(tf.logSumExp(logits, 1), picked)) as tf.Scalar;
  });
}

/**
 * How many examples' largest logit is not their label (ties go to the lowest class, as argmax), as a scalar tensor
 * (read it with `data()` to keep the event loop free).
 *
 * @param logits - [N, classes]
 * @param labels - [N] integer classes
 */
export function countMisclassified(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(
    () => tf.sum(tf.cast(tf.notEqual(tf.argMax(logits, 1), tf.cast(labels, 'int32')), 'float32')) as tf.Scalar,
  );
}

/**
 * The fraction of examples whose largest logit is not their label ({@link countMisclassified} over N).
 *
 * @param logits - [N, classes]
 * @param labels - [N] integer classes
 */
export function classificationError(logits: tf.Tensor2D, labels: tf.Tensor1D): number {
  const wrong = countMisclassified(logits, labels);
  const value = wrong.dataSync()[0] / logits.shape[0];
  wrong.dispose();
  return value;
}
