import {
  AdamPass,
  getSgnKernel,
  WASM_MAX_PAGES,
  WASM_PAGE,
  type AdamPassKernel,
  type SgnKernelConfig,
} from '@sgn/tensor';
import { canSplit, checkSparseRows, createSplitAdamPass } from '@sgn/backend-cpu/shared';
import { createRange } from './adam-range-wasm.js';
import { loadKernelModule } from './load-module.js';
import { createSparseRowsWasm, sparseRowsBytes } from './sparse-rows-wasm.js';

/**
 * The wasm backend's Adam pass: the SIMD kernel over wasm memory (2.5 -> 1.0 ms a pass at d 10000 on one thread),
 * split over two threads under Node (shared memory). Where WebAssembly SIMD does not load, or the arrays exceed
 * wasm32 memory, it runs the cpu backend's float64 loop instead (the same numbers) and reports kernel 'js'. With
 * `rows`, the sparse-row gather and scatter run in wasm/sparse-rows.wat over the same memory, the examples copied
 * there after the four arrays.
 */
export const createAdamPassWasm: AdamPassKernel = async ({ size, threads, rows }) => {
  const split = canSplit(threads);
  if (rows) checkSparseRows(size, rows);
  const pages = Math.max(1, Math.ceil((32 * size + (rows ? sparseRowsBytes(rows) : 0)) / WASM_PAGE));
  const suffix = split ? '-shared' : '';
  const module = pages > WASM_MAX_PAGES ? null : loadKernelModule(`adam-pass${suffix}`);
  const rowsModule = rows && module ? loadKernelModule(`sparse-rows${suffix}`) : null;
  let memory: WebAssembly.Memory | null;
  try {
    memory = module ? new WebAssembly.Memory({ initial: pages, maximum: pages, shared: split }) : null;
  } catch {
    memory = null;
  }
  if (!module || !memory || (rows && !rowsModule)) {
    const fallback = await getSgnKernel(AdamPass, 'cpu')({ size, threads, rows });
    return { ...fallback, backend: 'wasm' };
  }
  const range = createRange({ memory, module, size });
  const worker = split ? { rangeModule: new URL('./adam-range-wasm.js', import.meta.url).href, memory, module } : null;
  const pass = await createSplitAdamPass(size, memory.buffer, range, { backend: 'wasm', kernel: 'wasm' }, worker);
  if (!rows || !rowsModule) return pass;
  const offsets = { base: 32 * size, weights: pass.weights.byteOffset, grad: pass.grad.byteOffset };
  return { ...pass, rows: createSparseRowsWasm(memory, rowsModule, offsets, rows) };
};

export const adamPassConfig: SgnKernelConfig<typeof AdamPass> = {
  kernelName: AdamPass,
  backendName: 'wasm',
  kernelFunc: createAdamPassWasm,
};
