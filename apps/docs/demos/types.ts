import type { Curve, PlotSpec, SettingSpec, SettingsOf, SettingsSchema, SettingValue } from '@sgn/experiments';

/** A control of a live experiment: a setting of the experiment with one default. */
export type DemoControl = Pick<
  SettingSpec,
  'key' | 'description' | 'type' | 'choices' | 'min' | 'max' | 'exclusiveMin'
> & {
  default: SettingValue;
};

/** What a live experiment reports while it trains and when it ends. */
export interface DemoSnapshot {
  /** Curves by name (the plots pick theirs by `PlotSpec.curve`). */
  curves: Record<string, Curve>;
  /** Headline numbers (shown in a table, and read by the end-to-end test). */
  summary: Record<string, SettingValue | boolean>;
}

/** A live experiment of one paper, trained in the page on the selected tfjs backend. */
export interface Demo {
  id: string;
  title: string;
  controls: DemoControl[];
  plots: PlotSpec[];
  /**
   * Trains with the given settings on the active backend, calling `update` as it goes (plots redraw on each call),
   * and resolves with the final snapshot. Stops early, with what it has, when `signal` aborts.
   */
  run(
    settings: Record<string, SettingValue>,
    context: { signal: AbortSignal; update: (snapshot: DemoSnapshot) => void },
  ): Promise<DemoSnapshot>;
}

/** A setting's default for a live run: the same value at both presets of the schema vocabulary. */
export function live<T extends number | string>(value: T): { quick: T; paper: T } {
  return { quick: value, paper: value };
}

/** A live experiment written against a typed schema (`number`, `integer`, `choice` of @sgn/experiments). */
export interface DemoDefinition<S extends SettingsSchema> {
  id: string;
  title: string;
  schema: S;
  plots: PlotSpec[];
  run(
    settings: SettingsOf<S>,
    context: { signal: AbortSignal; update: (snapshot: DemoSnapshot) => void },
  ): Promise<DemoSnapshot>;
}

/**
 * Makes a {@link Demo} from a typed definition: its controls are the schema's settings (ranges, choices, the live
 * default), and `run` receives typed values, as `defineExperiment` gives experiments.
 *
 * @param definition - id, title, schema, plots and run
 * @returns the demo
 */
export function defineDemo<S extends SettingsSchema>(definition: DemoDefinition<S>): Demo {
  const controls: DemoControl[] = Object.entries(definition.schema).map(([key, spec]) => ({
    key,
    description: spec.description,
    type: spec.type,
    choices: spec.type === 'choice' ? spec.choices : undefined,
    min: spec.type === 'choice' ? undefined : spec.min,
    max: spec.type === 'choice' ? undefined : spec.max,
    exclusiveMin: spec.type === 'choice' ? undefined : spec.exclusiveMin,
    default: spec.defaults.quick,
  }));
  return {
    id: definition.id,
    title: definition.title,
    controls,
    plots: definition.plots,
    // the one place values become typed: the page parses each control with parseSetting against this schema
    run: (settings, context) => definition.run(settings as SettingsOf<S>, context),
  };
}
