import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReport } from './report-page.js';
import { seedStats } from '../src/sweep/aggregate.js';
import { expandGrid, parseGridAxis, parseSeeds } from '../src/sweep/grid.js';
import { scratch, sgn, signalAt } from './faults/inject.js';

describe('grids and seeds', () => {
  it('lists, linear a:b:n and log a..b*n axes give the values by hand; seeds a..b or a list', () => {
    expect(parseGridAxis('law=sphere,ball')).toEqual({ key: 'law', values: ['sphere', 'ball'], spacing: 'list' });
    // linear: 0.2 + 0.6 i/3; log: 1e-4 · 100^(i/2)
    expect(parseGridAxis('p=0.2:0.8:4').values).toEqual(['0.2', '0.4', '0.6', '0.8']);
    expect(parseGridAxis('eta=1e-4..1e-2*3').values).toEqual(['0.0001', '0.001', '0.01']);
    expect(parseGridAxis('x=-1:1:3').values).toEqual(['-1', '0', '1']);
    expect(parseSeeds('2..5')).toEqual([2, 3, 4, 5]);
    expect(parseSeeds('7,0,3')).toEqual([7, 0, 3]);
    // the first axis slowest
    expect(expandGrid([parseGridAxis('a=1,2'), parseGridAxis('b=x,y,z')]).map((p) => `${p.a}${p.b}`)).toEqual([
      '1x',
      '1y',
      '1z',
      '2x',
      '2y',
      '2z',
    ]);
  });

  it('seedStats: mean, sample sd (n - 1), min, max and n, by hand; non-finite values left out, not filled', () => {
    // [1, 2, 4]: mean 7/3, sd² = (16/9 + 1/9 + 25/9)/2 = 7/3
    const stats = seedStats([
      { a: 1, b: [5] },
      { a: 2, b: [Number.NaN] },
      { a: 4, b: [-5], kernel: 'wasm' },
    ]);
    expect(stats.a.mean).toBeCloseTo(7 / 3, 14);
    expect(stats.a.sd).toBeCloseTo(Math.sqrt(7 / 3), 14);
    expect([stats.a.min, stats.a.max, stats.a.n]).toEqual([1, 4, 3]);
    expect(stats['b[0]']).toEqual({ mean: 0, sd: Math.sqrt(50), min: -5, max: 5, n: 2 });
    expect(seedStats([{ a: 3 }]).a).toEqual({ mean: 3, sd: null, min: 3, max: 3, n: 1 });
    expect(stats.kernel).toBeUndefined();
  });
});

describe('sweep plots', () => {
  it('a log axis for a..b*n or values over two decades; the heatmap writes white on the darker half', async () => {
    const { logAxis } = await import('../src/sweep/sweep-report.js');
    const { sweepHeatmapSpec, sweepBandSpec } = await import('@sgn/experiments');
    expect(logAxis(parseGridAxis('b=1,100'))).toBe(true);
    expect(logAxis(parseGridAxis('b=1,50'))).toBe(false);
    expect(logAxis(parseGridAxis('b=-1,100'))).toBe(false);
    expect(logAxis(parseGridAxis('eta=1e-3..2e-3*2'))).toBe(true);
    const cell = (x: number, mean: number) => ({ x, mean, min: mean, max: mean, n: 1 });
    const band = sweepBandSpec('t', { key: 'b', log: true }, 'm', [cell(1, 0.5), cell(100, Number.NaN)]);
    expect(JSON.stringify(band)).toContain('"scale":{"type":"log"}');
    expect((band.data as { values: unknown[] }).values).toHaveLength(1);
    // means -3 and 1: middle -1
    const heat = sweepHeatmapSpec('t', ['a', 'b'], 'm', [
      { ...cell(1, -3), y: 'x' },
      { ...cell(2, 1), y: 'x' },
    ]);
    expect(JSON.stringify(heat)).toContain('"test":"datum.mean > -1"');
  });
});

const FIXED = ['--set', 'points=300', '--set', 'maxVotes=51'];

