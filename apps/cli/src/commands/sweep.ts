import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { findExperiment, type SettingValue } from '@sgn/experiments';
import { quoteForMessage } from '@sgn/tensor';
import { writeFileAtomic } from '../atomic-write.js';
import { prepareOutputFolder } from '../output-folder.js';
import { aggregateCsv, seedStats, type PointAggregate } from '../sweep/aggregate.js';
import { expandGrid, MAX_SWEEP_RUNS, parseGridAxis, parseSeeds, type GridAxis } from '../sweep/grid.js';
import { runLocal, type SweepTask } from '../sweep/local-launcher.js';
import { NO_SBATCH, slurmQueue, slurmScript, submitToSlurm, type SlurmOptions } from '../sweep/slurm-launcher.js';
import { defaultPlotMetrics, writeSweepReport } from '../sweep/sweep-report.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../usage-error.js';
import { resolveRunSettings } from './run.js';

/** The options of `sgn sweep`, as parsed from the command line. */
export interface SweepOptions {
  preset: string;
  grid: string[];
  seeds: string;
  overrides: Record<string, string>;
  launcher: string;
  jobs?: string;
  /** Metric paths to plot (default: the first few scalar metrics). */
  plot?: string[];
  /** The slurm launcher's resources and sbatch flags. */
  slurm?: SlurmOptions;
  /** Slurm: print the sbatch script instead of submitting it. */
  dryRun?: boolean;
  out: string;
  signal?: AbortSignal;
  log: (line: string) => void;
}

/** The sweep as written in `manifest.json`: enough to run, resume, check on and collect it later, anywhere. */
export interface SweepManifest {
  experiment: string;
  preset: string;
  grid: GridAxis[];
  seeds: number[];
  fixed: Record<string, string>;
  plot: string[];
  runs: SweepRun[];
}

/** One run of a sweep: its grid point, seed, resolved settings, and the key of its folder `runs/<key>`. */
export interface SweepRun {
  point: number;
  seed: number;
  key: string;
  settings: Record<string, SettingValue>;
}

/** The folder of a run of the sweep in `out`: `sgn run`'s `--out`; its files are in `<folder>/<experiment>/`. */
export const runFolder = (out: string, key: string): string => join(out, 'runs', key);

/** What a sweep did. */
export interface SweepRecord {
  runs: SweepRun[];
  skipped: number;
  failed: { run: SweepRun; status: number; log: string }[];
  interrupted: boolean;
  aggregate: PointAggregate[];
  /** Slurm: the job array submitted (or, with --dry-run, the script that would be). */
  slurm?: { jobId?: string; tasks: number; script: string };
}

/**
 * A run's folder key: a hash of the experiment, preset, seed and every resolved setting, so that the same run in
 * two sweeps (or a rerun) is one folder, and any difference is another.
 */
