import type { Curve, PlotSpec, SettingSpec, SettingValue } from '@sgn/experiments';

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
