import {
  AdamPass,
  getSgnKernel,
  WASM_MAX_PAGES,
  WASM_PAGE,
  type AdamPassKernel,
  type SgnKernelConfig,
} from '@sgn/tensor';
import { canSplit, createSplitAdamPass } from '@sgn/backend-cpu/shared';
import { createRange } from './adam-range-wasm.js';
import { loadKernelModule } from './load-module.js';

/**
 * The wasm backend's Adam pass: the SIMD kernel over wasm memory (2.5 -> 1.0 ms a pass at d 10000 on one thread),
 * split over two threads under Node (shared memory). Where WebAssembly SIMD does not load, or the arrays exceed
 * wasm32 memory, it runs the cpu backend's float64 loop instead (the same numbers) and reports kernel 'js'.
 */
export const createAdamPassWasm: AdamPassKernel = async ({ size, threads }) => {
  const split = canSplit(threads);
  const pages = Math.max(1, Math.ceil((32 * size) / WASM_PAGE));
  const module = pages > WASM_MAX_PAGES ? null : loadKernelModule(split ? 'adam-pass-shared' : 'adam-pass');
  let memory: WebAssembly.Memory | null;
  try {
    memory = module ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: split }) : null;
  } catch {
    memory = null;
  }
  if (!module || !memory) {
    const fallback = await getSgnKernel(AdamPass, 'cpu')({ size, threads });
    return { ...fallback, backend: 'wasm' };
  }
  const range = createRange({ memory, module, size });
  const worker = split ? { rangeModule: new URL('./adam-range-wasm.js', import.meta.url).href, memory, module } : null;
  return createSplitAdamPass(size, memory.buffer, range, { backend: 'wasm', kernel: 'wasm' }, worker);
};

export const adamPassConfig: SgnKernelConfig<typeof AdamPass> = {
  kernelName: AdamPass,
  backendName: 'wasm',
  kernelFunc: createAdamPassWasm,
};
