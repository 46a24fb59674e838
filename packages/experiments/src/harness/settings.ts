import type { Preset } from './check.js';
import type { Experiment, ExperimentContext, ExperimentOutput, SettingSpec, SettingValue } from './experiment.js';

/** A numeric setting: `integer` or `number`, with its range and its value at each preset. */
export interface NumberSetting {
  type: 'integer' | 'number';
  description: string;
  /** Allowed range (inclusive unless `exclusiveMin`). */
  min?: number;
  max?: number;
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

/** An experiment written against its typed settings (see {@link defineExperiment}). */
export interface ExperimentDefinition<S extends SettingsSchema> {
  id: string;
  paper: string;
  claim: string;
  schema: S;
  /** Named presets beyond quick and paper: a base preset and the settings it changes. */
  extraPresets?: Record<string, { base: Preset; values: Partial<SettingsOf<S>>; description: string }>;
  /** Checks settings that depend on each other (e.g. a batch size against n); throws naming the problem. */
  validate?(settings: SettingsOf<S>): void;
  run(settings: SettingsOf<S>, context: ExperimentContext): Promise<ExperimentOutput>;
}

/**
 * Makes a registrable {@link Experiment} from a definition with a typed schema: `run` and `validate` receive
 * typed values (no casts in experiments), and the settings list the CLI and the site read is the schema's.
 *
 * @param definition - id, paper, claim, schema, run (and optionally extra presets and validate)
 * @returns the experiment
 * @example
 * ```ts
 * export const demo = defineExperiment({
 *   id: 'demo', paper: 'none', claim: 'p is a number',
 *   schema: { p: number({ description: 'p', min: 0, defaults: { quick: 0.4, paper: 0.4 } }) },
 *   async run(settings) { return { metrics: { p: settings.p * 2 }, curves: {}, plots: [], complete: true }; },
 * });
 * ```
 */
export function defineExperiment<S extends SettingsSchema>(definition: ExperimentDefinition<S>): Experiment {
  const settings: SettingSpec[] = Object.entries(definition.schema).map(([key, spec]) => ({ key, ...spec }));
  // the one place values become typed: resolveSettings has checked every key and value against this very schema
  const typed = (values: Record<string, SettingValue>) => values as SettingsOf<S>;
  const { validate } = definition;
  return {
    id: definition.id,
    paper: definition.paper,
    claim: definition.claim,
    settings,
    extraPresets: definition.extraPresets as Experiment['extraPresets'],
    validate: validate ? (values) => validate(typed(values)) : undefined,
    run: (values, context) => definition.run(typed(values), context),
  };
}
