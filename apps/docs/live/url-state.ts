import type { SettingSpec, SettingValue } from '@sgn/experiments';
import { parseControls } from './controls.js';

/** The largest seed a page takes (the seeds of `sgn run --seed`: 32-bit). */
export const MAX_SEED = 2 ** 32 - 1;

/** A live experiment's state in the page's URL: the settings that differ from the preset, and the seed. */
export interface PageState {
  /** key to text, as `sgn run --set key=text` */
  overrides: Record<string, string>;
  seed: number;
}

/**
 * The query string of a state: each setting that differs from the preset's value, then the seed when it is not 0,
 * in the schema's order (a shareable link: opening it restores the controls).
 *
 * @example
 * ```ts
 * stateToQuery(settings, preset, { overrides: { width: '30' }, seed: 2 }); // 'width=30&seed=2'
 * ```
 */
export function stateToQuery(
  settings: readonly SettingSpec[],
  preset: Record<string, SettingValue>,
  state: PageState,
): string {
  const query = new URLSearchParams();
  for (const spec of settings) {
    const text = state.overrides[spec.key];
    if (text !== undefined && text !== String(preset[spec.key])) query.set(spec.key, text);
  }
  if (state.seed !== 0) query.set('seed', String(state.seed));
  return query.toString();
}

/**
 * Reads a state from a query string: the experiment's setting keys and `seed`; other keys are left to the page. A
 * bad value is not taken: its error (naming the setting, the value and what is allowed) is returned instead.
 *
 * @param settings - the experiment's settings
 * @param query - e.g. `location.search`
 */
export function queryToState(settings: readonly SettingSpec[], query: string): PageState & { errors: string[] } {
  const params = new URLSearchParams(query);
  const texts: Record<string, string> = {};
  for (const spec of settings) {
    const text = params.get(spec.key);
    if (text !== null) texts[spec.key] = text;
  }
  const { values, errors } = parseControls(settings, texts);
  const overrides = Object.fromEntries(Object.keys(values).map((key) => [key, texts[key]]));
  let seed = 0;
  const seedText = params.get('seed');
  if (seedText !== null) {
    const value = Number(seedText);
    if (seedText.trim() !== '' && Number.isInteger(value) && value >= 0 && value <= MAX_SEED) seed = value;
    else errors.push(`seed must be an integer >= 0 and <= ${MAX_SEED}, got "${seedText}"`);
  }
  return { overrides, seed, errors };
}
