import { isNode, requirePositiveIntegers } from '@sgn/tensor';
import { compileWasm, WASM_MAX_PAGES, WASM_PAGE } from '../wasm-module.js';
import { ADAM_PASS_WASM } from './adam-pass-wasm.js';

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

/** How the pass runs: `wasm` (two coordinates per instruction, WebAssembly SIMD), `js`, or `auto` (wasm if it loads). */
export type AdamKernel = 'auto' | 'wasm' | 'js';

/** The wasm kernel's export: one step over [start, end) (even length) of the arrays at byte offsets w, g, m, v. */
type WasmAdam = (
  w: number, g: number, m: number, v: number, start: number, end: number,
  beta1: number, beta2: number, eps: number, eta: number, coupled: number, scale1: number, scale2: number, shrink: number,
) => void;

/**
 * One Adam step over the coordinates [start, end) in one pass, clearing the gradient for the next step; then, when
 * `flush`, the entries below {@link TINY} set to 0. With `kernel` (wasm/adam-pass.wat) the even-length head runs
 * there, two coordinates per instruction, and the loop here takes the rest; both do the same correctly rounded
 * operations in the same order, so the numbers do not depend on it (tested). A self-contained function over typed
 * arrays (a worker thread runs its source text), which V8 compiles to a tight loop.
 */
