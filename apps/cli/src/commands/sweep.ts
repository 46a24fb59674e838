import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { checkMemory, findExperiment, resolveSettings, type SettingValue } from '@sgn/experiments';
import { quoteForMessage } from '@sgn/tensor';
import { writeFileAtomic } from '../atomic-write.js';
import { prepareOutputFolder } from '../output-folder.js';
import { aggregateCsv, seedStats, type PointAggregate } from '../sweep/aggregate.js';
import { expandGrid, MAX_SWEEP_RUNS, parseGridAxis, parseSeeds, type GridAxis } from '../sweep/grid.js';
import { runLocal, type SweepTask } from '../sweep/local-launcher.js';
import { defaultPlotMetrics, writeSweepReport } from '../sweep/sweep-report.js';
import { UsageError } from '../usage-error.js';
import { runMemoryBudget } from './run.js';

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
  out: string;
  signal?: AbortSignal;
  log: (line: string) => void;
}

/** One run of the sweep: its grid point, seed, resolved settings and folder (keyed by settings and seed). */
export interface SweepRun {
  point: number;
  seed: number;
  settings: Record<string, SettingValue>;
  key: string;
  /** `<out>/runs/<key>`: `sgn run`'s `--out`; its files are in `<folder>/<experiment>/`. */
  folder: string;
}

/** What a sweep did. */
export interface SweepRecord {
  runs: SweepRun[];
  skipped: number;
  failed: { run: SweepRun; status: number; log: string }[];
  interrupted: boolean;
  aggregate: PointAggregate[];
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

/** The metrics of a run that finished (its result.json says complete), else undefined. */
function finishedMetrics(run: SweepRun, experiment: string): unknown {
  const path = join(run.folder, experiment, 'result.json');
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
  if (options.launcher !== 'local')
    throw new UsageError(`--launcher must be local, got ${quoteForMessage(options.launcher)}`);
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
      settings = resolveSettings(experiment, options.preset, { ...options.overrides, ...point });
      checkMemory(experiment, settings, runMemoryBudget());
    } catch (error) {
      throw new UsageError(`grid point ${JSON.stringify(point)}: ${(error as Error).message}`);
    }
    for (const seed of seeds) {
      const key = runKey(id, options.preset, seed, settings);
      runs.push({ point: index, seed, settings, key, folder: join(options.out, 'runs', key) });
    }
  });
  return { experiment, axes, points, seeds, runs, jobs };
}

/**
 * `sgn sweep`: a grid over settings and seeds, each point and seed exactly `sgn run` with those settings in its
 * own folder keyed by settings and seed; finished runs are skipped and interrupted ones resumed from their
 * checkpoints; the finished runs are aggregated over seeds into `sweep.json` and `sweep.csv`.
 *
 * @param id - the experiment
 * @param options - grid, seeds, preset, fixed settings, launcher, jobs, output folder
 * @returns the runs, what was skipped, failed or interrupted, and the aggregate
 */
export async function runSweep(id: string, options: SweepOptions): Promise<SweepRecord> {
  const plan = planSweep(id, options);
  const out = prepareOutputFolder(options.out);
  const manifest = {
    experiment: id,
    preset: options.preset,
    grid: plan.axes,
    seeds: plan.seeds,
    fixed: options.overrides,
    runs: plan.runs.map((r) => ({ point: r.point, seed: r.seed, key: r.key, settings: r.settings })),
  };
  writeFileAtomic(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const pending = plan.runs.filter((run) => finishedMetrics(run, id) === undefined);
  const skipped = plan.runs.length - pending.length;
  options.log(
    `sweep ${id}: ${plan.points.length} grid points x ${plan.seeds.length} seeds = ${plan.runs.length} runs, ${skipped} already finished, ${pending.length} to run on ${Math.min(plan.jobs, Math.max(pending.length, 1))} processes`,
  );
  const taskOf = new Map<SweepTask, SweepRun>();
  const tasks = pending.map((run) => {
    const sets = Object.entries(run.settings).flatMap(([k, v]) => ['--set', `${k}=${v}`]);
    const task = {
      args: [
        'run',
        id,
        '--preset',
        options.preset,
        '--seed',
        String(run.seed),
        ...sets,
        '--out',
        run.folder,
        '--resume',
      ],
      log: join(run.folder, 'log.txt'),
    };
    taskOf.set(task, run);
    return task;
  });
  const start = performance.now();
  let done = 0;
  const failed: SweepRecord['failed'] = [];
  await runLocal(tasks, plan.jobs, options.signal, ({ task, status }) => {
    done++;
    const run = taskOf.get(task)!;
    if (status !== 0 && status !== 130) {
      failed.push({ run, status, log: task.log });
      options.log(
        `  failed (exit ${status}): seed ${run.seed}, ${JSON.stringify(plan.points[run.point])}; log ${task.log}`,
      );
    }
    const elapsed = (performance.now() - start) / 1000;
    const left = done < tasks.length ? `, about ${Math.round((elapsed / done) * (tasks.length - done))} s left` : '';
    options.log(`sweep ${id}: ${done}/${tasks.length} runs done after ${Math.round(elapsed)} s${left}`);
  });
  const aggregate = plan.points.map((settings, index) => {
    const finished = plan.runs
      .filter((r) => r.point === index)
      .map((r) => ({ seed: r.seed, metrics: finishedMetrics(r, id) }))
      .filter((r) => r.metrics !== undefined);
    return { settings, seeds: finished.map((r) => r.seed), metrics: seedStats(finished.map((r) => r.metrics)) };
  });
  const keys = plan.axes.map((a) => a.key);
  writeFileAtomic(
    join(out, 'sweep.json'),
    `${JSON.stringify({ experiment: id, preset: options.preset, grid: plan.axes, seeds: plan.seeds, points: aggregate }, null, 2)}\n`,
  );
  writeFileAtomic(join(out, 'sweep.csv'), aggregateCsv(keys, aggregate));
  const metrics = options.plot && options.plot.length > 0 ? options.plot : defaultPlotMetrics(aggregate);
  await writeSweepReport(
    out,
    id,
    plan.axes,
    aggregate,
    metrics,
    plan.runs.map((r) => r.key),
  );
  return { runs: plan.runs, skipped, failed, interrupted: Boolean(options.signal?.aborted), aggregate };
}
