import { parseDecimal, quoteForMessage } from '@sgn/tensor';
import type { Preset } from './check.js';
import type { RunMemo } from './memo.js';

/** A value a setting can take. */
export type SettingValue = number | string;

/** A documented, overridable setting of an experiment. */
export interface SettingSpec {
  key: string;
  description: string;
  /** 'integer' and 'number' parse numbers; 'choice' takes one of `choices`. */
  type: 'integer' | 'number' | 'choice';
  choices?: readonly string[];
  /** Allowed range for numbers (inclusive unless `exclusiveMin`). */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  /** The value at each preset. */
  defaults: Record<Preset, SettingValue>;
}

/** A table of numbers (one curve family), written as CSV. */
export interface Curve {
  columns: string[];
  rows: number[][];
}

/** A line plot of one curve: x column against one or more y columns. */
export interface PlotSpec {
  name: string;
  title: string;
  curve: string;
  x: string;
  y: string[];
  logY?: boolean;
  /** A log x axis, for a setting swept over decades (the points at or below 0 are left out). */
  logX?: boolean;
  /** Axis titles with units (default: the x column's name, the y columns' names). */
  xTitle?: string;
  yTitle?: string;
  /** Integer ticks on the axis (counts, unit indices, steps). */
  integerX?: boolean;
  integerY?: boolean;
  /** Columns drawn as points rather than lines. */
  points?: string[];
  /**
   * Columns that are references rather than measurements (a closed form, a bound, the target function): drawn
   * dashed and under the measured columns, so that a measured curve on top of its reference stays visible.
   */
  reference?: string[];
  /** Legend names of columns, by column (default: the column's name). */
  labels?: Record<string, string>;
  /** Horizontal reference lines, each labelled (e.g. the bound 2N on a count). */
  rules?: { y: number; label: string }[];
  /** Columns drawn as bars (a histogram over x) rather than lines. */
  bars?: string[];
  /**
   * The rows are a path in the plane (a direction turning on the circle, one read-out against another over
   * training): lines join the points in row order rather than sorted by x.
   */
  path?: boolean;
  /** x and y are in the same units (a circle): a square chart with one domain for both axes. */
  equalAxes?: boolean;
}

/**
 * A picture of the mechanism at one moment of a run (the network's function against f*, the direction on the circle,
 * the vote histogram): a plot and its data, posted as the run trains through `ExperimentContext.onPicture`. The
 * site draws the latest picture of each name; it is not part of the result.
 */
export interface LivePicture {
  plot: PlotSpec;
  curve: Curve;
}

/**
 * How an experiment's live records (`ExperimentContext.onMetrics`) are drawn while it trains: one line per run (the
 * records' `run` field) and y field, against the x field. The site draws these during a run; the experiment's own
 * plots (its output's curves) when it ends or is stopped.
 */
export interface MetricsPlot {
  name: string;
  title: string;
  /** The record field read as x (e.g. `step`, `epoch`). */
  x: string;
  /** The record fields drawn against it, one line per run and field. */
  y: string[];
  /** Only these runs (default: every run). */
  runs?: string[];
  xTitle?: string;
  yTitle?: string;
  logY?: boolean;
  /** Integer ticks on x (steps, epochs). */
  integerX?: boolean;
  /** Legend names of the y fields (default: the field's name). */
  labels?: Record<string, string>;
  /** Each run's records are a path in the (x, y) plane: lines follow the records' order, not x (see PlotSpec.path). */
  path?: boolean;
}

/** What an experiment produced. */
export interface ExperimentOutput {
  metrics: Record<string, unknown>;
  curves: Record<string, Curve>;
  plots: PlotSpec[];
  /** False when the run was stopped before it finished. */
  complete: boolean;
  /**
   * How fast it ran (steps per second, kernel timings): kept out of `metrics`, so that the results of a run are a
   * function of its settings and seed alone (a resumed run's files equal an uninterrupted run's byte for byte).
   */
  timings?: Record<string, unknown>;
}

/** What an experiment may save to resume later: finished units of work, in order. */
export interface Checkpoint {
  units: unknown[];
}

