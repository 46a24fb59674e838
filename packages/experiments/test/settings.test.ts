import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { tf } from '@sgn/tensor';
import { expect, it } from 'vitest';
import {
  checkMemory,
  choice,
  defineExperiment,
  experiments,
  integer,
  number,
  resolveSettings,
  runCheck,
} from '../src/index.js';

const probe = defineExperiment({
  id: 'probe',
  paper: 'none',
  claim: 'typed settings reach run as their types',
  schema: {
    p: number({ description: 'p', min: 0, max: 1, exclusiveMin: true, defaults: { quick: 0.4, paper: 0.7 } }),
    width: integer({ description: 'width', min: 1, max: 100, defaults: { quick: 3, paper: 5 } }),
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
  expect(() => resolveSettings(probe, 'quick', { p: '0' })).toThrow('p must be > 0 and <= 1, got "0"');
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

it('every numeric setting of every experiment has a maximum, and a value above it is refused naming the range', () => {
  for (const experiment of experiments) {
    for (const spec of experiment.settings.filter((s) => s.type !== 'choice')) {
      expect(Number.isFinite(spec.max), `${experiment.id}.${spec.key}`).toBe(true);
      expect(() => resolveSettings(experiment, 'quick', { [spec.key]: String(spec.max! * 10 + 1) })).toThrow(
        `${spec.key} must be`,
      );
    }
  }
  expect(() => resolveSettings(probe, 'quick', { width: '101' })).toThrow('width must be >= 1 and <= 100, got "101"');
});

it('checkMemory refuses settings whose product needs more than the budget, naming estimate and formula', () => {
  const rlc = experiments.find((e) => e.id === 'rlc-majority-vote')!;
  // 8·(points + units)·d = 8·(1e6 + 20)·1000 bytes = 8.00016e9 bytes = 7.451 GiB
  const settings = resolveSettings(rlc, 'quick', { points: '1000000', d: '1000' });
  expect(rlc.estimateMemory!(settings).bytes).toBe(8 * (1e6 + 20) * 1000);
  expect(() => checkMemory(rlc, settings, 4 * 2 ** 30)).toThrow(
    'these settings of rlc-majority-vote need about 7.5 GiB (8·(points + units)·d bytes), more than the 4.0 GiB',
  );
  expect(() => checkMemory(rlc, settings, 8 * 2 ** 30)).not.toThrow();
  // experiments without an estimate (their settings' maxima and stretch limits bound the memory) are not refused
  expect(() => checkMemory(probe, resolveSettings(probe, 'quick'), 1)).not.toThrow();
});

it('limitStretch refuses set-ups and steps Ctrl-C could not cut within a second, naming formula and settings', () => {
  const adam = experiments.find((e) => e.id === 'adam-batch')!;
  // 2·m·d = 2·20·1e6 = 4e7 draws of initial weights > 2e7
  expect(() => resolveSettings(adam, 'quick', { d: '1000000' })).toThrow(
    '2·m·d = 40000000 random draws in one stretch that Ctrl-C cannot cut (set-up or one step), more than 20000000: lower m or d',
  );
  // at the limit itself it is allowed: 2·20·500000 = 2e7
  expect(() => resolveSettings(adam, 'quick', { d: '500000' })).not.toThrow();
  const lp = experiments.find((e) => e.id === 'lp-random-data')!;
  // one step: 2·n·width·(d + 1) = 2·10·100000·101 = 2.02e8 operations > 2e8
  expect(() => resolveSettings(lp, 'quick', { width: '100000', d: '100' })).toThrow(
    '2·n·width·(d + 1) = 202000000 operations in one stretch that Ctrl-C cannot cut (set-up or one step), more than 200000000: lower n or width or d',
  );
});

it('a check that throws after Ctrl-C (its runs cut short) is recorded as interrupted; without Ctrl-C the error stands', async () => {
  const controller = new AbortController();
  const check = {
    id: 'probe.cut',
    paper: 'none',
    claim: 'reads the last value of a run',
    async run({ signal }: { signal?: AbortSignal }) {
      controller.abort();
      if (signal?.aborted) throw new TypeError("Cannot read properties of undefined (reading 'toExponential')");
      return { pass: true, measured: '', expected: '', details: {} };
    },
  };
  const result = await runCheck(check, { preset: 'quick', seed: 0, signal: controller.signal });
  expect([result.verdict, result.pass]).toEqual(['interrupted', false]);
  expect(result.measured).toMatch(/^interrupted after [\d.]+ s: no verdict/);
  const failing = { ...check, run: async () => Promise.reject(new Error('a real bug')) };
  await expect(runCheck(failing, { preset: 'quick', seed: 0 })).rejects.toThrow('a real bug');
});
