import { appendFileSync, rmSync } from 'node:fs';
import { totalmem } from 'node:os';
import { join } from 'node:path';
import {
  checkMemory,
  findExperiment,
  numericLeaves,
  resolveSettings,
  toCsv,
  type Checkpoint,
  type Experiment,
  type ExperimentOutput,
  type Preset,
  type RunMemo,
  type SettingValue,
  vegaLiteSpec,
} from '@sgn/experiments';
import { DivergedError, quoteForMessage, useBackend } from '@sgn/tensor';
import { writeFileAtomic } from '../atomic-write.js';
import { provenance, runVersions } from '../provenance.js';
import { checkpointText, readCheckpoint } from '../checkpoint-file.js';
import { openRunFolder, type RunFolder } from '../run-folder.js';
import { prepareOutputFolder } from '../output-folder.js';
import { writePlot } from '../plots.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../usage-error.js';

/**
 * The settings one run takes, as `sgn run` and each point of `sgn sweep` resolve them: the preset's, overridden,
 * checked against the schema, and refused when the run would need more than half this machine's memory (so two
 * runs and the system still fit).
 *
 * @param experiment - the experiment
 * @param preset - the preset name
 * @param overrides - `--set` values (a sweep's grid point included)
 * @returns every setting with its value
 * @throws naming the setting or the memory estimate
 */
export function resolveRunSettings(
  experiment: Experiment,
  preset: string,
  overrides: Record<string, string>,
): Record<string, SettingValue> {
  const settings = resolveSettings(experiment, preset, overrides);
  checkMemory(experiment, settings, totalmem() / 2);
  return settings;
}

/** Options of one experiment run. */
export interface RunOptions {
  /** quick, paper, or one of the experiment's extra presets. */
  preset: Preset | string;
  seed: number;
  /** `--backend`, when given: the experiment's `backend` setting (the same as `--set backend=...`). */
  backend?: string;
  overrides: Record<string, string>;
  /** The output folder; the run writes into `<out>/<experiment id>/`. */
  out: string;
  resume: boolean;
  signal?: AbortSignal;
  log: (line: string) => void;
  /** Finished runs shared with the other experiments and checks of this invocation (`sgn reproduce`). */
  memo?: RunMemo;
}

/** What one run wrote. */
export interface RunRecord {
  experiment: Experiment;
  settings: Record<string, SettingValue>;
  output: ExperimentOutput;
  folder: string;
  /** Plot file names with their SVG text and vega-lite spec. */
  svgs: { name: string; title: string; svg: string; spec: Record<string, unknown> }[];
  seconds: number;
}

/** Parses `--set key=value` entries into a record; malformed entries are usage errors. */
export function parseOverrides(entries: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const at = entry.indexOf('=');
    if (at <= 0) throw new UsageError(`--set takes key=value, got ${quoteForMessage(entry)}`);
    const key = entry.slice(0, at);
    if (key in out)
      throw new UsageError(
        `--set ${key} is given twice (${quoteForMessage(out[key])} and ${quoteForMessage(entry.slice(at + 1))}); give it once`,
      );
    out[key] = entry.slice(at + 1);
  }
  return out;
}

/** Paths of the numbers in `value` that are NaN or infinite (metrics of a diverged run), e.g. `lateRate[2]`. */
export const nonFinitePaths = (value: unknown): string[] =>
  numericLeaves(value)
    .filter(([, number]) => !Number.isFinite(number))
    .map(([path]) => path);

/** The settings a diverged run would lower: its step sizes. */
const STEP_SETTINGS = ['eta', 'learningRate', 'lr'];

/**
 * Runs one experiment and writes result.json, one CSV per curve and one SVG per plot into `<out>/<id>/`, each
 * atomically. A checkpoint.json is kept after every finished unit of work while the run is incomplete; `resume`
 * continues from it (same settings, seed and backend required) and gives the same final numbers as an
 * uninterrupted run, because every unit draws its randomness from (seed, unit index) alone. The backend is the
 * experiment's `backend` setting (`--backend` or `--set backend=`; both given and different is a usage error).
 */