export function runKey(experiment: string, preset: string, seed: number, settings: Record<string, SettingValue>) {
  const sorted = Object.fromEntries(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256')
    .update(JSON.stringify({ experiment, preset, seed, settings: sorted }))
    .digest('hex')
    .slice(0, 16);
}

/** The metrics of a run that finished (its result.json in `<folder>/<experiment>/` says complete), else undefined. */
export function finishedMetrics(folder: string, experiment: string): unknown {
  const path = join(folder, experiment, 'result.json');
  if (!existsSync(path)) return undefined;
  const result = JSON.parse(readFileSync(path, 'utf8')) as { complete?: boolean; metrics?: unknown };
  return result.complete === true ? result.metrics : undefined;
}

function planSweep(id: string, options: SweepOptions) {
  let experiment;
  try {
    experiment = findExperiment(id);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (options.launcher !== 'local' && options.launcher !== 'slurm')
    throw new UsageError(`--launcher must be local or slurm, got ${quoteForMessage(options.launcher)}`);
  if (options.launcher === 'slurm' && !options.dryRun && spawnSync('sbatch', ['--version']).error)
    throw new UsageError(NO_SBATCH);
  if (options.slurm?.parallel !== undefined && !/^[1-9]\d*$/.test(options.slurm.parallel))
    throw new UsageError(`--parallel must be a positive integer, got ${quoteForMessage(options.slurm.parallel)}`);
  const jobs = options.jobs === undefined ? availableParallelism() : Number(options.jobs);
  if (options.jobs !== undefined && (!/^\d+$/.test(options.jobs) || jobs < 1 || jobs > 256))
    throw new UsageError(`--jobs must be an integer in [1, 256], got ${quoteForMessage(options.jobs)}`);
  if (options.grid.length === 0) throw new UsageError('give at least one --grid key=values');
  const axes: GridAxis[] = options.grid.map(parseGridAxis);
  for (const axis of axes) {
    if (!experiment.settings.some((s) => s.key === axis.key))
      throw new UsageError(
        `--grid ${quoteForMessage(axis.key)} is not a setting of ${id}; settings: ${experiment.settings.map((s) => s.key).join(', ')}`,
      );
    if (axis.key in options.overrides)
      throw new UsageError(`${axis.key} is both swept (--grid) and fixed (--set); give one of them`);
  }
  const points = expandGrid(axes);
  const seeds = parseSeeds(options.seeds);
  if (points.length * seeds.length > MAX_SWEEP_RUNS)
    throw new UsageError(`the sweep has ${points.length * seeds.length} runs, more than ${MAX_SWEEP_RUNS}`);
  const runs: SweepRun[] = [];
  points.forEach((point, index) => {
    let settings: Record<string, SettingValue>;
    try {
      settings = resolveRunSettings(experiment, options.preset, { ...options.overrides, ...point });
    } catch (error) {
      throw new UsageError(`grid point ${JSON.stringify(point)}: ${(error as Error).message}`);
    }
    for (const seed of seeds)
      runs.push({ point: index, seed, key: runKey(id, options.preset, seed, settings), settings });
  });
  return { experiment, axes, points, seeds, runs, jobs };
}

/** The `sgn run` arguments of one run of a sweep, its `--out` relative to the sweep folder (`runs/<key>`). */
export function runArguments(manifest: SweepManifest, run: SweepRun): string[] {
  const sets = Object.entries(run.settings).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
  return [
    'run',
    manifest.experiment,
    '--preset',
    manifest.preset,
    '--seed',
    String(run.seed),
    ...sets,
    '--out',
    join('runs', run.key),
    '--resume',
  ];
}

/** Reads a sweep folder's manifest, as a usage error when there is none. */
export function readManifest(out: string): SweepManifest {
  const path = join(out, 'manifest.json');
  if (!existsSync(path))
    throw new UsageError(`${out} holds no sweep (no manifest.json); start one with sgn sweep <experiment>`);
  return JSON.parse(readFileSync(path, 'utf8')) as SweepManifest;
}

/**
 * Aggregates whatever runs of a sweep have finished (on disk, whichever launcher ran them) into sweep.json,
 * sweep.csv, the plots and index.html.
 *
 * @param out - the sweep folder
 * @param manifest - its manifest
 * @returns the aggregate, one entry per grid point
 */
export async function collectSweep(out: string, manifest: SweepManifest): Promise<PointAggregate[]> {
  const id = manifest.experiment;
  const points = expandGrid(manifest.grid);
  const aggregate = points.map((settings, index) => {
    const finished = manifest.runs
      .filter((r) => r.point === index)
      .map((r) => ({ seed: r.seed, metrics: finishedMetrics(runFolder(out, r.key), id) }))
      .filter((r) => r.metrics !== undefined);
    return { settings, seeds: finished.map((r) => r.seed), metrics: seedStats(finished.map((r) => r.metrics)) };
  });
  const { grid, seeds, preset } = manifest;
  writeFileAtomic(
    join(out, 'sweep.json'),
    `${JSON.stringify({ experiment: id, preset, grid, seeds, points: aggregate }, null, 2)}\n`,
  );
  writeFileAtomic(
    join(out, 'sweep.csv'),
    aggregateCsv(
      grid.map((a) => a.key),
      aggregate,
    ),
  );
  const metrics = manifest.plot.length > 0 ? manifest.plot : defaultPlotMetrics(aggregate);
  await writeSweepReport(
    out,
    id,
    grid,
    aggregate,
    metrics,
    manifest.runs.map((r) => r.key),
    findExperiment(id).sweepCurves ?? [],
  );
  return aggregate;
}

/**
 * `sgn sweep`: a grid over settings and seeds, each point and seed exactly `sgn run` with those settings in its
 * own folder keyed by settings and seed; finished runs are skipped and interrupted ones resumed from their
 * checkpoints. The local launcher runs them on a pool of processes and aggregates over seeds into `sweep.json` and
 * `sweep.csv`; the slurm launcher submits them as a job array (see `submitSweepToSlurm`).
 *
 * @param id - the experiment
 * @param options - grid, seeds, preset, fixed settings, launcher, jobs, output folder
 * @returns the runs, what was skipped, failed or interrupted, and the aggregate
 */
export async function runSweep(id: string, options: SweepOptions): Promise<SweepRecord> {
  const plan = planSweep(id, options);
  const out = prepareOutputFolder(options.out);
  const manifest: SweepManifest = {
    experiment: id,
    preset: options.preset,
    grid: plan.axes,
    seeds: plan.seeds,
    fixed: options.overrides,
    plot: options.plot ?? [],
    runs: plan.runs,
  };
  writeFileAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const pending = plan.runs.filter((run) => finishedMetrics(runFolder(out, run.key), id) === undefined);
  const skipped = plan.runs.length - pending.length;
  options.log(
    `sweep ${id}: ${plan.points.length} grid points x ${plan.seeds.length} seeds = ${plan.runs.length} runs, ${skipped} already finished, ${pending.length} to run ${options.launcher === 'slurm' ? 'as a Slurm job array' : `on ${Math.min(plan.jobs, Math.max(pending.length, 1))} processes`}`,
  );
  if (options.launcher === 'slurm') {
    const slurm = submitSweep(out, manifest, pending, options);
    const aggregate = await collectSweep(out, manifest);
    return { runs: plan.runs, skipped, failed: [], interrupted: false, aggregate, slurm };
  }
  const taskOf = new Map<SweepTask, SweepRun>();
  const tasks = pending.map((run) => {
    const task = {
      args: runArguments(manifest, run),
      log: join(runFolder(out, run.key), 'log.txt'),
    };
    taskOf.set(task, run);
    return task;
  });
  // the whole sweep's progress: a bar with the time left on a terminal, plain lines otherwise
  const progress = createProgress(`sweep ${id} runs`);
  progress.update(0, tasks.length);
  let done = 0;
  const failed: SweepRecord['failed'] = [];
  try {
    await runLocal(tasks, plan.jobs, out, options.signal, ({ task, status }) => {
      progress.update(++done, tasks.length);
      const run = taskOf.get(task)!;
      if (status !== 0 && status !== 130) {
        failed.push({ run, status, log: task.log });
        options.log(
          `  failed (exit ${status}): seed ${run.seed}, ${JSON.stringify(plan.points[run.point])}; log ${task.log}`,
        );
      }
    });
  } finally {
    progress.stop();
  }
  const aggregate = await collectSweep(out, manifest);
  return { runs: plan.runs, skipped, failed, interrupted: Boolean(options.signal?.aborted), aggregate };
}

/** The slurm launcher: writes `slurm/sweep.sbatch` (one array task per pending run) and submits it, unless dry. */
function submitSweep(
  out: string,
  manifest: SweepManifest,
  pending: readonly SweepRun[],
  options: SweepOptions,
): SweepRecord['slurm'] {
  if (pending.length === 0) return { tasks: 0, script: '' };
  const script = slurmScript(
    out,
    `sgn-${manifest.experiment}`,
    pending.map((run) => runArguments(manifest, run)),
    options.slurm ?? { extra: [] },
  );
  const path = join(out, 'slurm', 'sweep.sbatch');
  writeFileAtomic(path, script);
  if (options.dryRun) return { tasks: pending.length, script };
  const jobId = submitToSlurm(path);
  const job = { jobId, submitted: pending.map((r) => r.key) };
  writeFileAtomic(join(out, 'slurm', 'job.json'), `${JSON.stringify(job, null, 2)}\n`);
  options.log(
    `sweep ${manifest.experiment}: submitted Slurm job ${jobId} (${pending.length} array tasks); sgn sweep status ${out}, then sgn sweep collect ${out}`,
  );
  return { jobId, tasks: pending.length, script };
}

/** Where a sweep stands: runs finished on disk out of all, and (for a Slurm sweep) its tasks still queued. */
export interface SweepStatus {
  finished: number;
  total: number;
  jobId?: string;
  queue: Record<string, number>;
}

/**
 * `sgn sweep status DIR`: the runs finished on disk, and squeue's count of the job's tasks by state.
 *
 * @param out - the sweep folder
 * @returns the counts
 */
export function sweepStatus(out: string): SweepStatus {
  const manifest = readManifest(out);
  const finished = manifest.runs.filter(
    (r) => finishedMetrics(runFolder(out, r.key), manifest.experiment) !== undefined,
  ).length;
  const jobPath = join(out, 'slurm', 'job.json');
  const jobId = existsSync(jobPath)
    ? (JSON.parse(readFileSync(jobPath, 'utf8')) as { jobId: string }).jobId
    : undefined;
  return { finished, total: manifest.runs.length, jobId, queue: jobId ? slurmQueue(jobId) : {} };
}
