import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sgn-solve-'));
function csv(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
function sgn(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sgn solve lp', () => {
  it('peak/plateau: knots (-1, 0.5, 2), V_p = 2 + 2^p, sparsest 3 knots, no p*', () => {
    const file = csv('pp.csv', 'x,y\n-2,0\n-1,0\n0,1\n1,1\n2,0\n3,0\n');
    const { status, stdout } = sgn('solve', 'lp', '--csv', file, '--p', '0.7', '--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.minimizer.knots).toEqual([-1, 0.5, 2]);
    expect(report.minimizer.cost).toBeCloseTo(2 + 2 ** 0.7, 12);
    expect(report.sparsest.knotCount).toBe(3);
    expect(report.criticalP).toBeNull();
    const text = sgn('solve', 'lp', '--csv', file).stdout;
    expect(text).toContain('lp minimizer at p = 0.4: 3 knots at (-1, 0.5, 2)');
  });

  it('the e = 0.05 ramp reports p* = 0.3096', () => {
    const file = csv('ramp.csv', '0,0\n1,0\n2,0.05\n3,1.1\n4,3.15\n5,5.25\n');
    const report = JSON.parse(sgn('solve', 'lp', '--csv', file, '--json').stdout);
    expect(report.criticalP).toBeCloseTo(0.3096, 3);
    expect(report.minimizer.knots).toHaveLength(3); // p = 0.4 > p*
  });

  it.each([
    ['unsorted x', 'x,y\n0,0\n2,1\n1,0\n', 'x must be sorted increasingly: x[1] = 2 > x[2] = 1'],
    ['duplicated x', '0,0\n1,1\n1,0\n', 'x must not repeat: x[1] = x[2] = 1'],
    ['fewer than 3 points', '0,0\n1,1\n', 'need at least 3 points, got 2'],
    ['a non-numeric cell', '0,0\n1,one\n2,0\n', 'line 2: y must be a decimal number, got "one"'],
  ])('rejects %s with one line and exit 2', (_, text, message) => {
    const file = csv(`bad-${message.length}.csv`, text);
    const { status, stderr, stdout } = sgn('solve', 'lp', '--csv', file);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`sgn: ${file}: ${message}\n`);
  });

  it('rejects p outside (0, 1] and a missing file', () => {
    const file = csv('ok.csv', '0,0\n1,1\n2,0\n');
    expect(sgn('solve', 'lp', '--csv', file, '--p', '1.5')).toMatchObject({
      status: 2,
      stderr: 'sgn: --p must be in (0, 1], got "1.5"\n',
    });
    expect(sgn('solve', 'lp', '--csv', file, '--p', 'abc')).toMatchObject({
      status: 2,
      stderr: 'sgn: --p must be in (0, 1], got "abc"\n',
    });
    expect(sgn('solve', 'lp', '--csv', join(dir, 'missing.csv'))).toMatchObject({
      status: 2,
      stderr: `sgn: cannot read --csv ${join(dir, 'missing.csv')}: ENOENT\n`,
    });
    expect(sgn('solve', 'lp')).toMatchObject({
      status: 2,
      stderr: "sgn: required option '--csv <file>' not specified\n",
    });
  });
});
