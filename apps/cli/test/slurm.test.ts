import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, scratch, sgn } from './faults/inject.js';

/**
 * The slurm launcher against a real Slurm (Debian's slurm-wlm and munge, one node on this machine), not a mock:
 * scripts/slurm-up.sh starts munged, slurmctld and slurmd when they are not running (and slurm-down.sh stops what
 * it started); a 6-run sweep is submitted as a job array, waited for, collected, and its aggregate must equal the
 * local launcher's on the same sweep, byte for byte. When Slurm cannot start here (not root, not installed) the
 * tests are skipped and the reason is printed; `bash scripts/setup.sh --test` installs it, and CI runs as root.
 */
const scripts = fileURLToPath(new URL('../../../scripts/', import.meta.url));

const up = spawnSync('bash', [join(scripts, 'slurm-up.sh')], { encoding: 'utf8' });
const cannotStart = up.status === 0 ? undefined : up.stderr.trim() || `slurm-up.sh exited ${up.status}`;
if (cannotStart) process.stdout.write(`SKIPPED the real-Slurm tests: ${cannotStart}\n`);

const SWEEP = ['--grid', 'units=10,20,30', '--seeds', '0..1', '--set', 'points=300', '--set', 'maxVotes=51'];

describe.skipIf(cannotStart !== undefined)('sgn sweep --launcher slurm (a real one-node Slurm)', () => {
  afterAll(() => {
    spawnSync('bash', [join(scripts, 'slurm-down.sh')]);
  });
  let local: string;
  beforeAll(() => {
    local = scratch('local');
    expect(sgn('sweep', 'rlc-majority-vote', ...SWEEP, '--out', local).status).toBe(0);
  }, 120_000);

  it('a 6-run sweep as a job array: waited for, collected, its aggregate equal to the local launcher’s', async () => {
    const out = scratch('array');
    const submitted = sgn('sweep', 'rlc-majority-vote', ...SWEEP, '--launcher', 'slurm', '--out', out);
    expect(submitted.status, submitted.stderr).toBe(0);
    const jobId = /Slurm job (\d+), 6 tasks/.exec(submitted.stdout)?.[1];
    expect(jobId, submitted.stdout).toBeDefined();
    // bounded wait: every task done (squeue no longer lists the job) and sgn sweep status says 6 of 6
    const deadline = Date.now() + 180_000;
    let status = sgn('sweep', 'status', out);
    while (status.status !== 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      status = sgn('sweep', 'status', out);
    }
    expect(status.stdout, `job ${jobId} did not finish within 180 s: ${status.stdout}`).toContain(
      '6 of 6 runs finished',
    );
    const collected = sgn('sweep', 'collect', out);
    expect(collected.status, collected.stderr).toBe(0);
    expect(collected.stdout).toContain('collected 6 of 6 runs');
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toBe(readFileSync(join(local, 'sweep.csv'), 'utf8'));
    expect(readFileSync(join(out, 'sweep.json'), 'utf8')).toBe(readFileSync(join(local, 'sweep.json'), 'utf8'));
    // each task logged where the script said
    expect(readFileSync(join(out, 'slurm', 'task-5.log'), 'utf8')).toContain('rlc-majority-vote: done');
  }, 240_000);

  it('a rerun submits only what is missing: nothing when every run finished', () => {
    const submitted = sgn('sweep', 'rlc-majority-vote', ...SWEEP, '--launcher', 'slurm', '--out', local);
    expect(submitted.status, submitted.stderr).toBe(0);
    expect(submitted.stdout).toContain('all 6 runs already finished');
  });
});

describe('the sbatch script (--dry-run, no Slurm needed)', () => {
  it('one array task per pending run with the resources and flags given, quoted for bash', () => {
    const out = scratch("dry 'run'");
    const flags = ['--time', '30:00', '--mem', '2G', '--partition', 'short', '--parallel', '2'];
    const more = ['--sbatch', '--account=theory', '--prelude', 'module load nodejs/20'];
    const r = sgn(
      'sweep',
      'rlc-majority-vote',
      ...SWEEP,
      '--launcher',
      'slurm',
      ...flags,
      ...more,
      '--dry-run',
      '--out',
      out,
    );
    expect(r.status, r.stderr).toBe(0);
    for (const line of [
      '#SBATCH --array=0-5%2',
      '#SBATCH --time=30:00',
      '#SBATCH --mem=2G',
      '#SBATCH --partition=short',
      '#SBATCH --account=theory',
      '#SBATCH --cpus-per-task=1',
      'module load nodejs/20',
      `cd '${out.replaceAll("'", `'\\''`)}'`,
    ])
      expect(r.stdout).toContain(line);
    expect(r.stdout.match(/^ {2}\d\) exec /gm)).toHaveLength(6);
    expect(readFileSync(join(out, 'slurm', 'sweep.sbatch'), 'utf8')).toBe(r.stdout);
    // bash reads the script: its syntax is valid
    expect(spawnSync('bash', ['-n', join(out, 'slurm', 'sweep.sbatch')]).status).toBe(0);
  });

  it('--launcher slurm without sbatch on the PATH: one line, exit 2, nothing written', () => {
    const parent = scratch('no-sbatch');
    const r = spawnSync(
      process.execPath,
      [bin, 'sweep', 'rlc-majority-vote', ...SWEEP, '--launcher', 'slurm', '--out', join(parent, 'out')],
      {
        encoding: 'utf8',
        env: { ...process.env, PATH: '/nonexistent' },
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'sgn: --launcher slurm needs sbatch, which is not found here: run on a Slurm login node, use --dry-run to see the script, or --launcher local\n',
    );
    expect(spawnSync('ls', [parent], { encoding: 'utf8' }).stdout).toBe('');
  });
});
