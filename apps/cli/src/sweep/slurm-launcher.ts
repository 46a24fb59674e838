import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { quoteForMessage } from '@sgn/tensor';
import { UsageError } from '../usage-error.js';
import { sgnBin } from './local-launcher.js';

/** What the slurm launcher passes to sbatch: resources per array task and extra flags as given. */
export interface SlurmOptions {
  /** `--time` of each task (e.g. `30:00`). */
  time?: string;
  /** `--mem` of each task (e.g. `4G`). */
  mem?: string;
  /** `--cpus-per-task` (default 1: a run uses one core, two where the wasm kernels split). */
  cpusPerTask?: string;
  partition?: string;
  /** At most this many tasks at once (`--array=0-N%K`). */
  parallel?: string;
  /** Further sbatch flags, each passed through as written (e.g. `--account=theory`). */
  extra: string[];
  /** A shell line run before each task (e.g. `module load nodejs/20`). */
  prelude?: string;
}

/** Why `--launcher slurm` cannot submit here: one message for the check before planning and for sbatch's spawn. */
export const NO_SBATCH =
  '--launcher slurm needs sbatch, which is not found here: run on a Slurm login node, use --dry-run to see the script, or --launcher local';

/** A word for bash: single-quoted, with each single quote closed, escaped and reopened. */
export const shellWord = (word: string): string => `'${word.replaceAll("'", `'\\''`)}'`;

/**
 * The sbatch script of a sweep: a job array with one task per pending run, each task `sgn run` with that run's
 * arguments, in the sweep folder (which must be on a filesystem every node sees), logging to
 * `slurm/task-<array index>.log`.
 *
 * @param out - the sweep folder (made absolute)
 * @param name - the job name
 * @param tasks - the `sgn run` arguments of each pending run
 * @param options - resources and extra sbatch flags
 * @returns the script text
 */
export function slurmScript(out: string, name: string, tasks: readonly string[][], options: SlurmOptions): string {
  const folder = resolve(out);
  const array = `0-${tasks.length - 1}${options.parallel ? `%${options.parallel}` : ''}`;
  const flags = [
    `--job-name=${name}`,
    `--array=${array}`,
    `--output=${folder}/slurm/task-%a.log`,
    `--cpus-per-task=${options.cpusPerTask ?? '1'}`,
    ...(options.time ? [`--time=${options.time}`] : []),
    ...(options.mem ? [`--mem=${options.mem}`] : []),
    ...(options.partition ? [`--partition=${options.partition}`] : []),
    ...options.extra,
  ];
  const cases = tasks
    .map(
      (args, i) =>
        `  ${i}) exec ${shellWord(process.execPath)} ${shellWord(sgnBin)} ${args.map(shellWord).join(' ')} ;;`,
    )
    .join('\n');
  return `#!/bin/bash
${flags.map((flag) => `#SBATCH ${flag}`).join('\n')}
# written by sgn sweep: one array task per pending run of the sweep in ${folder}
set -euo pipefail
${options.prelude ?? '# (a line such as "module load nodejs/20" or "source ~/venv/bin/activate" goes here: --prelude)'}
cd ${shellWord(folder)}
case "$SLURM_ARRAY_TASK_ID" in
${cases}
  *) echo "no run for array task $SLURM_ARRAY_TASK_ID" >&2; exit 2 ;;
esac
`;
}

/**
 * Submits an sbatch script and returns the job id (`sbatch --parsable`).
 *
 * @param scriptPath - the script
 * @returns the job id
 * @throws UsageError when sbatch is missing or refuses the script (its message)
 */
export function submitToSlurm(scriptPath: string): string {
  const result = spawnSync('sbatch', ['--parsable', scriptPath], { encoding: 'utf8' });
  if (result.error) throw new UsageError(NO_SBATCH);
  if (result.status !== 0)
    throw new UsageError(`sbatch refused ${scriptPath}: ${quoteForMessage(result.stderr.trim(), 300)}`);
  return result.stdout.trim().split(';')[0];
}

/** The job's array tasks still known to squeue (pending or running), by state; empty when the job is done. */
export function slurmQueue(jobId: string): Record<string, number> {
  const result = spawnSync('squeue', ['-h', '-r', '-j', jobId, '-o', '%T'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) return {};
  const states: Record<string, number> = {};
  for (const state of result.stdout.split('\n').filter(Boolean)) states[state] = (states[state] ?? 0) + 1;
  return states;
}
