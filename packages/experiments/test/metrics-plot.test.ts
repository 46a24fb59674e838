import { describe, expect, it } from 'vitest';
import {
  experiments,
  findExperiment,
  metricsCurve,
  resolveSettings,
  runUnits,
  toCsv,
  vegaLiteSpec,
  type MetricsPlot,
} from '../src/index.js';

describe('metricsCurve', () => {
  const plot: MetricsPlot = { name: 'loss', title: 'Loss', x: 'step', y: ['loss'], logY: true };

  it('makes one column per run, in the order runs first appear, with NaN in the other runs', () => {
    const { curve, spec } = metricsCurve(plot, [
      { run: 'a', step: 0, loss: 2 },
      { run: 'b', step: 0, loss: 3 },
      { run: 'a', step: 10, loss: 1 },
    ]);
    expect(curve.columns).toEqual(['step', 'a', 'b']);
    expect(curve.rows).toEqual([
      [0, 2, Number.NaN],
      [0, Number.NaN, 3],
      [10, 1, Number.NaN],
    ]);
    expect(spec).toMatchObject({ curve: 'loss', x: 'step', y: ['a', 'b'], logY: true, xTitle: 'step' });
    // drawn by the one chart definition: 3 points, the NaNs left out
    const values = (vegaLiteSpec(spec, curve).data as { values: unknown[] }).values;
    expect(values).toHaveLength(3);
  });

  it('names run and field when it draws several fields, keeps only the listed runs, skips records without x', () => {
    const { curve } = metricsCurve(
      { ...plot, y: ['testError', 'noiseMax'], runs: ['adam-mini'], labels: { noiseMax: 'noise' } },
      [
        { run: 'adam-large', epoch: 0, step: 0, testError: 0.5, noiseMax: 0.1 },
        { run: 'adam-mini', step: 5, testError: 0.25, noiseMax: -0.5 },
        { run: 'adam-mini', step: Number.NaN, testError: 0.1 },
        { run: 'adam-mini', testError: 0.1 },
      ],
    );
    expect(curve.columns).toEqual(['step', 'adam-mini: testError', 'adam-mini: noise']);
    expect(curve.rows).toEqual([[5, 0.25, -0.5]]);
  });
});

describe('runUnits', () => {
  it('awaits beforeUnit before each unit it computes, with the units done and the total', async () => {
    const calls: string[] = [];
    const { units, complete } = await runUnits(
      3,
      {
        seed: 0,
        resumeFrom: { units: [10] },
        beforeUnit: async (done, total) => {
          calls.push(`before ${done}/${total}`);
        },
      },
      async (index) => {
        calls.push(`unit ${index}`);
        return index * 10;
      },
    );
    expect(complete).toBe(true);
    expect(units).toEqual([10, 10, 20]);
    expect(calls).toEqual(['before 1/3', 'unit 1', 'before 2/3', 'unit 2']);
  });

  it('stops without computing the next unit when the signal aborts during a pause', async () => {
    const controller = new AbortController();
    let computed = 0;
    const { units, complete } = await runUnits(
      3,
      {
        seed: 0,
        signal: controller.signal,
        beforeUnit: async (done) => {
          if (done === 1) controller.abort();
        },
      },
      async () => ++computed,
    );
    expect(complete).toBe(false);
    expect(units).toEqual([1]);
    expect(computed).toBe(1);
  });
});

describe('the live presets', () => {
  it("each paper's live experiment has a live preset and live charts drawing fields its records carry", () => {
    const live = experiments.filter((e) => e.extraPresets?.live);
    expect(live.map((e) => e.id).sort()).toEqual([
      'adam-batch',
      'directional-figure1',
      'lp-peak-plateau',
      'rlc-training',
    ]);
    for (const experiment of live) {
      expect(experiment.metricsPlots?.length, experiment.id).toBeGreaterThan(0);
      // the preset resolves and passes the experiment's own validation
      expect(() => resolveSettings(experiment, 'live')).not.toThrow();
    }
    expect(resolveSettings(findExperiment('lp-peak-plateau'), 'live')).toMatchObject({ restarts: 16, steps: 3000 });
  });
});

describe('toCsv', () => {
  it('writes a header and one line per row, non-finite cells empty', () => {
    expect(
      toCsv(
        ['x', 'y'],
        [
          [1, Number.NaN],
          [-2.5, Infinity],
        ],
      ),
    ).toBe('x,y\n1,\n-2.5,\n');
  });
});
