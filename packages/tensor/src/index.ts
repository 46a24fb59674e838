/**
 * @sgn/tensor: the one door to tfjs-core for every sgn package. Importing it registers all tfjs-core gradients and chained ops.
 * @packageDocumentation
 */
import * as tf from '@tensorflow/tfjs-core';
// after tfjs-core, never before: the gradient bundle carries its own copy of tfjs-core's Tensor class, and the copy
// evaluated first becomes the global one; the bundle's copy has no op handler, so `clone()` (Cast's gradient) on it
// fails with "Cannot read properties of null (reading 'clone')"
import './register-gradients.js';

export { tf };
export type {
  Tensor,
  Tensor1D,
  Tensor2D,
  Tensor3D,
  Scalar,
  Variable,
  Rank,
  NamedTensorMap,
  TensorContainer,
  DataType,
} from '@tensorflow/tfjs-core';
export { BACKEND_NAMES, isNode, registeredBackends, useBackend } from './backend.js';
export type { BackendName } from './backend.js';
export { createRng, normalTensor, streamSeed, uniformTensor, unitSeed } from './rng.js';
export { DivergedError, parseDecimal, quoteForMessage, requireFinite, requirePositiveIntegers } from './validate.js';
export type { Rng } from './rng.js';
export { AdamPass, RsetcStep } from './kernels/kernel-names.js';
export { FLUSH_EVERY, MAX_KERNEL_THREADS, TINY, defaultThreads } from './kernels/adam-pass.js';
export type {
  AdamPassKernel,
  AdamPassOptions,
  AdamPassSetup,
  AdamPassState,
  SparseExamples,
  SparseRows,
  SparseRowsSetup,
} from './kernels/adam-pass.js';
export { WASM_MAX_PAGES, WASM_PAGE } from './kernels/rsetc-step.js';
export type { RsetcStepKernel, RsetcStepPasses } from './kernels/rsetc-step.js';
export { backendsWithKernel, getSgnKernel, registerSgnKernel, unregisterSgnKernel } from './kernels/kernel-registry.js';
export type { SgnKernelConfig, SgnKernelFunctions, SgnKernelName } from './kernels/kernel-registry.js';
