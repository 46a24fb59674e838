import * as tf from '@tensorflow/tfjs-core';

/** Tolerances for {@link expectClose}: passes when |actual - expected| <= atol + rtol * |expected|. */
export interface CloseOptions {
  /** Absolute tolerance (default 1e-6). */
  atol?: number;
  /** Relative tolerance (default 1e-6). */
  rtol?: number;
  /** A label put in front of the failure message. */
  label?: string;
}

type Numbers = number | ArrayLike<number> | tf.Tensor;

function toArray(value: Numbers): number[] {
  if (typeof value === 'number') return [value];
  if (value instanceof tf.Tensor) return Array.from(value.dataSync());
  return Array.from(value);
}

/**
 * Asserts elementwise closeness with absolute and relative tolerance; throws an error naming the first index that
 * differs. Works with or without a test runner (it only throws).
 *
 * @param actual - a number, array, typed array or tensor (read with dataSync)
 * @param expected - same length as `actual`
 * @param options - tolerances, default atol = rtol = 1e-6
 * @example
 * ```ts
 * expectClose(tf.matMul(a, b), [58, 64, 139, 154]);
 * ```
 */
export function expectClose(actual: Numbers, expected: Numbers, options: CloseOptions = {}): void {
  const { atol = 1e-6, rtol = 1e-6, label } = options;
  const a = toArray(actual);
  const e = toArray(expected);
  const prefix = label ? `${label}: ` : '';
  if (a.length !== e.length) {
    throw new Error(`${prefix}length ${a.length} differs from expected length ${e.length}`);
  }
  for (let i = 0; i < a.length; i++) {
    const tolerance = atol + rtol * Math.abs(e[i]);
    const ok = Number.isNaN(e[i]) ? Number.isNaN(a[i]) : Math.abs(a[i] - e[i]) <= tolerance;
    if (!ok) {
      throw new Error(
        `${prefix}index ${i}: got ${a[i]}, expected ${e[i]} (|diff| ${Math.abs(a[i] - e[i])} > ${tolerance})`,
      );
    }
  }
}

/**
 * Runs `fn` and throws if it leaves more live tensors than before (`tf.memory().numTensors`).
 *
 * @param fn - the code under test, sync or async; whatever it returns is discarded
 * @returns the number of tensors live before and after (equal when it passes)
 * @example
 * ```ts
 * await expectNoLeak(() => optimizer.update(grads, state, params));
 * ```
 */
export async function expectNoLeak(fn: () => unknown): Promise<{ before: number; after: number }> {
  const before = tf.memory().numTensors;
  await fn();
  const after = tf.memory().numTensors;
  if (after > before) {
    throw new Error(`leaked ${after - before} tensors (live before: ${before}, after: ${after})`);
  }
  return { before, after };
}
