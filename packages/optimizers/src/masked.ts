import type { GradientTransformation, Params } from './types.js';

/** Which parameters a masked transformation touches: a name list, a record of flags, or a predicate. */
export type ParamMask = readonly string[] | Record<string, boolean> | ((name: string) => boolean);

function toPredicate(mask: ParamMask): (name: string) => boolean {
  if (typeof mask === 'function') return mask;
  if (Array.isArray(mask)) return (name) => mask.includes(name);
  const flags = mask as Record<string, boolean>;
  return (name) => flags[name] === true;
}

function pick(params: Params, keep: (name: string) => boolean): Params {
  const out: Params = {};
  for (const name of Object.keys(params)) if (keep(name)) out[name] = params[name];
  return out;
}

/**
 * Applies `transform` only to the parameters the mask selects; the others' updates pass through unchanged. The
 * inner state covers the selected parameters only.
 *
 * @param transform - the transformation to restrict
 * @param mask - parameter names, `{ name: true }` flags, or a predicate on names
 * @returns the restricted transformation
 * @example
 * ```ts
 * // decay the weights, not the biases
 * const opt = chain(scaleByAdam(), masked(addDecayedWeights(1e-2), ['w']), scaleByLearningRate(1e-3));
 * ```
 * @see optax.masked
 */
export function masked<S>(transform: GradientTransformation<S>, mask: ParamMask): GradientTransformation<S> {
  const selected = toPredicate(mask);
  return {
    spec: { kind: 'masked' },
    init: (params) => transform.init(pick(params, selected)),
    update(updates, state, params) {
      const inner = transform.update(pick(updates, selected), state, pick(params, selected));
      const out: Params = {};
      for (const name of Object.keys(updates)) out[name] = selected(name) ? inner.updates[name] : updates[name];
      return { updates: out, state: inner.state };
    },
  };
}