describe('sweep curves of array metrics', () => {
  it("entry i of each series against x[i]'s mean, with the band over seeds; a log axis drops values <= 0", async () => {
    const { curvePoints } = await import('../src/sweep/sweep-report.js');
    const { sweepCurveSpec } = await import('@sgn/experiments');
    // two seeds: votes [1, 3] in both; measured [0.4, 0.2] and [0.3, 0.1]; binomial only at m = 1
    const point = {
      settings: { units: '10' },
      seeds: [0, 1],
      metrics: seedStats([
        { votes: [1, 3], measured: [0.4, 0.2], binomial: [0.35] },
        { votes: [1, 3], measured: [0.3, 0.1], binomial: [0.35] },
      ]),
    };
    const curve = { name: 'c', title: 'error', x: 'votes', y: ['measured', 'binomial'], logY: true };
    const points = curvePoints(point, curve);
    expect(points.map((p) => [p.x, p.series, p.min, p.max])).toEqual([
      [1, 'measured', 0.3, 0.4],
      [1, 'binomial', 0.35, 0.35],
      [3, 'measured', 0.1, 0.2],
    ]);
    expect(points[0].mean).toBeCloseTo(0.35, 15);
    expect(points[2].mean).toBeCloseTo(0.15, 15);
    const spec = sweepCurveSpec('t', 'votes', [...points, { x: 5, series: 'measured', mean: 0, min: 0, max: 0 }], true);
    expect((spec.data as { values: unknown[] }).values).toHaveLength(3);
    expect(JSON.stringify(spec)).toContain('"scale":{"type":"log"}');
  });
});

