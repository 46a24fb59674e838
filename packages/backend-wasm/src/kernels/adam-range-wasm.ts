import { TINY, type AdamPassOptions } from '@sgn/tensor';
import { adamArraysIn, adamPassImpl, flushTinyImpl, type AdamRange } from '@sgn/backend-cpu/shared';

/** The arguments both kernel exports start with: byte offsets of w, g, m, v, the range (even length), the constants. */
type Head = [
  w: number,
  g: number,
  m: number,
  v: number,
  start: number,
  end: number,
  beta1: number,
  beta2: number,
  eps: number,
  eta: number,
  coupled: number,
];
/** `adam`: one step with bias corrections c1, c2. */
type WasmAdam = (...args: [...Head, correction1: number, correction2: number, decoupled: number]) => void;
/** `adam_uncorrected`: the same step with c1 = c2 = 1, without the two divisions. */
type WasmAdamUncorrected = (...args: [...Head, decoupled: number]) => void;

/**
 * The wasm backend's pass over a range of the arrays in `memory`: the even-length head in the SIMD kernel
 * (wasm/adam-pass.wat, two coordinates per instruction; the uncorrected variant when there is no bias correction), an odd last coordinate in the float64 reference loop
 * (`adamPassImpl`), then the flush. Both do the same correctly rounded operations in the same order, so the numbers
 * do not depend on where the split falls (tested). Also what the worker thread loads to run the second half.
 */
export function createRange(data: {
  memory?: WebAssembly.Memory;
  module?: WebAssembly.Module;
  size: number;
}): AdamRange {
  if (!data.memory || !data.module) throw new Error('the wasm Adam range needs its memory and module');
  const arrays = adamArraysIn(data.memory.buffer, data.size);
  const exports = new WebAssembly.Instance(data.module, { env: { memory: data.memory } }).exports;
  const corrected = exports.adam as WasmAdam;
  const uncorrected = exports.adam_uncorrected as WasmAdamUncorrected;
  const { weights, grad, first, second } = arrays;
  return (o: AdamPassOptions, start: number, end: number, flush: boolean): void => {
    const head = start + ((end - start) & ~1);
    const [w, g, m, v] = [weights.byteOffset, grad.byteOffset, first.byteOffset, second.byteOffset];
    // without bias correction (1 - β^t taken as 1) the two divisions by 1 are skipped: x / 1 = x, the same numbers
    if (o.correction1 === 1 && o.correction2 === 1)
      uncorrected(w, g, m, v, start, head, o.beta1, o.beta2, o.eps, o.eta, o.coupled, o.decoupled);
    else
      corrected(
        w,
        g,
        m,
        v,
        start,
        head,
        o.beta1,
        o.beta2,
        o.eps,
        o.eta,
        o.coupled,
        o.correction1,
        o.correction2,
        o.decoupled,
      );
    adamPassImpl(arrays, o, head, end);
    if (flush) flushTinyImpl(arrays, TINY, start, end);
  };
}
