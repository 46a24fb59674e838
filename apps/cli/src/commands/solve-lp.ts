import { readFileSync } from 'node:fs';
import { parsePointsCsv, type Points } from '@sgn/data';
import { quoteForMessage } from '@sgn/tensor';
import { criticalP, sparsestInterpolant, univariateLpMinimizer } from '@sgn/theory';
import { UsageError } from '../usage-error.js';

/** Everything `sgn solve lp` reports for a data set. */
export interface SolveLpReport {
  points: number;
  p: number;
  minimizer: { knots: number[]; slopeChanges: number[]; cost: number; unique: boolean };
  sparsest: { knots: number[]; slopeChanges: number[]; knotCount: number; unique: boolean };
  criticalP: number | null;
}

/** Reads and validates the CSV and p; every problem becomes a one-line usage error. */
export function readSolveInput(file: string, pText: string): { points: Points; p: number } {
  const p = Number(pText);
  if (pText.trim() === '' || !Number.isFinite(p) || p <= 0 || p > 1)
    throw new UsageError(`--p must be in (0, 1], got ${quoteForMessage(pText)}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read --csv ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  try {
    return { points: parsePointsCsv(text), p };
  } catch (error) {
    throw new UsageError(`${file}: ${(error as Error).message}`);
  }
}

/**
 * The exact lp minimizer at p, a sparsest interpolant and p* for user data.
 *
 * @see Nakhleh & Nowak, arXiv 2505.21791, Thm 3.1, 3.2
 */
export function solveLp(points: Points, p: number): SolveLpReport {
  const minimizer = univariateLpMinimizer(points, p);
  const sparsest = sparsestInterpolant(points);
  return {
    points: points.x.length,
    p,
    minimizer: {
      knots: minimizer.knots,
      slopeChanges: minimizer.slopeChanges,
      cost: minimizer.cost,
      unique: minimizer.unique,
    },
    sparsest: {
      knots: sparsest.knots,
      slopeChanges: sparsest.slopeChanges,
      knotCount: sparsest.knotCount,
      unique: sparsest.unique,
    },
    criticalP: criticalP(points).pStar,
  };
}

/** Values for a terminal: all of them up to 20, else the first 20 and how many more (--json has them all). */
const fmt = (values: number[]) => {
  const shown = values.slice(0, 20).map((v) => Number(v.toPrecision(6)));
  return `(${shown.join(', ')}${values.length > 20 ? `, ... ${values.length - 20} more; --json lists all` : ''})`;
};

/** Human-readable lines for a {@link SolveLpReport}. */
export function formatSolveLp(report: SolveLpReport): string {
  const m = report.minimizer;
  const s = report.sparsest;
  return [
    `points: ${report.points}`,
    `lp minimizer at p = ${report.p}: ${m.knots.length} knots at ${fmt(m.knots)}, slope changes ${fmt(m.slopeChanges)}, V_p = ${m.cost.toPrecision(8)}${m.unique ? '' : ' (not unique)'}`,
    `sparsest interpolant: ${s.knotCount} knots at ${fmt(s.knots)}, slope changes ${fmt(s.slopeChanges)}${s.unique ? '' : ' (one of several)'}`,
    report.criticalP === null
      ? 'p*: none, the lp minimizer is a sparsest interpolant for every p in (0, 1)'
      : `p*: ${report.criticalP.toPrecision(6)}, the lp minimizer is sparsest for p < p*`,
  ].join('\n');
}