function adamRange(
  weights: Float64Array, grad: Float64Array, first: Float64Array, second: Float64Array,
  o: AdamPassOptions, start: number, end: number, flush: boolean, tiny: number, kernel: WasmAdam | null,
): void {
  const { beta1, beta2, eps, eta, coupled, scale1, scale2 } = o;
  const [keep1, keep2, shrink] = [1 - beta1, 1 - beta2, 1 - o.decay];
  let from = start;
  if (kernel) {
    from = start + ((end - start) & ~1);
    kernel(weights.byteOffset, grad.byteOffset, first.byteOffset, second.byteOffset, start, from, beta1, beta2, eps, eta, coupled, scale1, scale2, shrink);
  }
  for (let index = from; index < end; index++) {
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
  /** The kernel in use. */
  kernel: 'wasm' | 'js';
  /** One Adam step over every coordinate (flushing tiny entries when `flush`). */
  step(options: AdamPassOptions, flush: boolean): void;
  /** Stops the worker thread, if any. */
  close(): void;
}

const OPTION_KEYS = ['beta1', 'beta2', 'eps', 'eta', 'coupled', 'decay', 'scale1', 'scale2'] as const;

/**
 * How long each thread polls before it sleeps: waking a sleeping thread took ~1 ms a step on this 2-vCPU VM
 * (measured: two 0.6 ms halves gave a 1.75 ms step), while the gap between two steps is a few microseconds of
 * gradient work, so a thread that polls picks up the next step at once.
 */
const SPIN_MS = 2;

/** Polls `cell[index]` until it differs from `value` (true) or `ms` milliseconds pass (false). Self-contained (the worker runs its source). */
function spinUntilChanged(cell: Int32Array, index: number, value: number, ms: number): boolean {
  const deadline = performance.now() + ms;
  for (let polls = 1; ; polls++) {
    if (Atomics.load(cell, index) !== value) return true;
    if ((polls & 1023) === 0 && performance.now() > deadline) return false;
  }
}

/** The compiled kernel and its memory (four arrays of `size` float64 from byte 0), or null where wasm SIMD does not load. */
function wasmStorage(size: number, shared: boolean): { module: WebAssembly.Module; memory: WebAssembly.Memory } | null {
  const pages = Math.max(1, Math.ceil((32 * size) / WASM_PAGE));
  if (pages > WASM_MAX_PAGES) return null;
  const module = compileWasm(shared ? ADAM_PASS_WASM.shared : ADAM_PASS_WASM.unshared);
  if (!module) return null;
  try {
    return { module, memory: new WebAssembly.Memory({ initial: pages, maximum: pages, shared }) };
  } catch {
    return null;
  }
}

const instantiate = (module: WebAssembly.Module, memory: WebAssembly.Memory): WasmAdam =>
  new WebAssembly.Instance(module, { env: { memory } }).exports.adam as WasmAdam;

/** The four arrays [weights, grad, first, second], laid out one after another from byte 0 of `buffer`. */
const views = (buffer: ArrayBufferLike, size: number): Float64Array[] => [0, 1, 2, 3].map((i) => new Float64Array(buffer, 8 * size * i, size));

/**
 * The dense Adam pass of the fused patch-CNN trainer: by default a WebAssembly SIMD kernel (wasm/adam-pass.wat, two
 * float64 coordinates per instruction: 2.5 -> 1.0 ms a pass at d 10000 on one thread), and under Node with
 * `threads` >= 2 split in two halves, the second on a worker thread over shared memory, woken through `Atomics` each
 * step. Every coordinate gets the same arithmetic in every configuration, so the numbers are identical (tested).
 *
 * @param size - number of coordinates (2 m d)
 * @param threads - 1, or 2 (more are treated as 2); browsers always use 1
 * @param kernel - 'auto' (wasm where WebAssembly SIMD loads, else js), 'wasm' (an error where it does not) or 'js'
 */
export async function createAdamPass(size: number, threads: number, kernel: AdamKernel = 'auto'): Promise<AdamPass> {
  requirePositiveIntegers({ threads });
  if (!['auto', 'wasm', 'js'].includes(kernel)) throw new Error(`kernel must be one of auto, wasm, js, got "${kernel as string}"`);
  const split = threads >= 2 && isNode() && typeof SharedArrayBuffer !== 'undefined';
  const wasm = kernel === 'js' ? null : wasmStorage(size, split);
  if (kernel === 'wasm' && !wasm) throw new Error('kernel "wasm" is not available here: WebAssembly SIMD did not load (use "auto" or "js")');
  const buffer = wasm ? wasm.memory.buffer : split ? new SharedArrayBuffer(32 * size) : new ArrayBuffer(32 * size);
  const [weights, grad, first, second] = views(buffer, size);
  const run = wasm ? instantiate(wasm.module, wasm.memory) : null;
  const kernelName = wasm ? 'wasm' : 'js';
  if (!split) {
    return {
      weights, grad, first, second, kernel: kernelName,
      step: (options, flush) => adamRange(weights, grad, first, second, options, 0, size, flush, TINY, run),
      close: () => {},
    };
  }
  // control[0]: the step number the worker should run (-1: stop); control[1]: the last step it finished
  const control = new Int32Array(new SharedArrayBuffer(8));
  const params = new Float64Array(new SharedArrayBuffer(8 * (OPTION_KEYS.length + 1)));
  const half = Math.floor(size / 2);
  const source = `
    const { workerData } = require('node:worker_threads');
    const adamRange = ${adamRange.toString()};
    const views = ${views.toString()};
    const { memory, module, size } = workerData;
    const kernel = module ? new WebAssembly.Instance(module, { env: { memory } }).exports.adam : null;
    const [weights, grad, first, second] = views(memory ? memory.buffer : workerData.buffer, size);
    const control = new Int32Array(workerData.control);
    const params = new Float64Array(workerData.params);
    const keys = ${JSON.stringify(OPTION_KEYS)};
    const spinUntilChanged = ${spinUntilChanged.toString()};
    let seen = 0;
    for (;;) {
      if (!spinUntilChanged(control, 0, seen, ${SPIN_MS})) Atomics.wait(control, 0, seen);
      seen = Atomics.load(control, 0);
      if (seen < 0) break;
      const options = Object.fromEntries(keys.map((key, i) => [key, params[i]]));
      adamRange(weights, grad, first, second, options, ${half}, size, params[keys.length] === 1, ${TINY}, kernel);
      Atomics.store(control, 1, seen);
      Atomics.notify(control, 1);
    }`;
  const specifier = 'node:worker_threads';
  const { Worker } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:worker_threads');
  const workerData = { size, control: control.buffer, params: params.buffer, ...(wasm ? { memory: wasm.memory, module: wasm.module } : { buffer }) };
  const worker = new Worker(source, { eval: true, workerData });
  worker.unref();
  let failure: Error | null = null;
  worker.on('error', (error) => {
    failure = error;
  });
  let current = 0;
  return {
    weights, grad, first, second, kernel: kernelName,
    step(options, flush) {
      OPTION_KEYS.forEach((key, i) => {
        params[i] = options[key];
      });
      params[OPTION_KEYS.length] = flush ? 1 : 0;
      current++;
      Atomics.store(control, 0, current);
      Atomics.notify(control, 0);
      adamRange(weights, grad, first, second, options, 0, half, flush, TINY, run);
      if (spinUntilChanged(control, 1, current - 1, SPIN_MS)) return;
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
