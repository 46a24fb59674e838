import { isNode } from '@sgn/tensor';

/**
 * Weights and first moments below 1e-100 in magnitude (second moments below 1e-200) are set to 0 every
 * {@link FLUSH_EVERY} steps. Coordinates no example pushes decay geometrically under the weight decay; left alone
 * they reach subnormal numbers within a few thousand steps, whose arithmetic is ~100x slower on x86 (measured: 2.3 ->
 * 5.5 ms a step at d 10000 by epoch 100 of a B = 2 run). A weight of 1e-100 changes no activation, loss or error in
 * any printed digit.
 */
export const TINY = 1e-100;
/** Steps between flushes: in 256 steps a value decays by at most ~1e-32 (w ~0.75 a step, m 0.9, v 0.999), so
 * nothing flushed at 1e-100 gets near the subnormal range (2.2e-308) in between. */
export const FLUSH_EVERY = 256;

/** The constants of one Adam step: coupled L2 `coupled`, decoupled decay `decay` (= ηλ), bias-correction factors. */
export interface AdamPassOptions {
  beta1: number;
  beta2: number;
  eps: number;
  eta: number;
  coupled: number;
  decay: number;
  scale1: number;
  scale2: number;
}

/**
 * One Adam step over the coordinates [start, end) in one pass, clearing the gradient for the next step; then, when
 * `flush`, the entries below {@link TINY} set to 0. A self-contained function over typed arrays (a worker thread
 * runs its source text), which V8 compiles to a tight loop.
 */
function adamRange(
  weights: Float64Array, grad: Float64Array, first: Float64Array, second: Float64Array,
  o: AdamPassOptions, start: number, end: number, flush: boolean, tiny: number,
): void {
  const { beta1, beta2, eps, eta, coupled, scale1, scale2 } = o;
  const [keep1, keep2, shrink] = [1 - beta1, 1 - beta2, 1 - o.decay];
  for (let index = start; index < end; index++) {
    const w = weights[index];
    const g = grad[index] + coupled * w;
    grad[index] = 0;
    const m1 = beta1 * first[index] + keep1 * g;
    const m2 = beta2 * second[index] + keep2 * g * g;
    first[index] = m1;
    second[index] = m2;
    weights[index] = w * shrink - (eta * m1 * scale1) / (Math.sqrt(m2 * scale2) + eps);
  }
  // a separate loop: inside the update the data-dependent branch cost more than the update (1.7 -> 4.7 ms a pass)
  if (flush) {
    const tinySquared = tiny * tiny;
    for (let index = start; index < end; index++) {
      if (Math.abs(weights[index]) < tiny) weights[index] = 0;
      if (Math.abs(first[index]) < tiny) first[index] = 0;
      if (second[index] < tinySquared) second[index] = 0;
    }
  }
}

/** Weights, gradient and moments of a run, and the Adam pass over them. */
export interface AdamPass {
  weights: Float64Array;
  grad: Float64Array;
  first: Float64Array;
  second: Float64Array;
  /** One Adam step over every coordinate (flushing tiny entries when `flush`). */
  step(options: AdamPassOptions, flush: boolean): void;
  /** Stops the worker thread, if any. */
  close(): void;
}

const OPTION_KEYS = ['beta1', 'beta2', 'eps', 'eta', 'coupled', 'decay', 'scale1', 'scale2'] as const;

/**
 * The dense Adam pass of the fused patch-CNN trainer, on one thread or, under Node with `threads` >= 2, split in two
 * halves: the second half on a worker thread over shared memory, woken through `Atomics` each step. Every coordinate
 * gets the same arithmetic either way, so the numbers are identical (tested); two threads take the pass at d 10000
 * from ~2.4 to ~1.3 ms.
 *
 * @param size - number of coordinates (2 m d)
 * @param threads - 1, or 2 (more are treated as 2); browsers always use 1
 */
export async function createAdamPass(size: number, threads: number): Promise<AdamPass> {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
  if (threads === 1 || !isNode() || typeof SharedArrayBuffer === 'undefined') {
    const [weights, grad, first, second] = [0, 1, 2, 3].map(() => new Float64Array(size));
    return {
      weights, grad, first, second,
      step: (options, flush) => adamRange(weights, grad, first, second, options, 0, size, flush, TINY),
      close: () => {},
    };
  }
  const buffers = [0, 1, 2, 3].map(() => new SharedArrayBuffer(size * 8));
  const [weights, grad, first, second] = buffers.map((buffer) => new Float64Array(buffer));
  // control[0]: the step number the worker should run (-1: stop); control[1]: the last step it finished
  const control = new Int32Array(new SharedArrayBuffer(8));
  const params = new Float64Array(new SharedArrayBuffer(8 * (OPTION_KEYS.length + 1)));
  const split = Math.floor(size / 2);
  const source = `
    const { workerData } = require('node:worker_threads');
    const adamRange = ${adamRange.toString()};
    const [weights, grad, first, second] = workerData.buffers.map((buffer) => new Float64Array(buffer));
    const control = new Int32Array(workerData.control);
    const params = new Float64Array(workerData.params);
    const keys = ${JSON.stringify(OPTION_KEYS)};
    let seen = 0;
    for (;;) {
      Atomics.wait(control, 0, seen);
      seen = Atomics.load(control, 0);
      if (seen < 0) break;
      const options = Object.fromEntries(keys.map((key, i) => [key, params[i]]));
      adamRange(weights, grad, first, second, options, ${split}, ${size}, params[keys.length] === 1, ${TINY});
      Atomics.store(control, 1, seen);
      Atomics.notify(control, 1);
    }`;
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:worker_threads');
  const worker = new Worker(source, { eval: true, workerData: { buffers, control: control.buffer, params: params.buffer } });
  worker.unref();
  let failure: Error | null = null;
  worker.on('error', (error) => {
    failure = error;
  });
  let current = 0;
  return {
    weights, grad, first, second,
    step(options, flush) {
      OPTION_KEYS.forEach((key, i) => {
        params[i] = options[key];
      });
      params[OPTION_KEYS.length] = flush ? 1 : 0;
      current++;
      Atomics.store(control, 0, current);
      Atomics.notify(control, 0);
      adamRange(weights, grad, first, second, options, 0, split, flush, TINY);
      // the worker's error event cannot fire while this thread waits: give up after a minute without an answer
      for (let waited = 0; Atomics.load(control, 1) !== current; waited++) {
        if (failure || waited >= 60) throw new Error(`the Adam worker thread stopped answering${failure ? `: ${(failure as Error).message}` : ''}`);
        Atomics.wait(control, 1, Atomics.load(control, 1), 1000);
      }
    },
    close() {
      Atomics.store(control, 0, -1);
      Atomics.notify(control, 0);
      void worker.terminate();
    },
  };
}
