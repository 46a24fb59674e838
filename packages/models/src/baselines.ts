import { createRng, requirePositiveIntegers, tf, uniformTensor } from '@sgn/tensor';

/** Deterministic baselines for the RLC experiments: Deep Sets and an MLP, both with ReLU. */
export type BaselineParams = Record<string, tf.Tensor>;

/**
 * Deep Sets with a nonlinearity: ρ(mean_i φ(x_i)), φ: 1 -> h (ReLU), ρ: h -> 1 (affine). 3h + 1 parameters, for
 * any n. Mean rather than sum pooling keeps the score's scale independent of n (with a sum, tanh in the
 * soft-margin loss saturates at n = 25 and training stalls at chance, which we measured).
 *
 * @see Zaheer et al. 2017; the RLC paper's Deep Sets baseline (which has no nonlinearity in the official code)
 */
export function initDeepSets(options: { hidden: number; seed: number }): BaselineParams {
  const { hidden, seed } = options;
  requirePositiveIntegers({ hidden });
  const rng = createRng(seed);
  return {
    phiW: uniformTensor(rng, [1, hidden], -1, 1),
    phiB: uniformTensor(rng, [hidden], -1, 1),
    rhoW: uniformTensor(rng, [hidden, 1], -1 / Math.sqrt(hidden), 1 / Math.sqrt(hidden)),
    rhoB: tf.zeros([1]),
  };
}

/** Deep Sets scores for sets x [B, n]: [B]. */
export function applyDeepSets(params: BaselineParams, x: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const elements = tf.relu(tf.add(tf.mul(tf.expandDims(x, 2), params.phiW), params.phiB)); // [B, n, h]
    return tf.reshape(tf.add(tf.matMul(tf.mean(elements, 1), params.rhoW), params.rhoB), [-1]) as tf.Tensor1D;
  });
}

/**
 * A one-hidden-layer ReLU MLP on flat features, (features + 1 + outputs) h + outputs parameters (outputs 1 by
 * default: a score; 10 for Fashion-MNIST logits). Weights and b0 ~ U[-1/√fan_in, 1/√fan_in] as PyTorch's Linear;
 * b1 starts at 0.
 */
export function initMlp(options: { features: number; hidden: number; outputs?: number; seed: number }): BaselineParams {
  const { features, hidden, outputs = 1, seed } = options;
  requirePositiveIntegers({ features, hidden, outputs });
  const rng = createRng(seed);
  return {
    w0: uniformTensor(rng, [features, hidden], -1 / Math.sqrt(features), 1 / Math.sqrt(features)),
    b0: uniformTensor(rng, [hidden], -1 / Math.sqrt(features), 1 / Math.sqrt(features)),
    w1: uniformTensor(rng, [hidden, outputs], -1 / Math.sqrt(hidden), 1 / Math.sqrt(hidden)),
    b1: tf.zeros([outputs]),
  };
}

/** MLP outputs for x [B, features]: relu(x w0 + b0) w1 + b1, [B, outputs] (class logits when outputs > 1). */
export function mlpLogits(params: BaselineParams, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(
    () => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, params.w0), params.b0)), params.w1), params.b1) as tf.Tensor2D,
  );
}

/** MLP scores for x [B, features] of a one-output MLP: [B]. */
export function applyMlp(params: BaselineParams, x: tf.Tensor2D): tf.Tensor1D {
  if (params.w1.shape[1] !== 1)
    throw new Error(`applyMlp needs one output, the MLP has ${params.w1.shape[1]}: use mlpLogits`);
  return tf.tidy(() => tf.reshape(mlpLogits(params, x), [-1]) as tf.Tensor1D);
}

/**
 * A small sum-aggregation graph network on adjacency matrices: node states start at 1, each layer computes
 * h ← relu(A h W + h U + b) (messages summed over neighbours), and the readout is an affine map of the mean node
 * state. Permutation invariant by construction.
 *
 * @param hidden - state width
 * @param layers - message-passing layers (>= 1)
 */
export function initGnn(options: { hidden: number; layers: number; seed: number }): BaselineParams {
  const { hidden, layers, seed } = options;
  requirePositiveIntegers({ layers });
  const rng = createRng(seed);
  const params: BaselineParams = {};
  for (let l = 0; l < layers; l++) {
    const inputs = l === 0 ? 1 : hidden;
    const bound = 1 / Math.sqrt(inputs);
    params[`w${l}`] = uniformTensor(rng, [inputs, hidden], -bound, bound);
    params[`u${l}`] = uniformTensor(rng, [inputs, hidden], -bound, bound);
    params[`b${l}`] = uniformTensor(rng, [hidden], -bound, bound);
  }
  params.readoutW = uniformTensor(rng, [hidden, 1], -1 / Math.sqrt(hidden), 1 / Math.sqrt(hidden));
  params.readoutB = tf.zeros([1]);
  return params;
}

/** GNN scores for adjacency matrices [B, n, n]: [B]. */
export function applyGnn(params: BaselineParams, adjacency: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => {
    const [batch, n] = adjacency.shape;
    let h: tf.Tensor3D = tf.ones([batch, n, 1]);
    for (let l = 0; params[`w${l}`]; l++) {
      const messages = tf.matMul(adjacency, h); // [B, n, width]
      const width = h.shape[2];
      const mixed = tf.add(
        tf.matMul(tf.reshape(messages, [-1, width]), params[`w${l}`] as tf.Tensor2D),
        tf.matMul(tf.reshape(h, [-1, width]), params[`u${l}`] as tf.Tensor2D),
      );
      h = tf.reshape(tf.relu(tf.add(mixed, params[`b${l}`])), [batch, n, -1]) as tf.Tensor3D;
    }
    // mean over nodes keeps the readout's scale independent of n (see applyDeepSets)
    return tf.reshape(
      tf.add(tf.matMul(tf.mean(h, 1), params.readoutW as tf.Tensor2D), params.readoutB),
      [-1],
    ) as tf.Tensor1D;
  });
}
