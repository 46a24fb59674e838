import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import {
  runCheck,
  selectChecks,
  type CheckResult,
  type Preset,
  type RunMemo,
  type TheoryCheck,
} from '@sgn/experiments';
import { quoteForMessage, useBackend } from '@sgn/tensor';
import { UsageError } from '../usage-error.js';
import { markWorkBegun } from '../interrupt.js';

/** Options shared by `sgn check` and `sgn reproduce`. */
export interface CheckOptions {
  /** quick or paper (checks); `sgn run` also accepts an experiment's extra presets, checked against it. */
  preset: Preset;
  seed: number;
  backend: string;
}

/** Parses and validates --preset, --seed and --backend (default wasm). */
export function parseCheckOptions(
  raw: { preset: string; seed: string; backend?: string },
  extraPresets: readonly string[] = [],
): CheckOptions {
  if (raw.preset !== 'quick' && raw.preset !== 'paper' && !extraPresets.includes(raw.preset)) {
    throw new UsageError(
      `--preset must be one of ${['quick', 'paper', ...extraPresets].join(', ')}, got ${quoteForMessage(String(raw.preset))}`,
    );
  }
  const seed = /^\d+$/.test(raw.seed) ? Number(raw.seed) : Number.NaN;
  if (!Number.isSafeInteger(seed)) {
    throw new UsageError(`--seed must be a non-negative integer, got ${quoteForMessage(String(raw.seed))}`);
  }
  const backend = raw.backend ?? 'wasm';
  if (backend !== 'cpu' && backend !== 'wasm')
    throw new UsageError(`--backend must be cpu or wasm, got ${quoteForMessage(String(backend))}`);
  return { preset: raw.preset as Preset, seed, backend };
}

/** Resolves check ids, turning an unknown id into a usage error. */
export function checksFor(ids: readonly string[]): TheoryCheck[] {
  try {
    return selectChecks(ids);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Runs checks one after another on the chosen backend, logging each verdict as it lands.
 *
 * @returns the results in order
 */
export async function runChecks(
  checks: readonly TheoryCheck[],
  options: CheckOptions,
  log: (line: string) => void,
  signal?: AbortSignal,
  memo?: RunMemo,
): Promise<CheckResult[]> {
  await useBackend(options.backend);
  // from here a Ctrl-C stops cleanly: the checks finished so far are printed, the one cut short gets no verdict
  markWorkBegun();
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (signal?.aborted) break;
    log(`running ${check.id} (${options.preset})`);
    const result = await runCheck(check, { preset: options.preset, seed: options.seed, signal, log, memo });
    log(`  ${result.verdict.toUpperCase()} in ${result.seconds.toFixed(1)} s: ${measuredText(result)}`);
    results.push(result);
  }
  return results;
}

/** The verdict table: check, claim, measured, expected, verdict. */
export function formatCheckTable(checks: readonly TheoryCheck[], results: readonly CheckResult[]): string {
  const lines = ['verdict  check                         measured  |  expected'];
  for (const result of results) {
    const check = checks.find((c) => c.id === result.id);
    lines.push(
      `${verdictLabel(result).padEnd(8)} ${result.id.padEnd(29)} ${measuredText(result)}  |  ${result.expected}`,
    );
    if (check) lines.push(`${' '.repeat(9)}claim: ${check.claim}`);
  }
  lines.push(checkCounts(checks, results));
  return lines.join('\n');
}

/** What a check measured, and, when it failed where a departure was known, that it is an expected non-reproduction. */
export function measuredText(result: CheckResult): string {
  if (result.verdict !== 'fail' || !result.departure) return result.measured;
  return `${result.measured}; EXPECTED NON-REPRODUCTION: ${result.departure}`;
}

/** PASS, FAIL or STOPPED (an interrupted check has no verdict). */
export function verdictLabel(result: CheckResult): string {
  return result.verdict === 'interrupted' ? 'STOPPED' : result.verdict.toUpperCase();
}

/** "N of M checks passed", with the interrupted and the not-run ones counted when there are any. */
export function checkCounts(checks: readonly TheoryCheck[], results: readonly CheckResult[]): string {
  const passed = results.filter((r) => r.verdict === 'pass').length;
  const interrupted = results.filter((r) => r.verdict === 'interrupted').length;
  const notRun = checks.length - results.length;
  const extra = [
    interrupted > 0 ? `${interrupted} interrupted (no verdict)` : '',
    notRun > 0 ? `${notRun} not run` : '',
  ].filter(Boolean);
  const expected = results.filter((r) => r.verdict === 'fail' && r.departure).length;
  if (expected > 0) extra.unshift(`${expected} failed as expected (known departures from the paper)`);
  return `${passed} of ${checks.length} checks passed${extra.length > 0 ? `; ${extra.join(', ')}` : ''}`;
}

/**
 * The exit status of a set of checks: 130 when the run was interrupted (a check cut short or checks not run after
 * Ctrl-C), 1 when one failed or was not run, 0 when every check passed.
 */
export function checksExitCode(
  checks: readonly TheoryCheck[],
  results: readonly CheckResult[],
  signal?: AbortSignal,
): number {
  if (signal?.aborted || results.some((r) => r.verdict === 'interrupted')) return 130;
  return results.length < checks.length || results.some((r) => r.verdict !== 'pass') ? 1 : 0;
}
