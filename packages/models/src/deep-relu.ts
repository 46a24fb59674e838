import { createRng, requirePositiveIntegers, tf, uniformTensor } from '@sgn/tensor';

/** Weights of a bias-free deep ReLU network: `w0` [features, hidden], ..., `w{L-1}` [hidden, outputs]. */
export type DeepReluParams = Record<string, tf.Tensor2D>;

/** Shape and initial scale of a {@link DeepReluParams}. */
export interface DeepReluOptions {
  features: number;
  /** Width of every hidden layer. */
  hidden: number;
  /** L, the number of weight matrices (L - 1 hidden layers); L = 1 is a linear map. */
  depth: number;
  outputs: number;
  seed: number;
  /**
   * Multiplies every initial weight matrix (default 1). The directional paper's weight scaling uses α^(1/L) per
   * layer, so that the network's output is multiplied by α (the network is L-homogeneous in its weights).
   */
  weightScale?: number;
}

/**
 * Initializes an L-layer fully connected ReLU network without biases as PyTorch's default `nn.Linear`
 * (Kaiming-uniform with a = √5): layer l's weights ~ U[-s/√fan_in, s/√fan_in] with s = `weightScale`, drawn in the
 * order w0, w1, ... from `createRng(seed)`.
 *
 * @see Lin, Sun & Zhang, NeurIPS 2021, Section 5 and Figure 2 (L-layer ReLU, width 100, no bias, default PyTorch init)
 * @example
 * ```ts
 * const params = initDeepRelu({ features: 784, hidden: 100, depth: 5, outputs: 10, seed: 0 });
 * ```
 */
export function initDeepRelu(options: DeepReluOptions): DeepReluParams {
  const { features, hidden, depth, outputs, seed, weightScale = 1 } = options;
  requirePositiveIntegers({ features, hidden, depth, outputs });
  if (!(weightScale > 0) || !Number.isFinite(weightScale)) {
    throw new Error(`weightScale must be a positive finite number, got ${weightScale}`);
  }
  const rng = createRng(seed);
  const params: DeepReluParams = {};
  for (let l = 0; l < depth; l++) {
    const fanIn = l === 0 ? features : hidden;
    const fanOut = l === depth - 1 ? outputs : hidden;
    const bound = weightScale / Math.sqrt(fanIn);
    params[`w${l}`] = uniformTensor(rng, [fanIn, fanOut], -bound, bound) as tf.Tensor2D;
  }
  return params;
}

/** The number of weight matrices of a {@link DeepReluParams}. */
export function deepReluDepth(params: DeepReluParams): number {
  let depth = 0;
  while (params[`w${depth}`] !== undefined) depth++;
  if (depth === 0 || depth !== Object.keys(params).length) {
    throw new Error(`deep ReLU params must be w0..w{L-1}, got ${Object.keys(params).join(', ')}`);
  }
  return depth;
}

/**
 * The outputs of a bias-free deep ReLU network: h_0 = x, h_l = relu(h_{l-1} w_{l-1}) for l < L, logits
 * h_{L-1} w_{L-1} (no ReLU on the last layer). Positively homogeneous: f(αx) = α f(x) for α > 0.
 *
 * @param x - inputs [B, features]
 * @returns [B, outputs]
 */
export function deepReluLogits(params: DeepReluParams, x: tf.Tensor2D): tf.Tensor2D {
  const depth = deepReluDepth(params);
  return tf.tidy((): tf.Tensor2D => {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < depth; l++) {
      const product = tf.matMul(h, params[`w${l}`]) as tf.Tensor2D;
      h = l < depth - 1 ? (tf.relu(product) as tf.Tensor2D) : product;
    }
    return h;
  });
}
