import { parseSetting, type SettingSpec, type SettingValue } from '@sgn/experiments';

/** Positions of a slider (0 .. SLIDER_STEPS). */
export const SLIDER_STEPS = 1000;

/** A setting's control on the page, made from its schema entry: a dropdown, or a slider with a text box beside it. */
export type Control =
  | { key: string; description: string; kind: 'choice'; choices: readonly string[] }
  | {
      key: string;
      description: string;
      kind: 'slider';
      /** log: positions spaced evenly in log(value) (a setting swept over decades: λ, η, steps, widths). */
      scale: 'linear' | 'log';
      /** The values at position 0 and at {@link SLIDER_STEPS}. */
      low: number;
      high: number;
      /** A log slider over a range that includes 0: position 0 is 0, the others log-spaced from `low`. */
      zeroAtStart: boolean;
      integer: boolean;
      spec: SettingSpec;
    };

/**
 * The control of a setting: choices become a dropdown; a number a slider over its schema's range, on a log scale
 * when the range spans more than 100 times the value it starts from (λ from 0 to 1000 at 0.03, steps up to 1e8 at
 * 3000), else linear. A log slider's lowest nonzero value is the schema's minimum when that is positive, else the
 * starting value / 1e4.
 *
 * @param spec - the setting's schema entry
 * @param start - its value at the page's preset (the live preset)
 */
export function controlOf(spec: SettingSpec, start: SettingValue): Control {
  if (spec.type === 'choice')
    return { key: spec.key, description: spec.description, kind: 'choice', choices: spec.choices ?? [] };
  const min = spec.min ?? 0;
  const max = spec.max ?? Math.max(1, Math.abs(Number(start)) * 1000);
  const value = Math.abs(Number(start));
  const log = value > 0 && (max - min) / value > 100;
  if (!log) {
    return {
      key: spec.key,
      description: spec.description,
      kind: 'slider',
      scale: 'linear',
      low: min,
      high: max,
      zeroAtStart: false,
      integer: spec.type === 'integer',
      spec,
    };
  }
  const low = min > 0 ? min : spec.type === 'integer' ? 1 : value / 1e4;
  const zeroAtStart = min <= 0 && !spec.exclusiveMin;
  return {
    key: spec.key,
    description: spec.description,
    kind: 'slider',
    scale: 'log',
    low,
    high: max,
    zeroAtStart,
    integer: spec.type === 'integer',
    spec,
  };
}

/** A value rounded for a slider: integers to integers, numbers to three significant digits. */
function rounded(control: Extract<Control, { kind: 'slider' }>, value: number): number {
  if (control.integer) return Math.round(value);
  return Number(value.toPrecision(3));
}

/**
 * The value at a slider position.
 *
 * @param control - a slider
 * @param position - 0 .. {@link SLIDER_STEPS}
 */
export function valueAt(control: Extract<Control, { kind: 'slider' }>, position: number): number {
  const f = Math.min(1, Math.max(0, position / SLIDER_STEPS));
  if (control.scale === 'linear') return rounded(control, control.low + f * (control.high - control.low));
  if (control.zeroAtStart && position <= 0) return 0;
  return rounded(control, control.low * (control.high / control.low) ** f);
}

/**
 * The slider position nearest a value (the inverse of {@link valueAt}, up to its rounding); values outside the
 * range sit at its ends.
 */
export function positionOf(control: Extract<Control, { kind: 'slider' }>, value: number): number {
  let f: number;
  if (control.scale === 'linear')
    f = control.high === control.low ? 0 : (value - control.low) / (control.high - control.low);
  else if (value <= 0) f = 0;
  else f = Math.log(value / control.low) / Math.log(control.high / control.low);
  return Math.round(Math.min(1, Math.max(0, f)) * SLIDER_STEPS);
}

/**
 * Checks the texts of the page's controls against the schema, as `sgn run --set` does: every error names the
 * setting, the value and what is allowed.
 *
 * @param settings - the experiment's settings
 * @param texts - key to text
 * @returns the values, or the errors
 */
export function parseControls(
  settings: readonly SettingSpec[],
  texts: Record<string, string>,
): { values: Record<string, SettingValue>; errors: string[] } {
  const values: Record<string, SettingValue> = {};
  const errors: string[] = [];
  for (const spec of settings) {
    if (!(spec.key in texts)) continue;
    try {
      values[spec.key] = parseSetting(spec, texts[spec.key]);
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return { values, errors };
}
