import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultBanner, moments, scratch, sgn, signalAt, SMALL_RUNS, snapshot } from './inject.js';

/**
 * Ctrl-C at random moments of every experiment and of `check` / `reproduce`: the run stops within a second with
 * exit 130; a stopped run's folder holds its partial result, and `--resume` then writes the uninterrupted run's
 * files byte for byte; a check cut short gets no verdict, and every verdict given is the uninterrupted one.
 */
faultBanner('interrupts');

const MOMENTS_PER_EXPERIMENT = 2;

describe.each(SMALL_RUNS)('Ctrl-C during sgn run %s', (id, settings) => {
  const args = ['run', id, '--seed', '3', ...settings];
  let reference: Record<string, string>;
  let referenceMs: number;
  beforeAll(() => {
    const out = scratch(`${id}-whole`);
    const whole = sgn(...args, '--out', out);
    expect(whole.status, whole.stderr).toBe(0);
    reference = snapshot(join(out, id));
    referenceMs = whole.ms;
    expect(Object.keys(reference)).toContain('result.json');
  }, 120_000);

  it.each(moments(`run-${id}`, MOMENTS_PER_EXPERIMENT))(
    'at %d of the run (after its start): exit 130 within 1 s, partial result, resume byte for byte',
    async (fraction) => {
      const out = scratch(`${id}-cut`);
      // from the moment the run folder exists (the CLI has loaded and checked its settings) to 70% of the run
      const started = () => existsSync(join(out, `.${id}.running`));
      const cut = await signalAt([...args, '--out', out], fraction * 0.7 * referenceMs, 'SIGINT', started);
      expect(cut.status, cut.stderr).toBe(130);
      expect(cut.stopMs).toBeLessThan(1000);
      const partial = JSON.parse(readFileSync(join(out, id, 'result.json'), 'utf8'));
      expect(partial.complete).toBe(false);
      expect(readdirSync(out)).toEqual([id]);

      const resumed = sgn(...args, '--out', out, '--resume');
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(snapshot(join(out, id))).toEqual(reference);
      expect(readdirSync(out)).toEqual([id]);
    },
  );
});

describe('Ctrl-C while sgn run is still loading', () => {
  it('exits at once with 130 and writes nothing (before, it finished loading and saved an empty partial run)', async () => {
    const out = scratch('loading');
    // 250 ms after the start: the handler is installed, the run's modules (~0.8 s here) are still loading
    const cut = await signalAt(['run', 'lp-peak-plateau', '--out', out], 250, 'SIGINT', (stderr) => stderr === '');
    expect(cut.status, cut.stderr).toBe(130);
    expect(cut.stderr).toBe('sgn: interrupted before any work began; nothing written\n');
    expect(cut.stopMs).toBeLessThan(300);
    expect(existsSync(join(out, 'lp-peak-plateau')) || existsSync(join(out, '.lp-peak-plateau.running'))).toBe(false);
  });
});

/** Checks of every paper that train for seconds at the quick preset, and an exact one before them. */
const CHECKS = ['lp.critical-p', 'lp.training-peak-plateau', 'adam.weight-decay', 'directional.separable-contrast'];

interface CheckResultLine {
  id: string;
  verdict: 'pass' | 'fail' | 'interrupted';
  measured: string;
}

describe('Ctrl-C during sgn check and sgn reproduce', () => {
  let reference: Map<string, CheckResultLine>;
  let referenceMs: number;
  beforeAll(() => {
    const whole = sgn('check', ...CHECKS, '--json');
    expect(whole.status, whole.stderr).toBe(0);
    reference = new Map((JSON.parse(whole.stdout) as CheckResultLine[]).map((r) => [r.id, r]));
    referenceMs = whole.ms;
  }, 120_000);

  /** Results in order: finished checks (their verdict and numbers the uninterrupted run's), then at most one cut. */
  function expectHonest(results: CheckResultLine[]) {
    const interrupted = results.findIndex((r) => r.verdict === 'interrupted');
    expect(interrupted === -1 || interrupted === results.length - 1).toBe(true);
    expect(results.map((r) => r.id)).toEqual(CHECKS.slice(0, results.length));
    for (const r of results.filter((r) => r.verdict !== 'interrupted')) {
      expect([r.id, r.verdict, r.measured]).toEqual([
        r.id,
        reference.get(r.id)!.verdict,
        reference.get(r.id)!.measured,
      ]);
    }
  }

  it.each(moments('check', 3))('sgn check at %d of the run: exit 130 within 1 s, no verdict cut short', async (f) => {
    const cut = await signalAt(['check', ...CHECKS, '--json'], f * 0.9 * referenceMs, 'SIGINT', (e) =>
      e.includes('running'),
    );
    expect(cut.status, cut.stderr).toBe(130);
    expect(cut.stopMs).toBeLessThan(1000);
    const results = JSON.parse(cut.stdout) as CheckResultLine[];
    expectHonest(results);
  });

  it.each(moments('reproduce', 2))(
    'sgn reproduce at %d of the run: exit 130 within 1 s, each result.json honest, the report partial',
    async (f) => {
      const out = scratch('reproduce');
      const args = ['reproduce', ...CHECKS, '--no-experiments', '--out', out];
      const cut = await signalAt(args, f * 0.9 * referenceMs, 'SIGINT', (e) => e.includes('running'));
      expect(cut.status, cut.stderr).toBe(130);
      expect(cut.stopMs).toBeLessThan(1000);
      const results = CHECKS.filter((id) => existsSync(join(out, id, 'result.json'))).map(
        (id) => JSON.parse(readFileSync(join(out, id, 'result.json'), 'utf8')) as CheckResultLine,
      );
      expectHonest(results);
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('This report is partial');
    },
  );
});
