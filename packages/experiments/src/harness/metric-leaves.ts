/**
 * The numbers in a metrics object with their paths (`final.testError`, `lateRate[2]`), in order: the one walk behind
 * the non-finite check of `sgn run` and the columns of a sweep's aggregate. Strings, booleans and nulls are not
 * numbers and are left out.
 *
 * @param value - metrics (objects, arrays, numbers)
 * @param path - the path of `value` itself
 * @returns [path, number] pairs
 * @example
 * ```ts
 * numericLeaves({ a: 1, b: [2, { c: 3 }], kernel: 'wasm' }); // [['a', 1], ['b[0]', 2], ['b[1].c', 3]]
 * ```
 */
export function numericLeaves(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path || '(value)', value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => numericLeaves(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => numericLeaves(item, path ? `${path}.${key}` : key));
  return [];
}

/** A CSV table of numbers: a header and one line per row; non-finite cells are empty (pandas reads NaN). */
export function toCsv(columns: readonly string[], rows: readonly (readonly number[])[]): string {
  return `${columns.join(',')}\n${rows.map((row) => row.map((v) => (Number.isFinite(v) ? String(v) : '')).join(',')).join('\n')}\n`;
}
