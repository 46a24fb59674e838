import { BACKEND_NAMES, useBackend, type BackendName } from '@sgn/tensor';
import type { Preset } from './check.js';
import type {
  MetricsPlot,
  Experiment,
  ExperimentContext,
  ExperimentOutput,
  MemoryEstimate,
  SettingSpec,
  SettingValue,
  SweepCurve,
} from './experiment.js';

/** A numeric setting: `integer` or `number`, with its range and its value at each preset. */
export interface NumberSetting {
  type: 'integer' | 'number';
  description: string;
  /**
   * Allowed range (inclusive unless `exclusiveMin`). Every numeric setting has a maximum: a sane bound on the work or
   * memory it controls, so that `--set width=1e9` is refused in one line rather than run out of memory.
   */
  min?: number;
  max: number;
  exclusiveMin?: boolean;
  defaults: Record<Preset, number>;
}

/** A setting that takes one of `choices`. */
export interface ChoiceSetting<C extends string = string> {
  type: 'choice';
  description: string;
  choices: readonly C[];
  defaults: Record<Preset, C>;
}

/** An experiment's settings, by key. */
export type SettingsSchema = Record<string, NumberSetting | ChoiceSetting>;

/** The typed values of a schema: numbers for numeric settings, the union of the choices for a choice. */
export type SettingsOf<S extends SettingsSchema> = {
  [K in keyof S]: S[K] extends ChoiceSetting<infer C> ? C : number;
};

/**
 * A real-valued setting.
 *
 * @example
 * ```ts
 * const p = number({ description: 'quasinorm exponent', min: 0, max: 1, exclusiveMin: true, defaults: { quick: 0.4, paper: 0.4 } });
 * ```
 */
export function number(options: Omit<NumberSetting, 'type'>): NumberSetting {
  return { type: 'number', ...options };
}

/** An integer setting (see {@link number}). */
export function integer(options: Omit<NumberSetting, 'type'>): NumberSetting {
  return { type: 'integer', ...options };
}

/**
 * A setting's `defaults` read from an experiment's presets: each preset's value of `key`.
 *
 * @example
 * ```ts
 * epochs: integer({ description: 'epochs', min: 1, max: 1000, defaults: presetValues(MY_PRESETS, 'epochs') });
 * ```
 */
export function presetValues<T, K extends keyof T>(presets: Record<Preset, T>, key: K): Record<Preset, T[K]> {
  return { quick: presets.quick[key], paper: presets.paper[key] };
}

/**
 * A setting that takes one of a list of names; its typed value is their union.
 *
 * @example
 * ```ts
 * const schedule = choice({ description: 'γ schedule', choices: ['constant', 'cosine'], defaults: { quick: 'cosine', paper: 'constant' } });
 * ```
 */
export function choice<const C extends string>(options: Omit<ChoiceSetting<C>, 'type'>): ChoiceSetting<C> {
  return { type: 'choice', ...options };
}

/**
 * The setting every experiment has: the tensor backend that runs it, and so the kernel of every fused engine in it
 * (`getSgnKernel` asks the active backend). `sgn run --backend B` is `--set backend=B`; sweeps can vary it.
 */
export const backendSetting: ChoiceSetting<BackendName> = choice({
  description: 'tensor backend that runs the experiment and its fused kernels (webgl in browsers only)',
  choices: BACKEND_NAMES,
  defaults: { quick: 'wasm', paper: 'wasm' },
});

/**
 * The most work an experiment may do in one synchronous stretch (its set-up: data sets and initial weights; or one
 * step between two looks at the abort signal), so that Ctrl-C is seen within about half a second: random draws
 * (tens of ns each) and arithmetic operations (about a ns each).
 */
export const STRETCH_LIMITS = { draws: 20_000_000, operations: 200_000_000 } as const;

/**
 * Refuses settings whose set-up or single step would exceed {@link STRETCH_LIMITS}: each setting has a maximum,
 * but their product can still be too large to stop within a second.
 *
 * @param kind - draws or operations
 * @param formula - the work in the settings' names, e.g. `s·(n + test)`
 * @param work - its value at these settings
 * @throws naming the formula, its value, the limit and the settings to lower
 * @example
 * ```ts
 * limitStretch('draws', 'n·d', 1e4 * 1e5);
 * // Error: n·d = 1000000000 random draws in one stretch that Ctrl-C cannot cut (set-up or one step), more than 20000000: lower n or d
 * ```
 */
