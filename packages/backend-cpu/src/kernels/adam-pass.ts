import { AdamPass, type AdamPassKernel, type SgnKernelConfig } from '@sgn/tensor';
import { createRange } from './adam-range-cpu.js';
import { checkSparseRows, createSparseRowsCpu } from './sparse-rows-impl.js';
import { canSplit, createSplitAdamPass } from './split-adam-pass.js';

/**
 * The cpu backend's Adam pass: the float64 reference loop, split over two threads under Node; with `rows`, the
 * reference gather and scatter over the same arrays.
 */
export const createAdamPassCpu: AdamPassKernel = async ({ size, threads, rows }) => {
  const split = canSplit(threads);
  if (rows) checkSparseRows(size, rows);
  const buffer = split ? new SharedArrayBuffer(32 * size) : new ArrayBuffer(32 * size);
  const range = createRange({ buffer, size });
  const worker = split
    ? { rangeModule: new URL('./adam-range-cpu.js', import.meta.url).href, buffer: buffer as SharedArrayBuffer }
    : null;
  const pass = await createSplitAdamPass(size, buffer, range, { backend: 'cpu', kernel: 'js' }, worker);
  return rows ? { ...pass, rows: createSparseRowsCpu(pass.weights, pass.grad, rows) } : pass;
};

export const adamPassConfig: SgnKernelConfig<typeof AdamPass> = {
  kernelName: AdamPass,
  backendName: 'cpu',
  kernelFunc: createAdamPassCpu,
};
