// One row of `sgn bench`: kept apart so the workload modules and the table share it without a cycle.

/** One timed workload on one engine/backend. */
export interface BenchRow {
  workload: string;
  engine: string;
  msPerStep: number;
  /** The read-out compared across engines before a time is reported. */
  activeNeurons?: number;
  interpolationError?: number;
  trainLoss?: number;
  mse?: number;
  logTanHalf?: number;
  /** Peak resident memory of the process that ran the row (MB), and its peak before the workload (after imports). */
  peakMB?: number;
  baseMB?: number;
  /** Timed while a competing busy process held one core (`sgn bench --under-load`). */
  underLoad?: boolean;
  /** The same engine's time on the quiet machine, beside a row timed under load. */
  quietMsPerStep?: number;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMB(): number {
  return process.resourceUsage().maxRSS / 1024;
}
