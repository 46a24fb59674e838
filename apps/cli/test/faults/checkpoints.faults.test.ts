import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/commands/run.js';
import { faultBanner, scratch, sgn } from './inject.js';

/**
 * Corrupted checkpoints: `--resume` validates a checkpoint before trusting it (schema, unit count, an integrity
 * hash of its content, the identity of the run); each damaged one is refused in one line naming the file and what
 * is wrong, exit 2, never a JS error.
 */
faultBanner('checkpoints');

const base = {
  preset: 'quick' as const,
  seed: 5,
  backend: 'cpu',
  overrides: { restarts: '3', steps: '3000' },
  resume: false,
  log: () => undefined,
};
/** The same run on the command line: seed 5, cpu, 3 restarts of 3000 steps. */
const ARGS = ['--seed', '5', '--backend', 'cpu', '--set', 'restarts=3', '--set', 'steps=3000'];

/**
 * Runs lp-peak-plateau with `base` into `out` and aborts it once its first checkpoint is written (in the working
 * folder, which is swapped in for <out>/<id> when the run ends): a run interrupted after one finished unit.
 */
async function stoppedAtFirstCheckpoint(out: string, seed = base.seed) {
  const controller = new AbortController();
  const running = join(out, '.lp-peak-plateau.running', 'checkpoint.json');
  const watcher = setInterval(() => existsSync(running) && controller.abort(), 1);
  try {
    return await runExperiment('lp-peak-plateau', { ...base, seed, out, signal: controller.signal });
  } finally {
    clearInterval(watcher);
  }
}

/** A forger who recomputes the hash: the content is then checked on its own. */
const rehash = (file: { identity: unknown; checkpoint: unknown }) => ({
  ...file,
  sha256: createHash('sha256')
    .update(JSON.stringify({ identity: file.identity, checkpoint: file.checkpoint }))
    .digest('hex'),
});

type Damage = (good: { checkpoint: { units: unknown[] }; identity: { seed: number } }, text: string) => string;

describe('damaged checkpoints', () => {
  let out: string;
  let checkpoint: string;
  let good: Parameters<Damage>[0];
  let text: string;
  beforeAll(async () => {
    out = scratch('checkpoints');
    checkpoint = join(out, 'lp-peak-plateau', 'checkpoint.json');
    await stoppedAtFirstCheckpoint(out);
    text = readFileSync(checkpoint, 'utf8');
    good = JSON.parse(text);
  }, 120_000);

  it.each<[string, Damage, string]>([
    ['cut short', (_, t) => t.slice(0, 13), 'is not valid JSON'],
    ['hash removed', (g) => JSON.stringify({ ...g, sha256: undefined }), 'carries no integrity hash (sha256)'],
    [
      'a digit changed inside a unit',
      (_, t) =>
        t.replace(/"interpolationError":(\d)/, (_m, d: string) => `"interpolationError":${(Number(d) + 1) % 10}`),
      'does not match its integrity hash (edited or damaged)',
    ],
    [
      'units not a list (hash recomputed)',
      (g) => JSON.stringify(rehash({ ...g, checkpoint: { units: { 0: g.checkpoint.units[0] } } })),
      'holds no list of finished units',
    ],
    [
      'a unit that is not an object (hash recomputed)',
      (g) => JSON.stringify(rehash({ ...g, checkpoint: { units: [g.checkpoint.units[0], null] } })),
      'holds a finished unit that is not an object',
    ],
    [
      'padded with copies of unit 0 past the run (hash recomputed)',
      (g) =>
        JSON.stringify(rehash({ ...g, checkpoint: { units: Array.from({ length: 9 }, () => g.checkpoint.units[0]) } })),
      "the checkpoint holds 9 finished units, more than this run's 5",
    ],
    [
      'written by another seed (hash recomputed)',
      (g) => JSON.stringify(rehash({ ...g, identity: { ...g.identity, seed: 6 } })),
      'was written with other settings, seed or backend',
    ],
  ])('%s: refused in one line naming the file, exit 2', (_name, damage, message) => {
    const damaged = damage(good, text);
    expect(damaged).not.toBe(text);
    writeFileSync(checkpoint, damaged);
    const { status, stderr } = sgn('run', 'lp-peak-plateau', ...ARGS, '--out', out, '--resume');
    expect(status, stderr).toBe(2);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toContain(`--resume: ${checkpoint}`);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/TypeError|at .*\.js/);
    // refused before anything was written: the damaged file is still there, as it was
    expect(readFileSync(checkpoint, 'utf8')).toBe(damaged);
  });
});
