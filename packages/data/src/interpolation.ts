import { parseDecimal, quoteForMessage } from '@sgn/tensor';

/**
 * 1-D data points (x_i, y_i) with strictly increasing x, as the lp paper's univariate problem needs. The generators
 * return arrays of the caller's own (fresh copies), plain `number[]`, so they pass straight to `tf.tensor1d`.
 */
export interface Points {
  x: number[];
  y: number[];
}

/**
 * Validates user points for the univariate lp problem: equal lengths, at least 3 points, finite numbers, x strictly
 * increasing (unsorted and duplicated x are rejected, not silently fixed).
 *
 * @param x - abscissae, strictly increasing
 * @param y - values, same length
 * @returns the points, copied
 * @throws an error naming the first offending entry
 * @example
 * ```ts
 * const points = interpolationSet([0, 1, 2], [0, 1, 0]);
 * ```
 */
export function interpolationSet(x: readonly number[], y: readonly number[]): Points {
  if (x.length !== y.length) throw new Error(`x and y must have the same length, got ${x.length} and ${y.length}`);
  if (x.length < 3) throw new Error(`need at least 3 points, got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`x[${i}] must be a finite number, got ${x[i]}`);
    if (!Number.isFinite(y[i])) throw new Error(`y[${i}] must be a finite number, got ${y[i]}`);
    if (i > 0 && x[i] === x[i - 1]) throw new Error(`x must not repeat: x[${i - 1}] = x[${i}] = ${x[i]}`);
    if (i > 0 && x[i] < x[i - 1]) {
      throw new Error(`x must be sorted increasingly: x[${i - 1}] = ${x[i - 1]} > x[${i}] = ${x[i]}`);
    }
  }
  return { x: x.slice(), y: y.slice() };
}

/**
 * The lp paper's "peak/plateau" set: x = (-2, -1, 0, 1, 2, 3), y = (0, 0, 1, 1, 0, 0). Its unique sparsest
 * interpolant f*(x) = (x+1)_+ - 2(x-1/2)_+ + (x-2)_+ is the unique lp minimizer for every p in (0, 1).
 *
 * @returns the six points
 * @example
 * ```ts
 * univariateLpMinimizer(peakPlateau(), 0.4).knots; // [-1, 0.5, 2]
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, experiment (a)
 */
export function peakPlateau(): Points {
  return { x: [-2, -1, 0, 1, 2, 3], y: [0, 0, 1, 1, 0, 0] };
}

/**
 * The ramp with a critical exponent: x = 0..5 and slopes (0, e, 1 + e, 2 + e, 2 + 2e) between consecutive points,
 * so y = (0, 0, e, 1 + 2e, 3 + 3e, 5 + 5e). Its lp minimizer is the 2-knot sparsest interpolant below a p*(e) and
 * has 3 knots above it (at e = 0.05: y = (0, 0, 0.05, 1.1, 3.15, 5.25) and p* = 0.3096).
 *
 * @param e - the ramp parameter, > 0
 * @returns the six points
 * @example
 * ```ts
 * rampPoints(0.05).y; // [0, 0, 0.05, 1.1, 3.15, 5.25]
 * ```
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.2 (a constructed data set with a nontrivial p*)
 */
export function rampPoints(e: number): Points {
  if (!(e > 0 && Number.isFinite(e))) throw new Error(`e must be a finite number > 0, got ${e}`);
  const slopes = [0, e, 1 + e, 2 + e, 2 + 2 * e];
  const y = [0];
  for (const slope of slopes) y.push(y[y.length - 1] + slope);
  return interpolationSet([0, 1, 2, 3, 4, 5], y);
}

/**
 * Parses a CSV of (x, y) rows into validated points. A header row whose cells are not numbers is skipped; blank
 * lines are ignored; every other cell must be a number.
 *
 * @param text - CSV text with two columns
 * @returns the points, validated by {@link interpolationSet}
 * @throws an error naming the line and cell that is not a number, or what {@link interpolationSet} rejects
 * @example
 * ```ts
 * parsePointsCsv('x,y\n0,0\n1,1\n2,0\n');
 * ```
 */

export function parsePointsCsv(text: string): Points {
  const x: number[] = [];
  const y: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== 2)
      throw new Error(`line ${index + 1}: need 2 cells (x,y), got ${cells.length}: ${quoteForMessage(line)}`);
    const numbers = cells.map(parseDecimal);
    if (index === 0 && x.length === 0 && numbers.every((n) => Number.isNaN(n))) return; // header
    numbers.forEach((n, j) => {
      if (!Number.isFinite(n))
        throw new Error(
          `line ${index + 1}: ${j === 0 ? 'x' : 'y'} must be a decimal number, got ${quoteForMessage(cells[j])}`,
        );
    });
    x.push(numbers[0]);
    y.push(numbers[1]);
  });
  return interpolationSet(x, y);
}
