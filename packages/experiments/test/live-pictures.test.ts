// The live pictures (LivePicture) read against what the run itself reports, by an independent route: the lp
// network's last picture against the run's read-out (the tensor engine's evaluation), the directional path against
// each record's angle and norm (Pythagoras), the vote histogram against the epoch's majority-vote accuracy.
import '@sgn/backend-cpu';
import { expectClose } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';
import { findExperiment, resolveSettings, type LivePicture } from '../src/index.js';

async function runWithPictures(id: string, overrides: Record<string, string>) {
  const experiment = findExperiment(id);
  const settings = resolveSettings(experiment, 'quick', { backend: 'cpu', ...overrides });
  const pictures: LivePicture[] = [];
  const records: Record<string, unknown>[] = [];
  const output = await experiment.run(settings, {
    seed: 1,
    onPicture: (picture) => pictures.push(structuredClone(picture)),
    onMetrics: (record) => records.push(record),
  });
  expect(pictures.length).toBeGreaterThan(0);
  expect(new Set(pictures.map((p) => p.plot.name))).toEqual(new Set(experiment.livePictures));
  return { pictures, records, output };
}

const column = (picture: LivePicture, name: string) =>
  picture.curve.rows.map((row) => row[picture.curve.columns.indexOf(name)]);

describe('live pictures', () => {
  it("lp: the last picture of each run is that run's trained function (float64 vs the read-out's tensors)", async () => {
    const { pictures, output } = await runWithPictures('lp-peak-plateau', {
      restarts: '1',
      steps: '300',
      width: '12',
    });
    const runs = output.metrics.runs as { curve: { x: number[]; y: number[] } }[];
    // units: lp-0, adam, adamw; each run's pictures every 15 steps, the last at step 300
    for (const [index, run] of ['lp-0', 'adam', 'adamw'].entries()) {
      const last = pictures.filter((p) => p.plot.title.startsWith(`${run} at step `)).at(-1)!;
      expect(last.plot.title).toBe(`${run} at step 300: the network against f* and the data`);
      expect(column(last, 'x')).toEqual(runs[index].curve.x);
      expectClose(column(last, 'network'), runs[index].curve.y, { atol: 1e-5 });
    }
  });

  it('directional: each path point is ‖w_e‖ (sin θ, cos θ) of its record: along/‖w_e‖ = cos θ, across² + along² = ‖w_e‖²', async () => {
    const { pictures, records } = await runWithPictures('directional-figure1', { steps: '400', deepDepth: '3' });
    const last = pictures.at(-1)!;
    for (const depth of [1, 2, 3]) {
      const mine = records.filter((r) => r.run === `depth-${depth}`) as { oneMinusCos: number; norm: number }[];
      const rows = last.curve.rows.filter((row) => Number.isFinite(row[last.curve.columns.indexOf(`depth-${depth}`)]));
      expect(rows).toHaveLength(mine.length);
      rows.forEach((row, i) => {
        const [across, along] = [row[0], row[last.curve.columns.indexOf(`depth-${depth}`)]];
        expectClose([Math.hypot(across, along), along / mine[i].norm], [mine[i].norm, 1 - mine[i].oneMinusCos], {
          atol: 1e-12,
        });
        expect(across).toBeGreaterThanOrEqual(0);
      });
    }
    // w(0) = (0.6, -0.8) and v = e2: the paths start at (0.6, -0.8)
    const start = last.curve.rows.find((row) => Number.isFinite(row[last.curve.columns.indexOf('depth-2')]))!;
    expectClose([start[0], start[last.curve.columns.indexOf('depth-2')]], [0.6, -0.8], { atol: 1e-12 });
  });

  it("rlc: the histogram's share of examples with more than m/2 right votes is the epoch's majority accuracy", async () => {
    const { pictures, records } = await runWithPictures('rlc-training', {
      task: 'sign',
      n: '5',
      epochs: '3',
      votes: '7',
      baselines: 'off',
    });
    expect(pictures).toHaveLength(records.length);
    pictures.forEach((picture, i) => {
      const share = column(picture, 'examples');
      const binomial = column(picture, 'binomial');
      expect(column(picture, 'k')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expectClose([share.reduce((a, b) => a + b, 0), binomial.reduce((a, b) => a + b, 0)], [1, 1], { atol: 1e-12 });
      expectClose([share.slice(4).reduce((a, b) => a + b, 0)], [records[i].validationAccuracy as number], {
        atol: 1e-12,
      });
      expect(picture.plot.title).toMatch(new RegExp(`^Epoch ${records[i].epoch}: `));
    });
  });
});
