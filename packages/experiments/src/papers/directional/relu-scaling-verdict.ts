import type { ReluScalingRun } from './relu-scaling-runs.js';

/** One learning rate's reading: when each run left the plateau, and how much sooner the scaled ones did. */
export interface ScalingReading {
  learningRate: number;
  /** First step at or below the plateau-exit error, null when not within the run. */
  exit: { none: number | null; input: number | null; weights: number | null };
  /**
   * Steps saved by each scaling: exit(none) - exit(scaled), a lower bound (`atLeast`) when the unscaled run did not
   * leave the plateau (its exit counted as the run's last step); null when the scaled run did not leave it either.
   */
  saved: { input: { steps: number; atLeast: boolean } | null; weights: { steps: number; atLeast: boolean } | null };
  /** True when both scaled runs left the plateau strictly sooner than the unscaled one (which may not at all). */
  faster: boolean;
}

/**
 * Reads the three runs of one learning rate. Figure 2's claim is that scaling speeds up the early phase: a scaled
 * run must leave the plateau within its steps, and before the unscaled run (or the unscaled run not at all).
 *
 * @param runs - the runs of one learning rate, one per scaling
 * @param lastStep - the runs' number of steps
 */
export function readScaling(runs: readonly ReluScalingRun[], lastStep: number): ScalingReading {
  const of = (scaling: ReluScalingRun['scaling']) => {
    const run = runs.find((r) => r.scaling === scaling);
    if (!run) throw new Error(`no ${scaling} run among ${runs.map((r) => r.scaling).join(', ')}`);
    return run;
  };
  const exit = { none: of('none').plateauExit, input: of('input').plateauExit, weights: of('weights').plateauExit };
  const savedBy = (scaled: number | null) =>
    scaled === null
      ? null
      : exit.none === null
        ? { steps: lastStep - scaled, atLeast: true }
        : { steps: exit.none - scaled, atLeast: false };
  const sooner = (scaled: number | null) => scaled !== null && (exit.none === null || scaled < exit.none);
  return {
    learningRate: of('none').learningRate,
    exit,
    saved: { input: savedBy(exit.input), weights: savedBy(exit.weights) },
    faster: sooner(exit.input) && sooner(exit.weights),
  };
}

/** The run's norm dip: 1 - (smallest measured weight norm) / (initial weight norm), 0 when it never fell below it. */
export function normDip(run: ReluScalingRun): number {
  return Math.max(0, 1 - Math.min(...run.weightNorm) / run.initialWeightNorm);
}