describe('sgn sweep (local launcher)', () => {
  it('each run is exactly sgn run in a folder keyed by settings and seed; the aggregate is their mean; a rerun skips them', async () => {
    const out = scratch('whole');
    const grid = ['--grid', 'units=10,20', '--seeds', '0..1', '--plot', 'measured[0]'];
    const args = ['sweep', 'rlc-majority-vote', ...grid, ...FIXED, '--out', out];
    const first = sgn(...args);
    expect(first.status, first.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.runs.map((r: { settings: { units: number }; seed: number }) => [r.settings.units, r.seed])).toEqual(
      [
        [10, 0],
        [10, 1],
        [20, 0],
        [20, 1],
      ],
    );
    const result = (key: string) => readFileSync(join(out, 'runs', key, 'rlc-majority-vote', 'result.json'), 'utf8');
    // the same run by hand, seed 1 at units 10
    const direct = scratch('direct');
    expect(sgn('run', 'rlc-majority-vote', '--seed', '1', '--set', 'units=10', ...FIXED, '--out', direct).status).toBe(
      0,
    );
    const byHand = readFileSync(join(direct, 'rlc-majority-vote', 'result.json'), 'utf8');
    expect(result(manifest.runs[1].key)).toBe(byHand);
    // sweep.csv's units = 10 row: measured[0] averaged over seeds 0 and 1
    const measured = [0, 1].map((i) => JSON.parse(result(manifest.runs[i].key)).metrics.measured[0] as number);
    const [header, row10] = readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n');
    const cell = (name: string) => Number(row10.split(',')[header.split(',').indexOf(name)]);
    expect(cell('units')).toBe(10);
    expect(cell('measured[0].mean')).toBeCloseTo((measured[0] + measured[1]) / 2, 14);
    expect(cell('measured[0].n')).toBe(2);
    // the plot of the named metric, and an index that shows it and links the aggregate and every run
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('<div class="chart" id="chart-0"><img src="plot-1.svg" alt="measured[0]"></div>');
    expect(index).toContain('<a href="sweep.csv">');
    for (const r of manifest.runs) expect(index).toContain(`runs/${r.key}/rlc-majority-vote/`);
    expect(readFileSync(join(out, 'plot-1.svg'), 'utf8')).toContain('measured[0] (mean; band: min to max over seeds)');
    // interactive in chromium from disk, offline: every chart embedded by vega-embed from the sweep's assets/
    const report = await openReport(join(out, 'index.html'));
    expect(report.problems).toEqual([]);
    expect(report.embedded).toBe((index.match(/class="chart"/g) ?? []).length);
    expect(report.embedded).toBeGreaterThan(0);

    const times = manifest.runs.map(
      (r: { key: string }) => statSync(join(out, 'runs', r.key, 'rlc-majority-vote', 'result.json')).mtimeMs,
    );
    const again = sgn(...args);
    expect(again.status).toBe(0);
    expect(again.stderr).toContain('4 runs, 4 already finished, 0 to run');
    expect(
      manifest.runs.map(
        (r: { key: string }) => statSync(join(out, 'runs', r.key, 'rlc-majority-vote', 'result.json')).mtimeMs,
      ),
    ).toEqual(times);
  });

  it('interrupted half-way and rerun: finished runs are not recomputed and the aggregate equals an uninterrupted one', async () => {
    const grid = ['--grid', 'units=10,20,30', '--seeds', '0..1', ...FIXED, '--jobs', '2'];
    const whole = scratch('uninterrupted');
    expect(sgn('sweep', 'rlc-majority-vote', ...grid, '--out', whole).status).toBe(0);
    const cut = scratch('cut');
    const args = ['sweep', 'rlc-majority-vote', ...grid, '--out', cut];
    // Ctrl-C once two runs have finished
    const finishedRuns = () =>
      readdirSync(join(cut, 'runs'), { withFileTypes: true }).filter((e) => {
        try {
          return JSON.parse(readFileSync(join(cut, 'runs', e.name, 'rlc-majority-vote', 'result.json'), 'utf8'))
            .complete;
        } catch {
          return false;
        }
      }).length;
    const stopped = await signalAt(args, 0, 'SIGINT', () => existsSync(join(cut, 'runs')) && finishedRuns() >= 2);
    expect(stopped.status).toBe(130);
    expect(stopped.stopMs).toBeLessThan(1000);
    const finishedBefore = readdirSync(join(cut, 'runs')).flatMap((key) => {
      const path = join(cut, 'runs', key, 'rlc-majority-vote', 'result.json');
      try {
        return JSON.parse(readFileSync(path, 'utf8')).complete ? [[path, statSync(path).mtimeMs] as const] : [];
      } catch {
        return [];
      }
    });
    expect(finishedBefore.length).toBeGreaterThanOrEqual(2);
    const rerun = sgn(...args);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`${finishedBefore.length} already finished`);
    for (const [path, mtime] of finishedBefore) expect(statSync(path).mtimeMs).toBe(mtime);
    const aggregate = (dir: string) => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).points;
    expect(aggregate(cut)).toEqual(aggregate(whole));
    expect(readFileSync(join(cut, 'sweep.csv'), 'utf8')).toBe(readFileSync(join(whole, 'sweep.csv'), 'utf8'));
  });

  it('a run that fails is reported with its seed, settings and log; the others finish; exit 1', () => {
    const out = scratch('failing');
    // eta 100 diverges: that run exits 1 (a failed run), eta 0.001 finishes
    const r = sgn('sweep', 'directional-figure1', '--grid', 'eta=0.001,100', '--set', 'steps=2000', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/failed \(exit 1\): seed 0, \{"eta":"100"\}; log .*runs\/[0-9a-f]{16}\/log\.txt/);
    expect(r.stdout).toContain('1 of 2 runs finished (0 were already), 1 failed');
    const log = /log (\S+log\.txt)/.exec(r.stderr)![1];
    expect(readFileSync(log, 'utf8')).toContain('the run diverged; lower eta = 100');
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').split('\n');
    expect(csv[1].startsWith('0.001,')).toBe(true);
    // the failed point has no numbers, not made-up ones
    expect(csv[2].replace(/,/g, '')).toBe('100');
  });

  it.each([
    [['--grid', 'colour=red'], '--grid "colour" is not a setting of rlc-majority-vote; settings: d, units'],
    [['--grid', 'units='], '--grid units: give values separated by commas, got ""'],
    [['--grid', 'units=1:2'], '--grid units: "1:2" is not a:b:n (n points from a to b)'],
    [['--grid', 'units=0..10*3'], 'is not a..b*n (n log-spaced points from a > 0 to b > 0)'],
    [['--grid', 'units=5,x'], 'grid point {"units":"x"}: units must be an integer'],
    [
      ['--grid', 'units=5', '--seeds', '3..1'],
      '--seeds must be a..b or a list s1,s2,... of non-negative integers, got "3..1"',
    ],
    [['--grid', 'units=5', '--launcher', 'pbs'], '--launcher must be local or slurm, got "pbs"'],
    [['--grid', 'units=5', '--set', 'units=6'], 'units is both swept (--grid) and fixed (--set); give one of them'],
    [['--grid', 'units=5', '--jobs', '0'], '--jobs must be an integer in [1, 256], got "0"'],
    [[], 'give at least one --grid key=values'],
  ])('%j: one line, exit 2, nothing written', (extra, message) => {
    const parent = scratch('bad');
    const r = sgn('sweep', 'rlc-majority-vote', ...extra, '--out', join(parent, 'out'));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`sgn: ${r.stderr.slice(5).split('\n')[0]}\n`);
    expect(r.stderr).toContain(message);
    expect(readdirSync(parent)).toEqual([]);
  });
});
