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
