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
 * How long a thread polls, in milliseconds, before it sleeps in `Atomics.wait`: 50 µs, about the gap between two
 * steps of the small-batch patch CNN, so a worker that is running catches the next step while it polls, and one
 * that is not (the machine is busy) costs nobody a core. The pass never waits for a sleeping worker: the work is
 * shared out in chunks that either thread claims, so the main thread runs every chunk the worker has not taken.
 */
export const SPIN_MS = 0.05;

/**
 * Cells of the shared control array: the step posted (-1: stop), the next chunk to claim, the chunks finished this
 * step, and the chunks the worker has run in all.
 */
export const STEP = 0;
export const NEXT = 1;
export const DONE = 2;
export const WORKER_CHUNKS = 3;

/**
 * Polls `cell[index]` for up to `ms` milliseconds: until it differs from `value` (`mode` 1: a new step) or equals it
 * (`mode` 0: every chunk done). True when it got there, false when the time ran out.
 */
export function spinUntilChanged(cell: Int32Array, index: number, value: number, mode: 0 | 1, ms: number): boolean {
  const deadline = performance.now() + ms;
  for (let polls = 1; ; polls++) {
    if ((Atomics.load(cell, index) !== value) === (mode === 1)) return true;
    if ((polls & 63) === 0 && performance.now() > deadline) return false;
  }
}

/** Chunks a pass is shared out in: about 8192 coordinates each (some 20 µs of the SIMD kernel), 2 to 32 of them. */
export function chunkCount(size: number): number {
  return Math.max(2, Math.min(32, Math.floor(size / 8192)));
}

/** The first coordinate of chunk `c` of `chunks` over `size` coordinates (even, so the SIMD kernel's pairs align). */
export function chunkStart(c: number, chunks: number, size: number): number {
  return c >= chunks ? size : 2 * Math.floor((c * size) / (2 * chunks));
}

/**
 * Claims chunks of the current step from the shared counter and runs each until none is left, counting each one
 * done (and, for the worker, `notify`, waking the thread that waits for the count and counting its own chunks). The step's constants are read after every
 * claim: a claim made after the step was posted sees them.
 */
export function runChunks(
  control: Int32Array,
  params: Float64Array,
  range: AdamRange,
  size: number,
  notify: boolean,
): void {
  const chunks = chunkCount(size);
  for (;;) {
    const c = Atomics.add(control, NEXT, 1);
    if (c >= chunks) return;
    const options = Object.fromEntries(OPTION_KEYS.map((key, i) => [key, params[i]])) as unknown as AdamPassOptions;
    range(options, chunkStart(c, chunks, size), chunkStart(c + 1, chunks, size), params[OPTION_KEYS.length] === 1);
    Atomics.add(control, DONE, 1);
    if (notify) {
      Atomics.add(control, WORKER_CHUNKS, 1);
      Atomics.notify(control, DONE);
    }
  }
}

/** Whether a pass can be split over two threads here (Node with SharedArrayBuffer). */
export function canSplit(threads: number): boolean {
  requirePositiveIntegers({ threads });
  return threads >= 2 && isNode() && typeof SharedArrayBuffer !== 'undefined';
}

/**
 * An Adam pass over arrays in `buffer`: on this thread alone, or (with a worker) shared out in chunks
 * ({@link chunkCount}) that this thread and a worker thread running `worker.rangeModule`'s range over the same
 * shared memory claim from a counter, the worker woken through `Atomics` each step. The main thread never waits for
 * the worker to wake: it runs every chunk still unclaimed and waits only for a chunk the worker is running. Every
 * coordinate gets the same arithmetic wherever it runs, so the numbers are identical.
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
  const control = new Int32Array(new SharedArrayBuffer(16));
  const params = new Float64Array(new SharedArrayBuffer(8 * (OPTION_KEYS.length + 1)));
  const chunks = chunkCount(size);
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
    workerChunks: () => Atomics.load(control, WORKER_CHUNKS),
    step(options, flush) {
      OPTION_KEYS.forEach((key, i) => {
        params[i] = options[key];
      });
      params[OPTION_KEYS.length] = flush ? 1 : 0;
      Atomics.store(control, DONE, 0);
      Atomics.store(control, NEXT, 0);
      current++;
      Atomics.store(control, STEP, current);
      Atomics.notify(control, STEP);
      runChunks(control, params, range, size, false);
      // what is left is a chunk the worker claimed and is running
      if (spinUntilChanged(control, DONE, chunks, 0, SPIN_MS)) return;
      // the worker's error event cannot fire while this thread waits: give up after a minute without an answer
      for (let waited = 0; Atomics.load(control, DONE) !== chunks; waited++) {
        if (failure || waited >= 60_000)
          throw new Error(
            `the Adam worker thread stopped answering${failure ? `: ${(failure as Error).message}` : ''}`,
          );
        Atomics.wait(control, DONE, Atomics.load(control, DONE), 1);
      }
    },
    close() {
      Atomics.store(control, STEP, -1);
      Atomics.notify(control, STEP);
      void thread.terminate();
    },
  };
}