/** Context given to a running experiment. */
export interface ExperimentContext {
  seed: number;
  signal?: AbortSignal;
  /** Work done so far out of the total (units the experiment chooses). */
  onProgress?: (done: number, total: number) => void;
  /** Units finished by an earlier, interrupted run (resumed runs skip them). */
  resumeFrom?: Checkpoint;
  /** Called after each finished unit with everything finished so far. */
  saveCheckpoint?: (checkpoint: Checkpoint) => void;
  /** Finished runs shared with the invocation's other experiments and checks. */
  memo?: RunMemo;
  /**
   * Called as the run trains, at each read-out or recorded step, with that moment's numbers (`run` names which
   * of the experiment's trainings): a live log to watch and plot a long run (`sgn run` appends each to
   * metrics.jsonl). Not part of the result.
   */
  onMetrics?: (record: Record<string, unknown>) => void;
  /**
   * Awaited by {@link runUnits} before each unit of work: a caller that wants to pause between units (the site's
   * pause and step buttons) returns a promise that settles when the run may go on. Not awaited when absent.
   */
  beforeUnit?: (done: number, total: number) => Promise<void>;
  /**
   * Called as the run trains with a picture of its mechanism at that moment (see {@link LivePicture}); the names
   * are the experiment's `livePictures`. Not part of the result; experiments build no picture when it is absent.
   */
  onPicture?: (picture: LivePicture) => void;
}

/**
 * The memory a run needs: its largest arrays, in bytes, and the formula in the settings' names that gives them (so
 * that a refusal can say which settings to lower).
 */
export interface MemoryEstimate {
  bytes: number;
  /** e.g. `64·m·d bytes of weights and Adam moments` */
  formula: string;
}

/**
 * A curve a sweep draws from array metrics: for each grid point, each `y` array's mean over seeds against the `x`
 * array, with a band from the smallest to the largest seed's value (e.g. the majority error over m).
 */
export interface SweepCurve {
  name: string;
  title: string;
  /** The metric array read as the x axis (the same in every seed, e.g. `votes`). */
  x: string;
  /** The metric arrays drawn against it. */
  y: string[];
  logY?: boolean;
}

/** A runnable experiment of one paper. */
export interface Experiment {
  id: string;
  paper: string;
  claim: string;
  settings: readonly SettingSpec[];
  /** Named presets beyond quick and paper: a base preset and the settings it changes. */
  extraPresets?: Record<string, { base: Preset; values: Record<string, SettingValue>; description: string }>;
  /** Checks settings that depend on each other (e.g. a batch size against n); throws naming the problem. */
  validate?(settings: Record<string, SettingValue>): void;
  /** The memory a run needs at these settings (checked by {@link checkMemory} before it starts). */
  estimateMemory?(settings: Record<string, SettingValue>): MemoryEstimate;
  /** Curves of array metrics that `sgn sweep` draws per grid point, with bands over seeds. */
  sweepCurves?: readonly SweepCurve[];
  /** How the `onMetrics` records are drawn while the run trains (the site's live charts). */
  metricsPlots?: readonly MetricsPlot[];
  /** The names of the pictures the run posts through `onPicture`, in the order a page shows them. */
  livePictures?: readonly string[];
  run(settings: Record<string, SettingValue>, context: ExperimentContext): Promise<ExperimentOutput>;
}

/**
 * Resolves an experiment's settings: the preset's defaults (quick, paper or one of the experiment's extra presets),
 * overridden by `overrides` (text, as from
 * `--set key=value`). Unknown keys and bad values throw an error naming the key, the value and what is allowed.
 *
 * @param experiment - the experiment
 * @param preset - quick or paper
 * @param overrides - key to text value
 * @returns every setting with its value
 */
