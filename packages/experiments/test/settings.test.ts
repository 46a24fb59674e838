import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { expect, it } from 'vitest';
import { choice, defineExperiment, experiments, integer, number, resolveSettings } from '../src/index.js';

const probe = defineExperiment({
  id: 'probe',
  paper: 'none',
  claim: 'typed settings reach run as their types',
  schema: {
    p: number({ description: 'p', min: 0, max: 1, exclusiveMin: true, defaults: { quick: 0.4, paper: 0.7 } }),
    width: integer({ description: 'width', min: 1, defaults: { quick: 3, paper: 5 } }),
    schedule: choice({
      description: 'schedule',
      choices: ['constant', 'cosine'],
      defaults: { quick: 'cosine', paper: 'constant' },
    }),
  },
  extraPresets: { wide: { base: 'quick', values: { width: 9 }, description: 'a wider quick run' } },
  validate(settings) {
    if (settings.width * settings.p > 4)
      throw new Error(`width·p must be at most 4, got ${settings.width * settings.p}`);
  },
  async run(settings) {
    // typed: arithmetic on numbers and a comparison against the choice's literals, with no casts
    const doubled = settings.p * 2 + settings.width;
    const cosine = settings.schedule === 'cosine';
    // the harness activated the backend setting before run
    return { metrics: { doubled, cosine, active: tf.getBackend() }, curves: {}, plots: [], complete: true };
  },
});

it('defineExperiment lists the schema as the settings the CLI reads, in order, with their ranges', () => {
  expect(probe.settings.map((s) => [s.key, s.type])).toEqual([
    ['p', 'number'],
    ['width', 'integer'],
    ['schedule', 'choice'],
    ['backend', 'choice'],
  ]);
  expect(probe.settings[3]).toMatchObject({
    choices: ['cpu', 'wasm', 'webgl'],
    defaults: { quick: 'wasm', paper: 'wasm' },
  });
  expect(probe.settings[0]).toMatchObject({ min: 0, max: 1, exclusiveMin: true, defaults: { quick: 0.4, paper: 0.7 } });
});

it('resolved settings reach run and validate typed, presets and overrides included', async () => {
  const settings = resolveSettings(probe, 'paper', { width: '4' });
  expect(settings).toEqual({ p: 0.7, width: 4, schedule: 'constant', backend: 'wasm' });
  const output = await probe.run(settings, { seed: 0 });
  expect(output.metrics).toEqual({ doubled: 5.4, cosine: false, active: 'wasm' });
  expect(resolveSettings(probe, 'wide')).toEqual({ p: 0.4, width: 9, schedule: 'cosine', backend: 'wasm' });
  expect(() => resolveSettings(probe, 'paper', { width: '9', p: '0.5' })).toThrow('width·p must be at most 4, got 4.5');
  expect(() => resolveSettings(probe, 'quick', { schedule: 'linear' })).toThrow(
    'schedule must be one of constant, cosine, got "linear"',
  );
  expect(() => resolveSettings(probe, 'quick', { p: '0' })).toThrow('p must be > 0 and <= 1, got 0');
});

it('every registered experiment declares its settings through a schema (each has defaults at both presets)', () => {
  for (const experiment of experiments) {
    expect(experiment.settings.length, experiment.id).toBeGreaterThan(0);
    for (const spec of experiment.settings) {
      expect(typeof spec.defaults.quick === typeof spec.defaults.paper, `${experiment.id}.${spec.key}`).toBe(true);
      if (spec.type === 'choice') expect(spec.choices).toContain(spec.defaults.quick);
    }
  }
});

it('the backend is a setting of every experiment: run activates it, and a schema cannot take the name', async () => {
  for (const backend of ['cpu', 'wasm', 'cpu']) {
    const output = await probe.run(resolveSettings(probe, 'quick', { backend }), { seed: 0 });
    expect(output.metrics.active).toBe(backend);
  }
  expect(() => resolveSettings(probe, 'quick', { backend: 'gpu' })).toThrow(
    'backend must be one of cpu, wasm, webgl, got "gpu"',
  );
  await expect(probe.run(resolveSettings(probe, 'quick', { backend: 'webgl' }), { seed: 0 })).rejects.toThrow(
    'backend "webgl" needs a browser with WebGL; under Node use cpu or wasm',
  );
  for (const experiment of experiments) expect(experiment.settings.at(-1)?.key, experiment.id).toBe('backend');
  expect(() =>
    defineExperiment({
      id: 'clash',
      paper: 'none',
      claim: 'none',
      schema: { backend: choice({ description: 'mine', choices: ['a'], defaults: { quick: 'a', paper: 'a' } }) },
      async run() {
        return { metrics: {}, curves: {}, plots: [], complete: true };
      },
    }),
  ).toThrow('clash: "backend" is the harness\'s own setting; the schema must not declare it');
});
