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