export function resolveSettings(
  experiment: Experiment,
  preset: string,
  overrides: Record<string, string> = {},
): Record<string, SettingValue> {
  const extra = experiment.extraPresets?.[preset];
  if (!extra && preset !== 'quick' && preset !== 'paper') {
    const known = ['quick', 'paper', ...Object.keys(experiment.extraPresets ?? {})];
    throw new Error(`preset must be one of ${known.join(', ')} for ${experiment.id}, got ${quoteForMessage(preset)}`);
  }
  const values: Record<string, SettingValue> = {};
  for (const spec of experiment.settings) values[spec.key] = spec.defaults[extra ? extra.base : (preset as Preset)];
  Object.assign(values, extra?.values ?? {});
  for (const [key, text] of Object.entries(overrides)) {
    const spec = experiment.settings.find((s) => s.key === key);
    if (!spec) {
      throw new Error(
        `unknown setting ${quoteForMessage(key)} for ${experiment.id}; settings: ${experiment.settings.map((s) => s.key).join(', ')}`,
      );
    }
    values[key] = parseSetting(spec, text);
  }
  experiment.validate?.(values);
  return values;
}

/**
 * Refuses settings whose run would need more memory than `budgetBytes` (each setting has a maximum, but their
 * product can still be too large: `d` 1e6 with `m` 1e4 filters), before anything starts.
 *
 * @param experiment - the experiment
 * @param settings - resolved settings
 * @param budgetBytes - the memory a run may take (the CLI: half the machine's)
 * @throws naming the estimate, its formula and the budget
 */
export function checkMemory(experiment: Experiment, settings: Record<string, SettingValue>, budgetBytes: number): void {
  const estimate = experiment.estimateMemory?.(settings);
  if (!estimate || estimate.bytes <= budgetBytes) return;
  const gb = (bytes: number) => `${(bytes / 2 ** 30).toFixed(bytes < 2 ** 30 ? 3 : 1)} GiB`;
  throw new Error(
    `these settings of ${experiment.id} need about ${gb(estimate.bytes)} (${estimate.formula}), more than the ${gb(budgetBytes)} a run may use here: lower the settings in the formula`,
  );
}

/** Parses one setting's text value against its spec. */
export function parseSetting(
  spec: Pick<SettingSpec, 'key' | 'type' | 'choices' | 'min' | 'max' | 'exclusiveMin'>,
  text: string,
): SettingValue {
  if (spec.type === 'choice') {
    if (!spec.choices?.includes(text))
      throw new Error(`${spec.key} must be one of ${spec.choices?.join(', ')}, got ${quoteForMessage(text)}`);
    return text;
  }
  const value = parseDecimal(text);
  const range = `${spec.exclusiveMin ? '>' : '>='} ${spec.min ?? '-inf'}${spec.max !== undefined ? ` and <= ${spec.max}` : ''}`;
  if (text.trim() === '' || !Number.isFinite(value) || (spec.type === 'integer' && !Number.isInteger(value))) {
    throw new Error(
      `${spec.key} must be ${spec.type === 'integer' ? 'an integer' : 'a number'} ${range}, got ${quoteForMessage(text)}`,
    );
  }
  const tooLow = spec.min !== undefined && (spec.exclusiveMin ? value <= spec.min : value < spec.min);
  if (tooLow || (spec.max !== undefined && value > spec.max)) {
    throw new Error(`${spec.key} must be ${range}, got ${quoteForMessage(text)}`);
  }
  return value;
}

/**
 * Runs units of work with checkpoints: units finished by a resumed run are taken from the checkpoint, the rest are
 * computed in order, and the checkpoint is saved after each. Stops early (complete = false) when aborted.
 */
export async function runUnits<T>(
  total: number,
  context: ExperimentContext,
  compute: (index: number) => Promise<T>,
): Promise<{ units: T[]; complete: boolean }> {
  const resumed = (context.resumeFrom?.units ?? []) as T[];
  // a checkpoint with more finished units than the run has is not this run's: refuse it rather than cut it
  if (resumed.length > total)
    throw new Error(`the checkpoint holds ${resumed.length} finished units, more than this run's ${total}`);
  const units = resumed.slice();
  context.onProgress?.(units.length, total);
  while (units.length < total) {
    if (context.signal?.aborted) return { units, complete: false };
    await context.beforeUnit?.(units.length, total);
    if (context.signal?.aborted) return { units, complete: false };
    const unit = await compute(units.length);
    // a unit cut short by the signal is partial: drop it, a resumed run recomputes it from the start
    if (context.signal?.aborted) return { units, complete: false };
    units.push(unit);
    context.saveCheckpoint?.({ units });
    context.onProgress?.(units.length, total);
  }
  return { units, complete: true };
}
