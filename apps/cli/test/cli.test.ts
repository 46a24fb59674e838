import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function sgn(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sgn (built, run as a process)', () => {
  it('--help lists the commands and exits 0', () => {
    const { status, stdout } = sgn('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: sgn');
    expect(stdout).toContain('backends');
  });

  it('an unknown command prints one line and exits 2', () => {
    const { status, stderr, stdout } = sgn('frobnicate');
    expect(status).toBe(2);
    expect(stderr).toBe("sgn: unknown command 'frobnicate'\n");
    expect(stdout).toBe('');
  });

  it('an unknown flag prints one line and exits 2', () => {
    const { status, stderr } = sgn('backends', '--fast');
    expect(status).toBe(2);
    expect(stderr).toBe("sgn: unknown option '--fast'\n");
  });

  it('backends --json reports cpu and wasm usable with a positive matmul time, webgl not usable in Node', () => {
    const { status, stdout, stderr } = sgn('backends', '--json');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const reports = JSON.parse(stdout) as { name: string; usable: boolean; matmulMs: number | null; note: string }[];
    expect(reports.map((r) => [r.name, r.usable])).toEqual([
      ['cpu', true],
      ['wasm', true],
      ['webgl', false],
    ]);
    for (const r of reports.slice(0, 2)) expect(r.matmulMs).toBeGreaterThan(0);
    expect(reports[2].note).toContain('needs a browser');
  });

  it('backends prints an aligned table without the tfjs banner', () => {
    const { status, stdout, stderr } = sgn('backends');
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^backend\s+usable\s+matmul ms\s+note$/);
    expect(stdout).not.toContain('Hi there');
    expect(stderr).toBe('');
  });
});

describe('sgn bench', () => {
  it('prints the engines with ratios to the fastest after checking they agree', () => {
    const { status, stdout } = sgn('bench', '--steps', '200', '--no-peer', '--json');
    expect(status).toBe(0);
    const rows = JSON.parse(stdout) as {
      engine: string;
      msPerStep: number;
      activeNeurons: number;
      peakMB: number;
      baseMB: number;
    }[];
    expect(rows.map((r) => r.engine)).toEqual([
      'fused float64 cpu',
      'fused float64 wasm',
      'tensor cpu',
      'tensor wasm',
      'sgn float64',
      'sgn fused wasm simd',
      'sgn fused cpu f64',
      'sgn tensor cpu',
      'sgn tensor wasm',
    ]);
    for (const row of rows.slice(0, 4)) expect(row.activeNeurons).toBe(rows[0].activeNeurons);
    // each workload ran in a process of its own: a peak at least its baseline, and the light depth-4 workload
    // (a few kB of state) stays within 64 MB of its process's baseline
    for (const row of rows) expect(row.peakMB).toBeGreaterThanOrEqual(row.baseMB);
    expect(rows[4].peakMB - rows[4].baseMB).toBeLessThan(64);
    expect(sgn('bench', '--steps', '5')).toMatchObject({
      status: 2,
      stderr: 'sgn: --steps must be an integer >= 10, got "5"\n',
    });
  });
});
