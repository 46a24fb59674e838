import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { faultBanner, moments, scratch, sgn, signalAt, SMALL_RUNS, snapshot } from './inject.js';

/**
 * SIGKILL at random moments of a run over a folder that holds an earlier run: the folder holds one whole run after
 * every kill (the earlier one, or the new one once it was swapped in), never files of both and never a truncated
 * file; `--resume` then finishes the killed run to the uninterrupted run's files byte for byte.
 */
faultBanner('kills');

const KILLS_PER_EXPERIMENT = 2;

describe.each(SMALL_RUNS)('SIGKILL during sgn run %s over an earlier run', (id, settings) => {
  const args = (seed: string) => ['run', id, '--seed', seed, ...settings];
  let earlier: Record<string, string>;
  let reference: Record<string, string>;
  let referenceMs: number;
  beforeAll(() => {
    const [a, b] = [scratch(`${id}-earlier`), scratch(`${id}-whole`)];
    expect(sgn(...args('1'), '--out', a).status).toBe(0);
    earlier = snapshot(join(a, id));
    const whole = sgn(...args('2'), '--out', b);
    expect(whole.status).toBe(0);
    reference = snapshot(join(b, id));
    referenceMs = whole.ms;
    expect(earlier).not.toEqual(reference);
  }, 120_000);

  it.each(moments(`kill-${id}`, KILLS_PER_EXPERIMENT))(
    'at %d of the run (up to its very end): one whole run in the folder, then resume byte for byte',
    async (fraction) => {
      const out = scratch(`${id}-killed`);
      expect(sgn(...args('1'), '--out', out).status).toBe(0);
      const started = () => existsSync(join(out, `.${id}.running`));
      // 0 .. 1.1 of the run: some kills land in the write phase or after the swap
      const killed = await signalAt([...args('2'), '--out', out], fraction * 1.1 * referenceMs, 'SIGKILL', started);
      const folder = snapshot(join(out, id));
      if (killed.status === 137) expect([earlier, reference]).toContainEqual(folder);
      else expect([killed.status, folder]).toEqual([0, reference]);

      const resumed = sgn(...args('2'), '--out', out, '--resume');
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(snapshot(join(out, id))).toEqual(reference);
      expect(readdirSync(out)).toEqual([id]);
    },
  );
});

describe('a crash between the two renames that swap a run folder in', () => {
  it('leaves the earlier run as .<id>.previous and no folder: the next open puts it back, whole', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { openRunFolder } = await import('../../src/run-folder.js');
    const out = scratch('between-renames');
    mkdirSync(join(out, '.lp-peak-plateau.previous'));
    writeFileSync(join(out, '.lp-peak-plateau.previous', 'result.json'), '{"earlier":true}\n');
    const run = openRunFolder(out, 'lp-peak-plateau', false);
    run.release();
    expect(snapshot(join(out, 'lp-peak-plateau'))).toEqual({ 'result.json': '{"earlier":true}\n' });
    expect(existsSync(join(out, '.lp-peak-plateau.previous'))).toBe(false);
  });
});

describe('a run killed while it wrote its checkpoint', () => {
  it("leaves the write's temporary file beside the checkpoint: --resume removes it and keeps the checkpoint", async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { openRunFolder } = await import('../../src/run-folder.js');
    const out = scratch('killed-mid-write');
    const working = join(out, '.lp-peak-plateau.running');
    mkdirSync(working);
    writeFileSync(join(working, 'checkpoint.json'), '{"units":[]}\n');
    writeFileSync(join(working, '.checkpoint.json.0123456789abcdef.tmp'), '{"units":[{"half');
    // a file of the run's own whose name only resembles a temporary one is kept
    writeFileSync(join(working, '.notes.tmp'), 'kept\n');
    const run = openRunFolder(out, 'lp-peak-plateau', true);
    run.release();
    expect(run.resumable()).toBe(join(working, 'checkpoint.json'));
    expect(readdirSync(working).sort()).toEqual(['.notes.tmp', 'checkpoint.json']);
  });
});

describe('a planted symlink where a result is written', () => {
  it('is replaced by the new file; the file it pointed to is not written through', async () => {
    const { readFileSync, symlinkSync, lstatSync, writeFileSync } = await import('node:fs');
    const { writeFileAtomic } = await import('../../src/atomic-write.js');
    const dir = scratch('symlink');
    writeFileSync(join(dir, 'victim.txt'), 'untouched\n');
    symlinkSync(join(dir, 'victim.txt'), join(dir, 'result.json'));
    writeFileAtomic(join(dir, 'result.json'), '{"new":true}\n');
    expect(readFileSync(join(dir, 'victim.txt'), 'utf8')).toBe('untouched\n');
    expect(lstatSync(join(dir, 'result.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe('{"new":true}\n');
    // no temporary file is left beside it
    expect(readdirSync(dir).sort()).toEqual(['result.json', 'victim.txt']);
  });
});
