/**
 * Lets timers, I/O and AbortSignal listeners run between steps of a long synchronous loop (setImmediate in Node,
 * a zero timeout in browsers).
 *
 * @returns a promise that resolves on the next turn of the event loop
 * @example
 * ```ts
 * if (step % 1000 === 0) await yieldToEventLoop();
 * ```
 */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/**
 * A yield for hot loops that yields only when `everyMs` of work have passed since the last one: call it every step,
 * and timers, I/O and AbortSignal listeners (Ctrl-C) still run at least every `everyMs`, whatever a step costs.
 *
 * @param everyMs - the longest stretch of work between two yields (default 50 ms)
 * @returns the per-step yield
 * @example
 * ```ts
 * const maybeYield = createYielder();
 * for (let t = 0; t < steps && !signal?.aborted; t++) { step(); await maybeYield(); }
 * ```
 */
export function createYielder(everyMs = 50): () => Promise<void> {
  let last = performance.now();
  return async () => {
    const now = performance.now();
    if (now - last < everyMs) return;
    await yieldToEventLoop();
    last = performance.now();
  };
}
