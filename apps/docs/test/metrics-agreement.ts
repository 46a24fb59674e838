// How far a page's metrics are from the CLI's for the same settings and seed: leaf by leaf, numbers to a tolerance,
// everything else (strings, booleans, nulls, the shape) exactly.

/** A tolerance on numbers: |a − b| ≤ relative · max(|a|, |b|) + absolute. */
export interface Tolerance {
  relative: number;
  absolute: number;
}

/** The leaves of a metrics object with their paths (`runs[3].knots[1].location`), numbers and other values alike. */
function leaves(value: unknown, path: string, out: Map<string, unknown>): Map<string, unknown> {
  if (Array.isArray(value)) value.forEach((item, i) => leaves(item, `${path}[${i}]`, out));
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) leaves(item, path ? `${path}.${key}` : key, out);
  else out.set(path || '(value)', value);
  return out;
}

/**
 * Compares two metrics objects.
 *
 * @param page - the metrics the page showed
 * @param cli - the metrics of `sgn run` (result.json)
 * @param tolerance - for numbers
 * @param except - leaf paths compared by the caller instead (e.g. the kernel names, which name the backend)
 * @returns the leaves out of tolerance (described), how many leaves were compared, the largest
 *   relative difference of the numbers
 */
export function metricsAgreement(
  page: unknown,
  cli: unknown,
  tolerance: Tolerance,
  except: (path: string) => boolean = () => false,
): { problems: string[]; compared: number; worstRelative: number } {
  const a = leaves(page, '', new Map());
  const b = leaves(cli, '', new Map());
  const problems: string[] = [];
  let worstRelative = 0;
  let compared = 0;
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (except(path)) continue;
    compared++;
    const x = a.get(path);
    const y = b.get(path);
    if (!a.has(path) || !b.has(path)) problems.push(`${path}: only in the ${a.has(path) ? 'page' : 'CLI'}`);
    else if (typeof x === 'number' && typeof y === 'number') {
      if (x === y) continue;
      const scale = Math.max(Math.abs(x), Math.abs(y));
      worstRelative = Math.max(worstRelative, Math.abs(x - y) / scale);
      if (!(Math.abs(x - y) <= tolerance.relative * scale + tolerance.absolute))
        problems.push(`${path}: page ${x}, CLI ${y}`);
    } else if (x !== y) problems.push(`${path}: page ${JSON.stringify(x)}, CLI ${JSON.stringify(y)}`);
  }
  return { problems, compared, worstRelative };
}
