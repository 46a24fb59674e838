import { RsetcStep, type RsetcStepKernel, type RsetcStepPasses, type SgnKernelConfig } from '@sgn/tensor';
import { loadKernelModule } from './load-module.js';

/**
 * The wasm backend's RSetC step (wasm/rsetc-step.wat, float32, four examples per instruction): the gather and
 * step passes over the trainer's memory, or null where WebAssembly SIMD does not load.
 */
export const createRsetcStepWasm: RsetcStepKernel = async (memory) => {
  const module = loadKernelModule('rsetc-step');
  if (!module) return null;
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  return { gather: exports.gather as RsetcStepPasses['gather'], step: exports.rsetc as RsetcStepPasses['step'] };
};

export const rsetcStepConfig: SgnKernelConfig<typeof RsetcStep> = {
  kernelName: RsetcStep,
  backendName: 'wasm',
  kernelFunc: createRsetcStepWasm,
};
