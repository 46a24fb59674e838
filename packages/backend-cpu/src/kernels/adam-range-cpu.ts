import { TINY, type AdamPassOptions } from '@sgn/tensor';
import { adamArraysIn, adamPassImpl, flushTinyImpl } from './adam-pass-impl.js';
import type { AdamRange } from './split-adam-pass.js';

/**
 * The cpu backend's pass over a range: the float64 reference loop, then the flush. Also what the worker thread
 * loads (by this module's URL) to run the second half.
 */
export function createRange(data: { buffer?: ArrayBufferLike; size: number }): AdamRange {
  if (!data.buffer) throw new Error("createRange needs the arrays' buffer");
  const arrays = adamArraysIn(data.buffer, data.size);
  return (options: AdamPassOptions, start: number, end: number, flush: boolean): void => {
    adamPassImpl(arrays, options, start, end);
    if (flush) flushTinyImpl(arrays, TINY, start, end);
  };
}
