import { isNode, requirePositiveIntegers, type AdamPassOptions, type AdamPassState } from '@sgn/tensor';
import { adamArraysIn } from './adam-pass-impl.js';

/** One pass over [start, end) of a backend's arrays. */
export type AdamRange = (options: AdamPassOptions, start: number, end: number, flush: boolean) => void;

/** What the worker thread receives: its range module's URL and what that module's `createRange` needs. */
export interface RangeWorkerData {
  /** URL of a module exporting `createRange(workerData): AdamRange`. */
  rangeModule: string;
  size: number;
  /** The arrays' buffer (shared), or the wasm memory and module for a wasm range. */
  buffer?: SharedArrayBuffer;
  memory?: WebAssembly.Memory;
  module?: WebAssembly.Module;
  control: SharedArrayBuffer;
  params: SharedArrayBuffer;
}

/** The option keys in the order the worker reads them from the shared parameter array. */
export const OPTION_KEYS = [
  'beta1',
  'beta2',
  'eps',
  'eta',
  'coupled',
  'decoupled',
  'correction1',
  'correction2',
] as const;

/**
 * How long each thread polls before it sleeps: waking a sleeping thread took ~1 ms a step on this 2-vCPU VM
 * (measured: two 0.6 ms halves gave a 1.75 ms step), while the gap between two steps is a few microseconds of
 * gradient work, so a thread that polls picks up the next step at once.
 */
export const SPIN_MS = 2;

/** Polls `cell[index]` until it differs from `value` (true) or `ms` milliseconds pass (false). */
export function spinUntilChanged(cell: Int32Array, index: number, value: number, ms: number): boolean {
  const deadline = performance.now() + ms;
  for (let polls = 1; ; polls++) {
    if (Atomics.load(cell, index) !== value) return true;
    if ((polls & 1023) === 0 && performance.now() > deadline) return false;
  }
}

/** Whether a pass can be split over two threads here (Node with SharedArrayBuffer). */
export function canSplit(threads: number): boolean {
  requirePositiveIntegers({ threads });
  return threads >= 2 && isNode() && typeof SharedArrayBuffer !== 'undefined';
}

/**
 * An Adam pass over arrays in `buffer`: on this thread alone, or (with a worker) the first half here and the second
 * on a worker thread running `worker.rangeModule`'s range over the same shared memory, woken through `Atomics` each
 * step. Every coordinate gets the same arithmetic either way, so the numbers are identical.
 *
 * @param size - coordinates
 * @param buffer - the arrays' memory (four float64 arrays from byte 0)
 * @param range - this thread's pass over a range
 * @param label - the backend and kernel the state reports
 * @param worker - the worker's data without the control cells, or null for one thread
 */
export async function createSplitAdamPass(
  size: number,
  buffer: ArrayBufferLike,
  range: AdamRange,
  label: Pick<AdamPassState, 'backend' | 'kernel'>,
  worker: Omit<RangeWorkerData, 'control' | 'params' | 'size'> | null,
): Promise<AdamPassState> {
  const arrays = adamArraysIn(buffer, size);
  if (!worker) {
    return {
      ...arrays,
      ...label,
      threads: 1,
      step: (options, flush) => range(options, 0, size, flush),
      close: () => {},
    };
  }
  // control[0]: the step number the worker should run (-1: stop); control[1]: the last step it finished
  const control = new Int32Array(new SharedArrayBuffer(8));
  const params = new Float64Array(new SharedArrayBuffer(8 * (OPTION_KEYS.length + 1)));
  const half = Math.floor(size / 2);
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:worker_threads');
  const workerData: RangeWorkerData = { ...worker, size, control: control.buffer, params: params.buffer };
  // the URL apart from `new Worker(...)`: bundlers then ship the file as it is instead of bundling it as a web worker
  const script = new URL('./adam-pass.worker.js', import.meta.url);
  const thread = new Worker(script, { workerData });
  thread.unref();
  let failure: Error | null = null;
  thread.on('error', (error) => {
    failure = error;
  });
  let current = 0;
  return {
    ...arrays,
    ...label,
    threads: 2,
    step(options, flush) {
      OPTION_KEYS.forEach((key, i) => {
        params[i] = options[key];
      });
      params[OPTION_KEYS.length] = flush ? 1 : 0;
      current++;
      Atomics.store(control, 0, current);
      Atomics.notify(control, 0);
      range(options, 0, half, flush);
      if (spinUntilChanged(control, 1, current - 1, SPIN_MS)) return;
      // the worker's error event cannot fire while this thread waits: give up after a minute without an answer
      for (let waited = 0; Atomics.load(control, 1) !== current; waited++) {
        if (failure || waited >= 60)
          throw new Error(
            `the Adam worker thread stopped answering${failure ? `: ${(failure as Error).message}` : ''}`,
          );
        Atomics.wait(control, 1, Atomics.load(control, 1), 1000);
      }
    },
    close() {
      Atomics.store(control, 0, -1);
      Atomics.notify(control, 0);
      void thread.terminate();
    },
  };
}