export async function runExperiment(id: string, options: RunOptions): Promise<RunRecord> {
  let experiment: Experiment;
  let settings: Record<string, SettingValue>;
  const given = options.overrides.backend;
  if (options.backend !== undefined && given !== undefined && given !== options.backend)
    throw new UsageError(`--backend ${options.backend} and --set backend=${given} disagree; give one of them`);
  const overrides =
    options.backend === undefined ? options.overrides : { ...options.overrides, backend: options.backend };
  try {
    experiment = findExperiment(id);
    settings = resolveRunSettings(experiment, options.preset, overrides);
    // before anything is written: a backend that cannot run here (webgl under Node, one not loaded) is a usage error
    await useBackend(String(settings.backend));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const identity = {
    experiment: experiment.id,
    preset: options.preset,
    seed: options.seed,
    backend: settings.backend,
    settings,
  };
  // only now, with the experiment and settings known to be good, is anything made on disk
  const out = prepareOutputFolder(options.out);
  // one run per folder at a time; this run writes into a fresh folder that replaces the old one when it ends
  const run = openRunFolder(out, experiment.id, options.resume);
  try {
    return await runInFolder(experiment, settings, identity, run, options);
  } finally {
    run.release();
  }
}

async function runInFolder(
  experiment: Experiment,
  settings: Record<string, SettingValue>,
  identity: Record<string, unknown>,
  run: RunFolder,
  options: RunOptions,
): Promise<RunRecord> {
  const { folder, working } = run;
  const resumePath = run.resumable();
  const checkpointPath = join(working, 'checkpoint.json');
  const metricsPath = join(working, 'metrics.jsonl');
  let logging = false;
  const resumeFrom: Checkpoint | undefined = resumePath ? readCheckpoint(resumePath, identity) : undefined;
  // said once the experiment has accepted the checkpoint (runUnits refuses one with too many units first)
  let announced = !resumeFrom;
  const progress = createProgress(experiment.id);
  const start = performance.now();
  let output: ExperimentOutput;
  let diverged: string | undefined;
  try {
    try {
      output = await experiment.run(settings, {
        seed: options.seed,
        signal: options.signal,
        resumeFrom,
        onProgress: (done, total) => {
          if (!announced) options.log(`resuming ${experiment.id} after ${done} of ${total} finished units`);
          announced = true;
          progress.update(done, total);
        },
        saveCheckpoint: (checkpoint) => writeFileAtomic(checkpointPath, checkpointText(identity, checkpoint)),
        memo: options.memo,
        // a live log, line by line as the run trains: watch it with tail -f, plot it while the run goes on
        onMetrics: (record) => {
          if (!logging) options.log(`${experiment.id}: live metrics in ${metricsPath} (in ${folder} when it ends)`);
          logging = true;
          appendFileSync(metricsPath, `${JSON.stringify(record)}\n`);
        },
      });
    } catch (error) {
      // a trainer that found a non-finite weight: a failed run, recorded as one below, with the settings to lower
      if (error instanceof DivergedError) diverged = error.detail;
      else {
        // runUnits refuses a checkpoint that is not this run's (more finished units than the run has)
        const message = (error as Error).message ?? '';
        if (resumeFrom && message.startsWith('the checkpoint holds'))
          throw new UsageError(`--resume: ${resumePath}: ${message}; rerun without --resume`);
        throw error;
      }
      output = { metrics: {}, curves: {}, plots: [], complete: false };
    }
  } finally {
    progress.stop();
  }
  const seconds = (performance.now() - start) / 1000;
  const svgs: RunRecord['svgs'] = [];
  for (const [name, curve] of Object.entries(output.curves))
    writeFileAtomic(join(working, `${name}.csv`), toCsv(curve.columns, curve.rows));
  for (const plot of output.plots) {
    const spec = vegaLiteSpec(plot, output.curves[plot.curve]);
    const svg = await writePlot(working, plot.name, spec);
    svgs.push({ name: plot.name, title: plot.title, svg, spec });
  }
  const bad = nonFinitePaths(output.metrics);
  const steps = STEP_SETTINGS.filter((key) => key in settings).map((key) => `${key} = ${settings[key]}`);
  const lower = steps.length > 0 ? `; lower ${steps.join(' or ')}` : '';
  const failed = diverged
    ? `${diverged}: the run diverged${lower}`
    : bad.length > 0
      ? `non-finite results (${bad.slice(0, 3).join(', ')}${bad.length > 3 ? `, ${bad.length - 3} more` : ''}): the run diverged${lower}`
      : undefined;
  const versions = runVersions();
  writeFileAtomic(
    join(working, 'result.json'),
    `${JSON.stringify({ ...identity, paper: experiment.paper, claim: experiment.claim, versions, complete: output.complete && !failed, ...(failed ? { failed } : {}), metrics: output.metrics }, null, 2)}\n`,
  );
  // how long it took apart from what it found: result.json depends on the settings and seed only
  writeFileAtomic(join(working, 'timing.json'), `${JSON.stringify({ seconds, ...output.timings }, null, 2)}\n`);
  // the commit, a dirty tree, the time: kept out of result.json, which depends on the settings and seed alone
  const engine = typeof settings.engine === 'string' ? settings.engine : null;
  writeFileAtomic(
    join(working, 'provenance.json'),
    `${JSON.stringify({ ...provenance(String(settings.backend ?? identity.backend), versions), engine }, null, 2)}\n`,
  );
  if (output.complete) rmSync(checkpointPath, { force: true });
  run.commit();
  // a run that diverged is a failed run, not a result: its folder says so, and the caller gets an error (exit 1)
  if (failed) throw new Error(`${experiment.id}: ${failed}`);
  options.log(
    `${experiment.id}: ${output.complete ? 'done' : 'stopped early, partial result saved (continue with --resume)'} in ${seconds.toFixed(1)} s -> ${folder}`,
  );
  return { experiment, settings, output, folder, svgs, seconds };
}
