import type { AdamPassOptions } from '@sgn/tensor';

/** The four float64 arrays of an Adam run: weights, gradient, first and second moments. */
export interface AdamArrays {
  weights: Float64Array;
  grad: Float64Array;
  first: Float64Array;
  second: Float64Array;
}

/**
 * The float64 reference of the Adam pass over the coordinates [start, end), clearing the gradient: one step of
 * chain(addL2Gradient(coupled), scaleByAdam, addDecayedWeights(decoupled), scaleByLearningRate(η)) in that chain's
 * order: g = grad + coupled·w; m = β1 m + (1-β1) g; v = β2 v + ((1-β2) g) g;
 * w = w - η ((m / correction1)/(sqrt(v / correction2) + ε) + decoupled·w).
 * The wasm kernel does the same correctly rounded operations in the same order, so the two agree to the last bit.
 *
 * @param arrays - weights, gradient and moments (updated in place)
 * @param o - the step's constants
 * @param start - first coordinate
 * @param end - one past the last coordinate
 * @see Kingma & Ba, arXiv 1412.6980; Loshchilov & Hutter, arXiv 1711.05101 (decoupled decay)
 */
export function adamPassImpl(arrays: AdamArrays, o: AdamPassOptions, start: number, end: number): void {
  const { weights, grad, first, second } = arrays;
  const { beta1, beta2, eps, eta, coupled, decoupled, correction1, correction2 } = o;
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  for (let index = start; index < end; index++) {
    const w = weights[index];
    const g = grad[index] + coupled * w;
    grad[index] = 0;
    const m1 = beta1 * first[index] + keep1 * g;
    const m2 = beta2 * second[index] + keep2 * g * g;
    first[index] = m1;
    second[index] = m2;
    weights[index] = w - eta * (m1 / correction1 / (Math.sqrt(m2 / correction2) + eps) + decoupled * w);
  }
}

/**
 * Sets weights and first moments below `tiny` in magnitude, and second moments below tiny², to 0 on [start, end):
 * the flush that keeps decaying coordinates out of the subnormal range (see `TINY` in @sgn/tensor). A loop of its
 * own: inside the update the data-dependent branch cost more than the update (1.7 -> 4.7 ms a pass).
 */
export function flushTinyImpl(arrays: AdamArrays, tiny: number, start: number, end: number): void {
  const { weights, first, second } = arrays;
  const tinySquared = tiny * tiny;
  for (let index = start; index < end; index++) {
    if (Math.abs(weights[index]) < tiny) weights[index] = 0;
    if (Math.abs(first[index]) < tiny) first[index] = 0;
    if (second[index] < tinySquared) second[index] = 0;
  }
}

/** The four arrays laid out one after another from byte 0 of `buffer`, `size` float64 each. */
export function adamArraysIn(buffer: ArrayBufferLike, size: number): AdamArrays {
  const [weights, grad, first, second] = [0, 1, 2, 3].map((i) => new Float64Array(buffer, 8 * size * i, size));
  return { weights, grad, first, second };
}
