import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runExperiment } from '../src/commands/run.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
function sgn(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const small = { restarts: '3', steps: '3000' };
const base = {
  preset: 'quick' as const,
  seed: 5,
  backend: 'cpu',
  overrides: small,
  resume: false,
  log: () => undefined,
};

/**
 * Runs lp-peak-plateau with `base` into `out` and aborts it once its first checkpoint is written (in the working
 * folder, which is swapped in for <out>/<id> when the run ends): a run interrupted after one finished unit.
 */
async function stoppedAtFirstCheckpoint(out: string) {
  const controller = new AbortController();
  const running = join(out, '.lp-peak-plateau.running', 'checkpoint.json');
  const watcher = setInterval(() => existsSync(running) && controller.abort(), 1);
  try {
    return await runExperiment('lp-peak-plateau', { ...base, out, signal: controller.signal });
  } finally {
    clearInterval(watcher);
  }
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
    expect(csv[0]).toBe('t,oneMinusCos,logTanHalf,norm,loss,bound,upperBound');
    expect(Number(csv[1].split(',')[1])).toBeCloseTo(1.8, 12);
    const svg = readFileSync(join(out, 'directional-figure1', 'angle-depth2.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(existsSync(join(out, 'directional-figure1', 'checkpoint.json'))).toBe(false);
  });

  it.each([
    [['run', 'nope'], 'unknown experiment "nope"; known: lp-peak-plateau'],
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
    [['run', 'lp-peak-plateau', '--preset', 'big'], '--preset must be one of quick, paper, got "big"'],
    [
      ['run', 'lp-peak-plateau', '--preset', 'paper-disjoint'],
      '--preset must be one of quick, paper, got "paper-disjoint"',
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

  it('an interrupted run saves a partial result; --resume gives the same final numbers as an uninterrupted run', async () => {
    const whole = mkdtempSync(join(tmpdir(), 'sgn-whole-'));
    const full = await runExperiment('lp-peak-plateau', { ...base, out: whole });
    expect(full.output.complete).toBe(true);

    const split = mkdtempSync(join(tmpdir(), 'sgn-split-'));
    const checkpoint = join(split, 'lp-peak-plateau', 'checkpoint.json');
    const partial = await stoppedAtFirstCheckpoint(split);
    expect(partial.output.complete).toBe(false);
    const saved = JSON.parse(readFileSync(checkpoint, 'utf8'));
    expect(saved.checkpoint.units.length).toBeGreaterThanOrEqual(1);
    expect(saved.checkpoint.units.length).toBeLessThan(5);
    expect(JSON.parse(readFileSync(join(split, 'lp-peak-plateau', 'result.json'), 'utf8')).complete).toBe(false);

    const resumed = await runExperiment('lp-peak-plateau', { ...base, out: split, resume: true });
    expect(resumed.output.complete).toBe(true);
    expect(resumed.output.metrics).toEqual(full.output.metrics);
    expect(readFileSync(join(split, 'lp-peak-plateau', 'functions.csv'), 'utf8')).toBe(
      readFileSync(join(whole, 'lp-peak-plateau', 'functions.csv'), 'utf8'),
    );
    expect(existsSync(checkpoint)).toBe(false);
  });

  it('--resume validates the checkpoint before trusting it: each damaged one refused in one line, exit 2', async () => {
    const { createHash } = await import('node:crypto');
    const out = mkdtempSync(join(tmpdir(), 'sgn-damaged-'));
    const checkpoint = join(out, 'lp-peak-plateau', 'checkpoint.json');
    await stoppedAtFirstCheckpoint(out);
    const good = JSON.parse(readFileSync(checkpoint, 'utf8'));
    // a forger who recomputes the hash still cannot pad the units past the run's count (3 restarts + 2 baselines)
    const rehash = (file: { identity: unknown; checkpoint: unknown }) => ({
      ...file,
      sha256: createHash('sha256')
        .update(JSON.stringify({ identity: file.identity, checkpoint: file.checkpoint }))
        .digest('hex'),
    });
    const firstUnit = good.checkpoint.units[0];
    const text = JSON.stringify(good);
    const digit = text.replace(
      /"interpolationError":(\d)/,
      (_: string, d: string) => `"interpolationError":${(Number(d) + 1) % 10}`,
    );
    const cases: [string, string][] = [
      ['{"identity": ', 'is not valid JSON'],
      [JSON.stringify({ ...good, sha256: undefined }), 'carries no integrity hash (sha256)'],
      [digit, 'does not match its integrity hash (edited or damaged)'],
      [JSON.stringify({ ...good, checkpoint: { units: { 0: firstUnit } } }), 'holds no list of finished units'],
      [
        JSON.stringify(rehash({ ...good, checkpoint: { units: [firstUnit, null] } })),
        'holds a finished unit that is not an object',
      ],
      [
        JSON.stringify(rehash({ ...good, checkpoint: { units: Array.from({ length: 9 }, () => firstUnit) } })),
        "the checkpoint holds 9 finished units, more than this run's 5",
      ],
    ];
    expect(digit).not.toBe(text);
    for (const [content, message] of cases) {
      writeFileSync(checkpoint, content);
      // the interrupted run's own settings (base): seed 5, cpu, 3 restarts of 3000 steps
      const args = ['--seed', '5', '--backend', 'cpu', '--set', 'restarts=3', '--set', 'steps=3000'];
      const { status, stderr } = sgn('run', 'lp-peak-plateau', ...args, '--out', out, '--resume');
      expect(status, message).toBe(2);
      expect(stderr.split('\n').filter(Boolean), message).toHaveLength(1);
      expect(stderr).toContain(`--resume: ${checkpoint}`);
      expect(stderr).toContain(message);
      expect(stderr).not.toMatch(/TypeError|at .*\.js/);
    }
  });

  it('one run per folder: a live holder is refused by pid, a dead one is cleared; the folder holds one run', () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-lock-'));
    const args = ['run', 'lp-peak-plateau', '--set', 'restarts=1', '--set', 'steps=300', '--out', out];
    writeFileSync(join(out, '.lp-peak-plateau.lock'), String(process.pid));
    const refused = sgn(...args);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `sgn: ${join(out, 'lp-peak-plateau')} is in use by another sgn run (pid ${process.pid}); wait for it or choose another --out\n`,
    );
    expect(existsSync(join(out, 'lp-peak-plateau'))).toBe(false);
    // a lock left by a killed run (its pid is gone) is stale
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(out, '.lp-peak-plateau.lock'), gone.stdout);
    // files of an earlier run in the folder: the new run's folder replaces it whole
    writeFileSync(join(out, 'stale.txt'), '');
    sgn(...args.slice(0, -2), '--out', out);
    expect(existsSync(join(out, 'lp-peak-plateau', 'result.json'))).toBe(true);
    writeFileSync(join(out, 'lp-peak-plateau', 'earlier-run.csv'), 'x\n');
    expect(sgn(...args).status).toBe(0);
    expect(readdirSync(join(out, 'lp-peak-plateau'))).toContain('result.json');
    expect(existsSync(join(out, 'lp-peak-plateau', 'earlier-run.csv'))).toBe(false);
    expect(readdirSync(out).sort()).toEqual(['lp-peak-plateau', 'stale.txt']);
  });

  it("SIGKILL mid-run leaves the earlier run whole; --resume continues from the killed run's checkpoint", async () => {
    const { spawn } = await import('node:child_process');
    const out = mkdtempSync(join(tmpdir(), 'sgn-kill-'));
    const settings = ['--seed', '5', '--backend', 'cpu', '--set', 'restarts=3', '--set', 'steps=3000'];
    expect(sgn('run', 'lp-peak-plateau', '--set', 'restarts=1', '--set', 'steps=300', '--out', out).status).toBe(0);
    const earlier = readFileSync(join(out, 'lp-peak-plateau', 'result.json'), 'utf8');
    const child = spawn(process.execPath, [bin, 'run', 'lp-peak-plateau', ...settings, '--out', out], {
      stdio: 'ignore',
    });
    const running = join(out, '.lp-peak-plateau.running', 'checkpoint.json');
    await new Promise<void>((resolve) => {
      const watcher = setInterval(() => {
        if (existsSync(running)) {
          clearInterval(watcher);
          child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    // the earlier run's folder is untouched: no checkpoint or file of the killed run in it
    expect(readFileSync(join(out, 'lp-peak-plateau', 'result.json'), 'utf8')).toBe(earlier);
    expect(existsSync(join(out, 'lp-peak-plateau', 'checkpoint.json'))).toBe(false);
    const resumed = sgn('run', 'lp-peak-plateau', ...settings, '--out', out, '--resume', '--json');
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toMatch(/resuming lp-peak-plateau after [1-4] of 5 finished units/);
    const whole = await runExperiment('lp-peak-plateau', { ...base, out: mkdtempSync(join(tmpdir(), 'sgn-whole-')) });
    expect(JSON.parse(resumed.stdout).metrics).toEqual(whole.output.metrics);
    expect(readdirSync(out).sort()).toEqual(['lp-peak-plateau']);
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
    expect(last).toMatch(
      /^sgn: directional-figure1: non-finite results \(finalOneMinusCos\[1\].*\): the run diverged; lower eta = 100$/,
    );
    const result = JSON.parse(readFileSync(join(out, 'directional-figure1', 'result.json'), 'utf8'));
    expect(result.complete).toBe(false);
    expect(result.failed).toMatch(/^non-finite results/);
  });

  it('--out "" is refused (it would write into the current folder)', () => {
    const { status, stderr } = sgn('run', 'lp-peak-plateau', '--out', '');
    expect([status, stderr]).toEqual([2, 'sgn: --out must name a folder, got ""\n']);
  });

  it('--resume refuses a checkpoint written with other settings', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-resume-'));
    await stoppedAtFirstCheckpoint(out);
    await expect(runExperiment('lp-peak-plateau', { ...base, seed: 6, out, resume: true })).rejects.toThrow(
      'was written with other settings, seed or backend',
    );
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
