/**
 * Checks count arguments (sizes, widths, steps, draws): throws `<name> must be a positive integer, got <value>` for
 * the first entry, in the order given, that is not an integer >= 1. The one check behind every such argument in sgn,
 * so every package words the error the same way.
 *
 * @param counts - argument names and their values
 * @throws naming the first bad argument and its value
 * @example
 * ```ts
 * requirePositiveIntegers({ n: 200, d: 0 }); // Error: d must be a positive integer, got 0
 * ```
 */
export function requirePositiveIntegers(counts: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  }
}

/** A decimal number as a person writes it: sign, digits, an optional fraction and exponent, nothing else. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads text as a decimal number, or NaN when it is not one: `Number()` alone also takes "0x10", "0b1", " 5 ",
 * "Infinity" and "" (as 0). The one rule behind sgn's settings and CSV cells.
 *
 * @param text - the text
 * @returns its value, or NaN
 * @example
 * ```ts
 * parseDecimal('2.5e-3'); // 0.0025
 * parseDecimal('0x10'); // NaN
 * ```
 */
export function parseDecimal(text: string): number {
  return DECIMAL.test(text) ? Number(text) : Number.NaN;
}

/**
 * A value as an error message shows it: JSON-quoted (so control characters, ANSI and OSC escapes included, are
 * printed escaped, never executed by the terminal) and cut at `max` characters. The one rule behind every echoed
 * input in sgn's errors.
 *
 * @param text - the value as given
 * @param max - the longest part shown (default 60)
 * @returns the quoted, escaped, cut value
 * @example
 * ```ts
 * quoteForMessage('0x10'); // '"0x10"'
 * quoteForMessage('\u001b]0;pwned\u0007'); // '"\\u001b]0;pwned\\u0007"'
 * ```
 */
export function quoteForMessage(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

/**
 * A run that diverged: a weight (or parameter) is no longer finite. `detail` names the entry, its value and when
 * (e.g. "weights[3] is NaN at epoch 12"); callers that know the run's settings add which to lower (`sgn run` names
 * its step-size settings).
 */
export class DivergedError extends Error {
  constructor(readonly detail: string) {
    super(`${detail}: the run diverged (lower the learning rate or check ε)`);
    this.name = 'DivergedError';
  }
}

/**
 * Throws when an array of weights (or moments) holds NaN or ±Infinity: a diverged run must fail loudly, not go on
 * with `max(NaN, 0)` read as 0 and a finite loss. The one check every fused trainer runs on its weights.
 *
 * @param values - the array
 * @param name - what it is, for the message (e.g. "weights")
 * @param where - when, for the message (e.g. "after step 120")
 * @throws {@link DivergedError} naming the first non-finite entry, its index and value
 * @example
 * ```ts
 * requireFinite(Float64Array.of(1, Number.NaN), 'weights', 'after step 3'); // DivergedError: weights[1] is NaN after step 3 ...
 * ```
 */
export function requireFinite(values: ArrayLike<number>, name: string, where: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new DivergedError(`${name}[${i}] is ${values[i]} ${where}`);
  }
}
