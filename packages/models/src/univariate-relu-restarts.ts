import { tf } from '@sgn/tensor';
import type { UnivariateReluParams } from './univariate-relu.js';

/**
 * R independent univariate ReLU networks in one set of tensors (v, w, b [R, K]; a, c [R, 1]), so that restarts train
 * together with the op count of one: every op of a training step covers all R networks.
 */
export interface UnivariateReluRestarts {
  [name: string]: tf.Tensor;
  v: tf.Tensor2D;
  w: tf.Tensor2D;
  b: tf.Tensor2D;
  a: tf.Tensor2D;
  c: tf.Tensor2D;
}

/**
 * Stacks R networks of equal width into {@link UnivariateReluRestarts} (row r is network r).
 *
 * @param networks - the networks, e.g. `initUnivariateRelu` with R seeds
 * @returns fresh tensors owned by the caller
 */
export function stackRestarts(networks: UnivariateReluParams[]): UnivariateReluRestarts {
  if (networks.length === 0) throw new Error('networks must hold at least one network, got none');
  const width = networks[0].v.shape[0];
  networks.forEach((net, r) => {
    if (net.v.shape[0] !== width)
      throw new Error(`every network must have width ${width}; network ${r} has ${net.v.shape[0]}`);
  });
  const stack = (key: keyof UnivariateReluParams & string) => tf.stack(networks.map((net) => net[key])) as tf.Tensor2D;
  return { v: stack('v'), w: stack('w'), b: stack('b'), a: stack('a'), c: stack('c') };
}

/**
 * Network r of a stack, as ordinary {@link UnivariateReluParams}.
 *
 * @returns fresh tensors owned by the caller
 */
export function restartAt(params: UnivariateReluRestarts, r: number): UnivariateReluParams {
  const rows = params.v.shape[0];
  if (!Number.isInteger(r) || r < 0 || r >= rows) throw new Error(`r must be an integer in [0, ${rows - 1}], got ${r}`);
  return tf.tidy(() => {
    const row = (t: tf.Tensor2D) => tf.reshape(tf.slice(t, [r, 0], [1, -1]), [-1]) as tf.Tensor1D;
    return { v: row(params.v), w: row(params.w), b: row(params.b), a: row(params.a), c: row(params.c) };
  });
}

/**
 * Evaluates all R networks, f_r(x) = Σ_k v_rk (w_rk x + b_rk)_+ + a_r x + c_r.
 *
 * @param params - the stack
 * @param x - inputs [N]
 * @returns f [R, N]
 * @see Nakhleh & Nowak, arXiv 2505.21791, Sec. 3
 */
export function applyUnivariateReluRestarts(params: UnivariateReluRestarts, x: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const [rows, width] = params.w.shape;
    const column = tf.reshape(x, [1, -1, 1]);
    const hidden = tf.relu(
      tf.add(tf.mul(column, tf.reshape(params.w, [rows, 1, width])), tf.reshape(params.b, [rows, 1, width])),
    ); // [R, N, K]
    const out = tf.sum(tf.mul(hidden, tf.reshape(params.v, [rows, 1, width])), 2); // [R, N]
    return tf.add(tf.add(out, tf.mul(tf.reshape(x, [1, -1]), params.a)), params.c) as tf.Tensor2D;
  });
}
