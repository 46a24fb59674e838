import { parseDecimal, quoteForMessage } from '@sgn/tensor';
import { UsageError } from '../usage-error.js';

/** One swept setting and its values, as text for `--set` (the experiment's schema checks each). */
export interface GridAxis {
  key: string;
  values: string[];
  /** How the values were given: a list, `a:b:n` or `a..b*n` (drawn on a log axis). */
  spacing: 'list' | 'linear' | 'log';
}

/** The largest number of points a sweep may have (grid points times seeds). */
export const MAX_SWEEP_RUNS = 10_000;

/** A number as `--set` takes it: the shortest decimal text that reads back as the same float64. */
const decimalText = (value: number): string => String(Number(value.toPrecision(15)));

/** `a:b:n` (linear) or `a..b*n` (log) as n decimal texts from a to b. */
function spaced(key: string, text: string, kind: 'linear' | 'log'): string[] {
  const match = kind === 'linear' ? /^([^:]+):([^:]+):([^:]+)$/.exec(text) : /^(.+)\.\.([^*]+)\*(.+)$/.exec(text);
  const [a, b, n] = match ? match.slice(1).map(parseDecimal) : [Number.NaN, Number.NaN, Number.NaN];
  const form = kind === 'linear' ? 'a:b:n (n points from a to b)' : 'a..b*n (n log-spaced points from a > 0 to b > 0)';
  const good = Number.isFinite(a) && Number.isFinite(b) && Number.isInteger(n) && n >= 2 && n <= MAX_SWEEP_RUNS;
  if (!good || (kind === 'log' && (a <= 0 || b <= 0)))
    throw new UsageError(
      `--grid ${key}: ${quoteForMessage(text)} is not ${form}, n an integer in [2, ${MAX_SWEEP_RUNS}]`,
    );
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    return decimalText(kind === 'linear' ? a + (b - a) * t : a * (b / a) ** t);
  });
}

/**
 * Parses one `--grid` option: `key=v1,v2,...` (the values as written), `key=a:b:n` (n linearly spaced points from
 * a to b) or `key=a..b*n` (n log-spaced points, a, b > 0).
 *
 * @param text - the option's value
 * @returns the axis
 * @throws UsageError naming the option and what is allowed
 * @example
 * ```ts
 * parseGridAxis('d=1000,3000'); // { key: 'd', values: ['1000', '3000'], spacing: 'list' }
 * parseGridAxis('p=0.2:0.8:4'); // values ['0.2', '0.4', '0.6', '0.8'], spacing 'linear'
 * parseGridAxis('eta=1e-4..1e-2*3'); // values ['0.0001', '0.001', '0.01'], spacing 'log'
 * ```
 */
export function parseGridAxis(text: string): GridAxis {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`--grid takes key=values, got ${quoteForMessage(text)}`);
  const key = text.slice(0, at);
  const spec = text.slice(at + 1);
  if (spec.includes('..')) return { key, values: spaced(key, spec, 'log'), spacing: 'log' };
  if (spec.includes(':')) return { key, values: spaced(key, spec, 'linear'), spacing: 'linear' };
  const values = spec.split(',');
  if (spec === '' || values.some((v) => v === ''))
    throw new UsageError(`--grid ${key}: give values separated by commas, got ${quoteForMessage(spec)}`);
  if (new Set(values).size !== values.length)
    throw new UsageError(`--grid ${key}: a value is listed twice in ${quoteForMessage(spec)}`);
  return { key, values, spacing: 'list' };
}

/**
 * Parses `--seeds`: `a..b` (a to b inclusive) or `s1,s2,...`; each a non-negative integer.
 *
 * @param text - the option's value
 * @returns the seeds, in order
 * @throws UsageError naming the value and what is allowed
 */
export function parseSeeds(text: string): number[] {
  const bad = () =>
    new UsageError(`--seeds must be a..b or a list s1,s2,... of non-negative integers, got ${quoteForMessage(text)}`);
  const integer = (part: string) => {
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part))) throw bad();
    return Number(part);
  };
  if (text.includes('..')) {
    const [a, b, ...rest] = text.split('..');
    const [low, high] = [integer(a), integer(b)];
    if (rest.length > 0 || high < low || high - low >= MAX_SWEEP_RUNS) throw bad();
    return Array.from({ length: high - low + 1 }, (_, i) => low + i);
  }
  const seeds = text.split(',').map(integer);
  if (new Set(seeds).size !== seeds.length) throw bad();
  return seeds;
}

/**
 * Every combination of the axes' values, the first axis slowest (as nested loops in the order given).
 *
 * @param axes - the swept settings (each key once)
 * @returns one `--set` map per grid point
 * @throws UsageError when a key is swept twice or the grid is larger than {@link MAX_SWEEP_RUNS}
 */
export function expandGrid(axes: readonly GridAxis[]): Record<string, string>[] {
  const keys = axes.map((a) => a.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice !== undefined) throw new UsageError(`--grid ${twice} is given twice; give each swept setting once`);
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  if (size > MAX_SWEEP_RUNS)
    throw new UsageError(`the grid has ${size} points, more than ${MAX_SWEEP_RUNS}: sweep fewer values`);
  let points: Record<string, string>[] = [{}];
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => ({ ...p, [axis.key]: v })));
  return points;
}
