/**
 * The real-data checks' reading of a curve (test error against a grid of batch sizes or weight decays, mean over
 * seeds): where it degrades. Written down before any run, so that a check cannot be tuned to a result.
 */

/** The mean and the sample standard deviation of each grid point over seeds (`values[seed][point]`). */
export function overSeeds(values: readonly (readonly number[])[]): { mean: number[]; sd: number[] } {
  const points = values[0]?.length ?? 0;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let j = 0; j < points; j++) {
    const column = values.map((row) => row[j]);
    const m = column.reduce((s, v) => s + v, 0) / column.length;
    mean.push(m);
    sd.push(column.length > 1 ? Math.sqrt(column.reduce((s, v) => s + (v - m) ** 2, 0) / (column.length - 1)) : 0);
  }
  return { mean, sd };
}

/** The smallest rise over the best point that counts as degraded: 0.02, or twice the largest sd on the curve. */
export function degradationTolerance(sd: readonly number[]): number {
  return Math.max(0.02, 2 * Math.max(0, ...sd));
}

/** Where a curve over an ascending grid degrades. */
export interface Degradation {
  /** The lowest mean error and the grid value where it is. */
  best: number;
  bestAt: number;
  tolerance: number;
  /** Per grid point: mean error above best + tolerance. */
  degraded: boolean[];
  /**
   * The smallest grid value from which every point is degraded (the threshold), or null when the last point is not
   * degraded (no threshold within the grid).
   */
  threshold: number | null;
  /** True when the degraded points are exactly those from the threshold on (once degraded, always degraded). */
  sharp: boolean;
}

/**
 * Reads a curve: the best point, the points degraded by more than `tolerance`, and the threshold past which all are.
 *
 * @param grid - ascending grid values (batch sizes, weight decays)
 * @param mean - mean error at each
 * @param tolerance - see {@link degradationTolerance}
 */
export function degradation(grid: readonly number[], mean: readonly number[], tolerance: number): Degradation {
  if (grid.length !== mean.length || grid.length === 0)
    throw new Error('grid and mean must be non-empty and equal in length');
  const best = Math.min(...mean);
  const bestAt = grid[mean.indexOf(best)];
  const degraded = mean.map((e) => e > best + tolerance);
  let first = grid.length;
  while (first > 0 && degraded[first - 1]) first--;
  const threshold = first < grid.length ? grid[first] : null;
  const sharp = degraded.every((d, j) => d === j >= first);
  return { best, bestAt, tolerance, degraded, threshold, sharp };
}

/**
 * Figure 1's claim on one optimizer's curve over {@link REAL_BATCHES}-like ascending batch sizes: a plateau (the two
 * smallest B within tolerance of the best), then a threshold past which every B is degraded, and nothing degraded
 * before it.
 */
export function batchThresholdHolds(grid: readonly number[], reading: Degradation): boolean {
  return reading.threshold !== null && reading.sharp && reading.threshold > grid[1];
}

/**
 * Figure 2's claim: Adam's λ window closes inside its grid (a threshold λ), and AdamW's closes only at a larger λ,
 * or not within its grid.
 */
export function decayWindowHolds(adam: Degradation, adamw: Degradation): boolean {
  return adam.threshold !== null && (adamw.threshold === null || adamw.threshold > adam.threshold);
}
