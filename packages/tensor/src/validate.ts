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
