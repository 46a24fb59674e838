import { execFileSync } from 'node:child_process';
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
function sgn(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
describe('sgn run', () => {
  it('writes result.json, CSV curves and SVG plots for an experiment', () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-run-'));
    const { status, stdout } = sgn('run', 'directional-figure1', '--set', 'steps=2000', '--out', out, '--json');
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    const result = JSON.parse(readFileSync(join(out, 'directional-figure1', 'result.json'), 'utf8'));
    expect(result).toMatchObject({
      experiment: 'directional-figure1',
      preset: 'quick',
      seed: 0,
      backend: 'wasm',
      complete: true,
    });
    expect(result.settings.steps).toBe(2000);
    expect(result.metrics).toEqual(printed.metrics);
    // c0 of the circle, and the depth-2 curve starts at 1 - cos θ0 = 1.8
    expect(result.metrics.c0).toBeCloseTo(1, 12);
    const csv = readFileSync(join(out, 'directional-figure1', 'depth2.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('t,oneMinusCos,logTanHalf,norm,loss,bound,upperBound,relativeResidual');
    expect(Number(csv[1].split(',')[1])).toBeCloseTo(1.8, 12);
    const svg = readFileSync(join(out, 'directional-figure1', 'angle-depth2.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    // the closed form is a reference: drawn dashed, before (under) the measured curve; axis titles name quantities
    expect(svg).toContain('stroke-dasharray="6,4"');
    expect(svg).toContain('1 - cos θ (angle to v)');
    // the plot's vega-lite spec beside it, with its data: the measured 1 - cos θ values of depth2.csv
    const spec = JSON.parse(readFileSync(join(out, 'directional-figure1', 'angle-depth2.vl.json'), 'utf8'));
    expect(spec.$schema).toMatch(/vega-lite\/v6/);
    expect(spec.layer.map((l: { mark: { strokeDash?: number[] } }) => l.mark.strokeDash ?? null)).toEqual([
      [6, 4],
      null,
    ]);
    const measured = spec.data.values.filter((v: { series: string }) => v.series === '1 - cos θ, gradient descent');
    expect(measured[0].value).toBeCloseTo(1.8, 12);
    expect(existsSync(join(out, 'directional-figure1', 'checkpoint.json'))).toBe(false);
    // the live log: one line per recorded step of each depth, the depth-2 lines the same numbers as depth2.csv
    const lines = readFileSync(join(out, 'directional-figure1', 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n');
    const records = lines.map((line) => JSON.parse(line) as { run: string; oneMinusCos: number; step: number });
    const depth2 = records.filter((r) => r.run === 'depth-2');
    expect(depth2.map((r) => r.oneMinusCos)).toEqual(csv.slice(1, -1).map((row) => Number(row.split(',')[1])));
    expect(depth2[0].step).toBe(0);
    expect(new Set(records.map((r) => r.run)).size).toBeGreaterThan(1);
    // provenance beside the result: this checkout's commit, a UTC timestamp of now, versions from package.json
    const made = JSON.parse(readFileSync(join(out, 'directional-figure1', 'provenance.json'), 'utf8'));
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    expect(made.commit).toBe(head);
    expect(typeof made.dirty).toBe('boolean');
    expect(Math.abs(Date.parse(made.timestamp) - Date.now())).toBeLessThan(120_000);
    expect(made.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const version = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')).version;
    expect(made.versions.packages['@sgn/trainers']).toBe(version('../../../packages/trainers/package.json'));
    expect(made.versions.sgn).toBe(version('../package.json'));
    expect(made.versions.tfjs).toBe('4.22.0');
    expect(result.versions).toEqual(made.versions);
    expect(made.backend).toBe('wasm');
  });

  it.each([
    [['run', 'nope'], 'unknown experiment "nope"; known: lp-peak-plateau'],
    // echoed values are quoted, escaped and cut: no terminal escape reaches stderr raw, no 100 kB line
    [['run', '\u001b]0;title\u0007\u001b[31m'], 'unknown experiment "\\u001b]0;title\\u0007\\u001b[31m"; known:'],
    [['run', 'x'.repeat(100_000)], `unknown experiment "${'x'.repeat(60)}…"; known:`],
    [
      ['run', 'lp-peak-plateau', 'extra', 'more'],
      'too many arguments for \'run\'. Expected 1 argument but got 3. Extra: "extra", "more"',
    ],
    [['run', 'lp-peak-plateau', '--\u001b[2Jwipe'], "unknown option '--\\u001b[2Jwipe'"],
    [
      ['run', 'lp-peak-plateau', '--set', 'colour=red'],
      'unknown setting "colour" for lp-peak-plateau; settings: p, width',
    ],
    [['run', 'lp-peak-plateau', '--set', 'p=1.5'], 'p must be > 0 and <= 1, got "1.5"'],
    [['run', 'lp-peak-plateau', '--set', 'width=2.5'], 'width must be an integer >= 1 and <= 100000, got "2.5"'],
    [['run', 'lp-peak-plateau', '--set', 'schedule=linear'], 'schedule must be one of constant, cosine, got "linear"'],
    [['run', 'lp-peak-plateau', '--set', 'width'], '--set takes key=value, got "width"'],
    // decimal numbers only, each key once, a folder that is named
    [['run', 'lp-peak-plateau', '--set', 'steps=0x10'], 'got "0x10"'],
    [['run', 'lp-peak-plateau', '--set', 'width= 5 '], 'width must be an integer >= 1 and <= 100000, got " 5 "'],
    [['run', 'lp-peak-plateau', '--seed', '0x10'], '--seed must be a non-negative integer, got "0x10"'],
    [
      ['run', 'lp-peak-plateau', '--set', 'p=0.4', '--set', 'p=0.5'],
      '--set p is given twice ("0.4" and "0.5"); give it once',
    ],
    [['run', 'lp-peak-plateau', '--preset', 'big'], '--preset must be one of quick, paper, live, got "big"'],
    [
      ['run', 'lp-peak-plateau', '--preset', 'paper-disjoint'],
      '--preset must be one of quick, paper, live, got "paper-disjoint"',
    ],
    [
      ['run', 'adam-batch', '--set', 'largeBatch=500'],
      'batch sizes must be at most n = 200, got largeBatch 500, miniBatch 2',
    ],
    [
      ['run', 'lp-peak-plateau', '--backend', 'cpu', '--set', 'backend=wasm'],
      '--backend cpu and --set backend=wasm disagree; give one of them',
    ],
    [
      ['run', 'lp-peak-plateau', '--set', 'backend=webgl'],
      'backend "webgl" needs a browser with WebGL; under Node use cpu or wasm',
    ],
  ])('%j fails with one line and exit 2, writing nothing', (args, message) => {
    const parent = mkdtempSync(join(tmpdir(), 'sgn-run-bad-'));
    // an --out folder that does not exist yet: a refused run must not create it
    const { status, stderr } = sgn(...args, '--out', join(parent, 'results'));
    expect(status).toBe(2);
    expect(stderr).toBe(`sgn: ${stderr.slice(5).split('\n')[0]}\n`);
    expect(stderr).toContain(message);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('a diverged run is a failed run: exit 1, one line naming the step-size setting, result.json marked failed', () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-diverged-'));
    const { status, stderr } = sgn(
      'run',
      'directional-figure1',
      '--set',
      'eta=100',
      '--set',
      'steps=2000',
      '--out',
      out,
    );
    expect(status).toBe(1);
    const last = stderr.trim().split('\n').at(-1);
    // the trainer stops at the first non-finite weight (DivergedError); sgn run names the step-size setting
    expect(last).toMatch(
      /^sgn: directional-figure1: end-to-end weights\[\d\] is (NaN|-?Infinity) after step \d+: the run diverged; lower eta = 100$/,
    );
    const result = JSON.parse(readFileSync(join(out, 'directional-figure1', 'result.json'), 'utf8'));
    expect(result.complete).toBe(false);
    expect(result.failed).toMatch(/^end-to-end weights\[\d\] is/);
  });

  it('--out "" is refused (it would write into the current folder)', () => {
    const { status, stderr } = sgn('run', 'lp-peak-plateau', '--out', '');
    expect([status, stderr]).toEqual([2, 'sgn: --out must name a folder, got ""\n']);
  });
});

describe('extra presets', () => {
  it('adam-batch --preset paper-disjoint takes the paper settings with d = 10000; the backend setting picks the kernel', () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-disjoint-'));
    const { status } = sgn(
      'run',
      'adam-batch',
      '--preset',
      'paper-disjoint',
      '--set',
      'backend=cpu',
      '--set',
      'epochsLarge=2',
      '--set',
      'epochsMini=1',
      '--set',
      'test=50',
      '--set',
      'n=20',
      '--set',
      'largeBatch=10',
      '--out',
      out,
    );
    expect(status).toBe(0);
    const result = JSON.parse(readFileSync(join(out, 'adam-batch', 'result.json'), 'utf8'));
    expect(result.settings).toMatchObject({ d: 10_000, s: 100, eta: 5e-5, n: 20, largeBatch: 10 });
    expect(Object.keys(result.metrics)).toEqual(['adam-large', 'adam-mini', 'adamw-large', 'adamw-mini']);
    // --set backend=cpu: the float64 JavaScript AdamPass ran every run, and the result records the backend
    expect(result.backend).toBe('cpu');
    expect(Object.values(result.metrics).map((m) => (m as { kernel: string }).kernel)).toEqual(Array(4).fill('cpu js'));
  });
});
