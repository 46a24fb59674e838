import type { RunMemo } from './memo.js';

/** How big a theory check runs: 'quick' for minutes on 2 cores, 'paper' for the papers' stated settings. */
export type Preset = 'quick' | 'paper';

/** What a check measured, against what it expected. */
export interface CheckResult {
  /** The check's id. */
  id: string;
  /** True when the measurement satisfies the claim (false when interrupted: no verdict is not a pass). */
  pass: boolean;
  /**
   * 'pass' or 'fail', or 'interrupted' when the signal aborted while the check ran: its numbers come from
   * cut-short runs and are no verdict (they are kept in `details.partial`).
   */
  verdict: 'pass' | 'fail' | 'interrupted';
  /** What was measured, in words and numbers. */
  measured: string;
  /** What the claim expects. */
  expected: string;
  /** Numbers for machines (written to result.json). */
  details: Record<string, unknown>;
  /**
   * Set when the claim is known, before the run, not to reproduce at these settings, from sgn's own measurements
   * (e.g. the stochastic-Adam paper preset's d, where sgn measured no large-batch failure): why, in words. A failing
   * check with a departure is an expected non-reproduction, reported as such; it still fails.
   */
  departure?: string;
  /** Seconds the check took. */
  seconds: number;
}

/** Context given to a check. */
export interface CheckContext {
  preset: Preset;
  seed: number;
  signal?: AbortSignal;
  /** Progress lines for a terminal. */
  log?: (line: string) => void;
  /** Finished runs shared with the invocation's other experiments and checks. */
  memo?: RunMemo;
}

/** A claim from a paper, and the experiment that measures it. */
export interface TheoryCheck {
  /** Stable id, e.g. `lp.peak-plateau-exact`. */
  id: string;
  /** The paper, e.g. `Nakhleh & Nowak, arXiv 2505.21791`. */
  paper: string;
  /** The claim in one line. */
  claim: string;
  /** Runs the experiment and compares. */
  run(context: CheckContext): Promise<Omit<CheckResult, 'id' | 'seconds' | 'verdict'>>;
}

/**
 * Runs a check and times it. A check during which the signal aborted is recorded as interrupted, with no verdict,
 * whatever it computed from its cut-short runs.
 *
 * @param check - the check
 * @param context - preset, seed, signal
 * @returns its result with id, verdict and seconds
 */
export async function runCheck(check: TheoryCheck, context: CheckContext): Promise<CheckResult> {
  const start = performance.now();
  let result: Awaited<ReturnType<TheoryCheck['run']>> | undefined;
  try {
    result = await check.run(context);
  } catch (error) {
    // a check cut short may find its runs incomplete and throw reading them: that is an interruption, not an error
    if (!context.signal?.aborted) throw error;
  }
  const seconds = (performance.now() - start) / 1000;
  if (context.signal?.aborted || result === undefined) {
    return {
      id: check.id,
      pass: false,
      verdict: 'interrupted',
      measured: `interrupted after ${seconds.toFixed(1)} s: no verdict (the runs were cut short)`,
      expected: result?.expected ?? '',
      details: result ? { partial: { pass: result.pass, measured: result.measured, details: result.details } } : {},
      seconds,
    };
  }
  return { id: check.id, ...result, verdict: result.pass ? 'pass' : 'fail', seconds };
}
