/**
 * @sgn/backend-cpu/shared: the float64 reference implementations of sgn's kernels, pure functions over typed
 * arrays, for other backends to reuse and to test against (as tfjs-backend-cpu's shared.ts).
 * @packageDocumentation
 */
export { adamArraysIn, adamPassImpl, flushTinyImpl } from './kernels/adam-pass-impl.js';
export type { AdamArrays } from './kernels/adam-pass-impl.js';
export { canSplit, createSplitAdamPass } from './kernels/split-adam-pass.js';
export { createAdamPassCpu } from './kernels/adam-pass.js';
export {
  checkedSparseRows,
  checkSparseRows,
  createSparseRowsCpu,
  gatherRowsImpl,
  scatterRowsImpl,
} from './kernels/sparse-rows-impl.js';
export { rsetcGatherImpl, rsetcStepImpl } from './kernels/rsetc-step-impl.js';
export { createRsetcStepCpu } from './kernels/rsetc-step.js';
export type { AdamRange, RangeWorkerData } from './kernels/split-adam-pass.js';
