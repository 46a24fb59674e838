import { tf } from '@sgn/tensor';
import type { Params } from './types.js';

/** Applies `fn` to each tensor of `params` (and the same-named tensors of `others`), keeping the names. */
export function mapParams(params: Params, fn: (value: tf.Tensor, name: string) => tf.Tensor): Params {
  const out: Params = {};
  for (const name of Object.keys(params)) out[name] = fn(params[name], name);
  return out;
}

/** Zeros shaped like each parameter. */
export function zerosLike(params: Params): Params {
  return mapParams(params, (value) => tf.zerosLike(value));
}

/**
 * New parameters `params + updates` (updates already carry the minus sign of descent).
 *
 * @param params - the current parameters
 * @param updates - the output of a transformation chain, same names
 * @returns new tensors; the inputs are not disposed
 * @example
 * ```ts
 * const { updates, state: next } = optimizer.update(grads, state, params);
 * params = applyUpdates(params, updates);
 * ```
 */
export function applyUpdates(params: Params, updates: Params): Params {
  return tf.tidy(() =>
    mapParams(params, (value, name) => {
      const update = updates[name];
      if (update === undefined) throw new Error(`updates has no entry for parameter "${name}"`);
      return tf.add(value, update);
    }),
  );
}

/** Every tensor inside a (nested) state, params or result value. */
export function collectTensors(value: unknown, out: tf.Tensor[] = []): tf.Tensor[] {
  if (value instanceof tf.Tensor) out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectTensors(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value as Record<string, unknown>)) collectTensors(item, out);
  }
  return out;
}

/** Disposes the tensors of `previous` that `next` does not hold and `keep` does not list. */
export function disposeReplaced(previous: unknown, next: unknown, keep: ReadonlySet<tf.Tensor> = new Set()): void {
  const live = new Set(collectTensors(next));
  for (const tensor of collectTensors(previous)) {
    if (!live.has(tensor) && !keep.has(tensor) && !tensor.isDisposed) tensor.dispose();
  }
}
