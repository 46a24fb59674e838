// The page's controls and link state, from the settings schema: sliders, their scales, and the query string.
import { findExperiment, resolveSettings, type SettingSpec } from '@sgn/experiments';
import { describe, expect, test } from 'vitest';
import { controlOf, parseControls, positionOf, SLIDER_STEPS, valueAt } from '../live/controls.js';
import { MAX_SEED, queryToState, stateToQuery } from '../live/url-state.js';

const spec = (entry: Partial<SettingSpec>): SettingSpec => ({
  key: 'x',
  description: 'a setting',
  type: 'number',
  defaults: { quick: 1, paper: 1 },
  ...entry,
});

describe('controlOf', () => {
  test('a choice is a dropdown of its choices', () => {
    const control = controlOf(spec({ type: 'choice', choices: ['sphere', 'ball'] }), 'sphere');
    expect(control).toMatchObject({ kind: 'choice', choices: ['sphere', 'ball'] });
  });

  test('a range of less than 100 times the value is linear: positions map evenly onto [min, max]', () => {
    const control = controlOf(spec({ min: 0.1, max: 0.9 }), 0.4);
    if (control.kind !== 'slider') throw new Error('a slider');
    expect(control.scale).toBe('linear');
    expect(valueAt(control, 0)).toBe(0.1);
    expect(valueAt(control, SLIDER_STEPS)).toBe(0.9);
    expect(valueAt(control, 250)).toBe(0.3); // 0.1 + 0.25 * 0.8
    expect(positionOf(control, 0.3)).toBe(250);
  });

  test('λ from 0 to 1000 at 0.03 is a log slider: position 0 is 0, the top is the max, halfway the geometric mean', () => {
    const control = controlOf(spec({ min: 0, max: 1000 }), 0.03);
    if (control.kind !== 'slider') throw new Error('a slider');
    expect(control.scale).toBe('log');
    expect(control.low).toBeCloseTo(3e-6, 15); // the value / 1e4
    expect(valueAt(control, 0)).toBe(0);
    expect(valueAt(control, SLIDER_STEPS)).toBe(1000);
    expect(valueAt(control, 500)).toBe(Number(Math.sqrt(3e-6 * 1000).toPrecision(3))); // 0.0548
    expect(valueAt(control, positionOf(control, 0.03))).toBeCloseTo(0.03, 3);
  });

  test('an integer log slider rounds to integers and starts at 1 when the minimum is 0', () => {
    const control = controlOf(spec({ type: 'integer', min: 0, max: 1e8 }), 3000);
    if (control.kind !== 'slider') throw new Error('a slider');
    expect(control).toMatchObject({ scale: 'log', low: 1, integer: true });
    expect(valueAt(control, 125)).toBe(10); // 1e8 ** (1/8)
  });
});

describe('parseControls', () => {
  test('takes valid texts and names the setting, the value and what is allowed for a bad one', () => {
    const settings = [
      spec({ key: 'eta', min: 0, exclusiveMin: true }),
      spec({ key: 'law', type: 'choice', choices: ['a', 'b'] }),
    ];
    expect(parseControls(settings, { eta: '0.5', law: 'b' })).toEqual({ values: { eta: 0.5, law: 'b' }, errors: [] });
    const { errors } = parseControls(settings, { eta: '-1', law: 'c' });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/eta.*-1/);
    expect(errors[1]).toMatch(/law.*c/);
  });
});

describe('the state in the link', () => {
  const experiment = findExperiment('lp-peak-plateau');
  const preset = resolveSettings(experiment, 'live');

  test('only what differs from the preset, and the seed when it is not 0; read back the same', () => {
    const texts = Object.fromEntries(experiment.settings.map((s) => [s.key, String(preset[s.key])]));
    expect(stateToQuery(experiment.settings, preset, { overrides: texts, seed: 0 })).toBe('');
    const query = stateToQuery(experiment.settings, preset, { overrides: { ...texts, p: '0.6' }, seed: 7 });
    expect(query).toBe('p=0.6&seed=7');
    expect(queryToState(experiment.settings, query)).toEqual({ overrides: { p: '0.6' }, seed: 7, errors: [] });
  });

  test('a bad value or seed in the link is not taken, and says why', () => {
    const state = queryToState(experiment.settings, `?p=2&seed=${MAX_SEED + 1}&unrelated=1`);
    expect(state.overrides).toEqual({});
    expect(state.seed).toBe(0);
    expect(state.errors).toHaveLength(2);
    expect(state.errors[0]).toMatch(/p.*2/);
    expect(state.errors[1]).toContain(String(MAX_SEED + 1));
  });
});