export function limitStretch(kind: keyof typeof STRETCH_LIMITS, formula: string, work: number): void {
  const limit = STRETCH_LIMITS[kind];
  if (work <= limit) return;
  const names = [...new Set(formula.match(/[A-Za-z]+/g) ?? [])];
  const what = kind === 'draws' ? 'random draws' : 'operations';
  throw new Error(
    `${formula} = ${work} ${what} in one stretch that Ctrl-C cannot cut (set-up or one step), more than ${limit}: lower ${names.join(' or ')}`,
  );
}

/** The typed values an experiment's `run` receives: its schema's, and the backend it runs on. */
export type RunSettings<S extends SettingsSchema> = SettingsOf<S> & { backend: BackendName };

/** An experiment written against its typed settings (see {@link defineExperiment}). */
export interface ExperimentDefinition<S extends SettingsSchema> {
  id: string;
  paper: string;
  claim: string;
  schema: S;
  /** Named presets beyond quick and paper: a base preset and the settings it changes. */
  extraPresets?: Record<string, { base: Preset; values: Partial<SettingsOf<S>>; description: string }>;
  /** Checks settings that depend on each other (e.g. a batch size against n); throws naming the problem. */
  validate?(settings: RunSettings<S>): void;
  /** The memory the run needs at these settings, for settings whose product matters (see {@link MemoryEstimate}). */
  estimateMemory?(settings: RunSettings<S>): MemoryEstimate;
  /** Curves of array metrics that `sgn sweep` draws per grid point (see {@link SweepCurve}). */
  sweepCurves?: readonly SweepCurve[];
  /** How the live records (`context.onMetrics`) are drawn while the run trains (see {@link MetricsPlot}). */
  metricsPlots?: readonly MetricsPlot[];
  /** The names of the pictures `run` posts through `context.onPicture`, in page order (see {@link ExperimentContext.onPicture}). */
  livePictures?: readonly string[];
  /** Runs on the active backend, which the harness has set to `settings.backend`. */
  run(settings: RunSettings<S>, context: ExperimentContext): Promise<ExperimentOutput>;
}

/**
 * Makes a registrable {@link Experiment} from a definition with a typed schema: `run` and `validate` receive
 * typed values (no casts in experiments), and the settings list the CLI and the site read is the schema's, followed
 * by {@link backendSetting} (`backend`, a key the schema must not use). `run` first activates that backend
 * (`useBackend`), so the same definition runs on cpu, wasm or webgl.
 *
 * @param definition - id, paper, claim, schema, run (and optionally extra presets and validate)
 * @returns the experiment
 * @example
 * ```ts
 * export const demo = defineExperiment({
 *   id: 'demo', paper: 'none', claim: 'p is a number',
 *   schema: { p: number({ description: 'p', min: 0, max: 1, defaults: { quick: 0.4, paper: 0.4 } }) },
 *   async run(settings) { return { metrics: { p: settings.p * 2 }, curves: {}, plots: [], complete: true }; },
 * });
 * ```
 */
export function defineExperiment<S extends SettingsSchema>(definition: ExperimentDefinition<S>): Experiment {
  if ('backend' in definition.schema)
    throw new Error(`${definition.id}: "backend" is the harness's own setting; the schema must not declare it`);
  const schema = { ...definition.schema, backend: backendSetting };
  const settings: SettingSpec[] = Object.entries(schema).map(([key, spec]) => ({ key, ...spec }));
  // the one place values become typed: resolveSettings has checked every key and value against this very schema
  const typed = (values: Record<string, SettingValue>) => values as RunSettings<S>;
  const { validate, estimateMemory } = definition;
  return {
    id: definition.id,
    paper: definition.paper,
    claim: definition.claim,
    settings,
    extraPresets: definition.extraPresets as Experiment['extraPresets'],
    sweepCurves: definition.sweepCurves,
    metricsPlots: definition.metricsPlots,
    livePictures: definition.livePictures,
    validate: validate ? (values) => validate(typed(values)) : undefined,
    estimateMemory: estimateMemory ? (values) => estimateMemory(typed(values)) : undefined,
    run: async (values, context) => {
      await useBackend(typed(values).backend);
      return definition.run(typed(values), context);
    },
  };
}
