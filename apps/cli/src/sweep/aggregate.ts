import { numericLeaves } from '@sgn/experiments';

/** Mean, sample standard deviation (undefined for one value), min, max and count of one metric over seeds. */
export interface SeedStats {
  mean: number;
  sd: number | null;
  min: number;
  max: number;
  n: number;
}

/** One grid point's aggregate: its swept settings, the seeds that finished, and every metric's statistics. */
export interface PointAggregate {
  settings: Record<string, string>;
  seeds: number[];
  metrics: Record<string, SeedStats>;
}

/**
 * Statistics over seeds of each number in the runs' metrics (paths as `numericLeaves` names them). A metric that
 * is missing or non-finite in a run is left out of that metric's count, never filled in.
 *
 * @param runs - the metrics of each finished seed of one grid point
 * @returns per metric path: mean, sd (n - 1 in the denominator; null for n = 1), min, max, n
 */
export function seedStats(runs: readonly unknown[]): Record<string, SeedStats> {
  const byPath = new Map<string, number[]>();
  for (const metrics of runs) {
    for (const [path, value] of numericLeaves(metrics)) {
      if (!Number.isFinite(value)) continue;
      byPath.set(path, [...(byPath.get(path) ?? []), value]);
    }
  }
  const stats: Record<string, SeedStats> = {};
  for (const [path, values] of byPath) {
    const n = values.length;
    const mean = values.reduce((s, v) => s + v, 0) / n;
    const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : null;
    stats[path] = { mean, sd, min: Math.min(...values), max: Math.max(...values), n };
  }
  return stats;
}

/**
 * The aggregate as CSV, one row per grid point (ready for pandas): the swept settings, then for each metric its
 * mean, sd, min, max and n (empty cells where a point has no value).
 *
 * @param keys - the swept settings, in grid order
 * @param points - the aggregates
 * @returns the CSV text
 */
export function aggregateCsv(keys: readonly string[], points: readonly PointAggregate[]): string {
  const paths = [...new Set(points.flatMap((p) => Object.keys(p.metrics)))];
  const stats = ['mean', 'sd', 'min', 'max', 'n'] as const;
  const header = [...keys, ...paths.flatMap((path) => stats.map((s) => `${path}.${s}`))];
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const rows = points.map((p) => [
    ...keys.map((k) => p.settings[k]),
    ...paths.flatMap((path) => stats.map((s) => String(p.metrics[path]?.[s] ?? ''))),
  ]);
  return `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\n')}\n`;
}
