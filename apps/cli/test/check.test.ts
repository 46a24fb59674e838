import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/atomic-write.js';
import { openReport } from './report-page.js';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
function sgn(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// a regular file where a folder is expected
const blocker = join(mkdtempSync(join(tmpdir(), 'sgn-blocker-')), 'file');
writeFileSync(blocker, 'x');

describe('sgn list, check and reproduce', () => {
  it('list names every check with its paper', () => {
    const rows = JSON.parse(sgn('list', '--json').stdout) as { id: string; paper: string }[];
    expect(rows.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'lp-peak-plateau',
        'directional-figure1',
        'lp.peak-plateau-exact',
        'lp.critical-p',
        'lp.training-peak-plateau',
        'lp.random-data',
        'directional.lemma1',
      ]),
    );
    for (const row of rows) expect(row.paper).toMatch(/arXiv|NeurIPS/);
  });

  it('check runs a real check and reports its verdict; exit 0 when it passes', () => {
    const { status, stdout } = sgn('check', 'lp.critical-p', '--json');
    expect(status).toBe(0);
    const [result] = JSON.parse(stdout);
    expect(result.pass).toBe(true);
    expect(result.details.pStar).toBeCloseTo(0.3096, 3);
  });

  it.each([
    [['check', 'nope'], 'unknown check "nope"; known: lp.peak-plateau-exact'],
    [['check', '--preset', 'huge'], '--preset must be one of quick, paper, got "huge"'],
    [['check', '--seed', '-1'], '--seed must be a non-negative integer, got "-1"'],
    [['check', '--seed', 'x'], '--seed must be a non-negative integer, got "x"'],
    [['check', '--backend', 'webgl'], '--backend must be cpu or wasm, got "webgl"'],
    [['--threads', '0', 'check', 'lp.critical-p'], '--threads must be a positive integer, got "0"'],
    [['check', 'lp.critical-p', '--threads', 'two'], '--threads must be a positive integer, got "two"'],
    [['reproduce', '--out', `${blocker}/results`], `--out ${blocker}/results is not a writable folder (ENOTDIR)`],
    [
      ['reproduce', '--out', '/proc/sgn-cannot-write'],
      '--out /proc/sgn-cannot-write is not a writable folder (ENOENT)',
    ],
  ])('%j fails with one line and exit 2', (args, message) => {
    const { status, stderr, stdout } = sgn(...args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toContain(message);
  });

  it('reproduce writes result.json per check and a self-contained index.html', () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-reproduce-'));
    const { status, stdout } = sgn(
      'reproduce',
      'lp.peak-plateau-exact',
      'lp.critical-p',
      '--no-experiments',
      '--out',
      out,
    );
    expect(status).toBe(0);
    expect(stdout).toContain('2 of 2 checks passed');
    const result = JSON.parse(readFileSync(join(out, 'lp.critical-p', 'result.json'), 'utf8'));
    expect(result).toMatchObject({ id: 'lp.critical-p', pass: true, preset: 'quick', seed: 0, backend: 'wasm' });
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('2 of 2 checks passed');
    expect(html).not.toMatch(/<script|https?:\/\//);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("reproduce <ids> runs those checks and only their papers' experiments; --json prints both", async () => {
    const out = mkdtempSync(join(tmpdir(), 'sgn-reproduce-rlc-'));
    const { status, stdout } = sgn('reproduce', 'rlc.construction', '--json', '--out', out);
    expect(status).toBe(0);
    const printed = JSON.parse(stdout);
    expect(printed.experiments.map((e: { id: string }) => e.id)).toEqual(['rlc-majority-vote', 'rlc-training']);
    expect(printed.experiments.every((e: { complete: boolean }) => e.complete)).toBe(true);
    expect(printed.checks.map((c: { id: string; verdict: string }) => [c.id, c.verdict])).toEqual([
      ['rlc.construction', 'pass'],
    ]);
    expect(readdirSync(out).sort()).toEqual([
      'assets',
      'index.html',
      'rlc-majority-vote',
      'rlc-training',
      'rlc.construction',
    ]);
    expect(readdirSync(join(out, 'assets')).sort()).toEqual(['vega-embed.min.js', 'vega-lite.min.js', 'vega.min.js']);
    // the report links every file the runs wrote (each link resolves), and its contents list reaches each section
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const links = [...html.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]);
    for (const link of links) expect(existsSync(join(out, link)), link).toBe(true);
    const written = ['rlc-majority-vote', 'rlc-training'].flatMap((id) =>
      readdirSync(join(out, id)).map((name) => `${id}/${name}`),
    );
    expect(new Set(links)).toEqual(new Set([...written, 'rlc.construction/result.json']));
    expect(written).toContain('rlc-majority-vote/majority-error.vl.json');
    for (const anchor of ['checks', 'rlc-majority-vote', 'rlc-training']) {
      expect(html).toContain(`href="#${anchor}"`);
      expect(html).toContain(`id="${anchor}"`);
    }
    // opened from disk in chromium, offline: vega-embed from the report's own assets draws every chart
    const charts = (html.match(/class="chart"/g) ?? []).length;
    expect(charts).toBeGreaterThan(0);
    const { embedded, problems, drawn } = await openReport(join(out, 'index.html'));
    expect(problems).toEqual([]);
    expect(embedded).toBe(charts);
    expect(drawn).toBe(charts);
  }, 180_000);
});

describe('escapeHtml', () => {
  it('escapes the five characters that end content or a quoted attribute', async () => {
    const { escapeHtml } = await import('../src/html.js');
    expect(escapeHtml(`a "b" <c> & 'd'`)).toBe('a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file whole and leaves no temporary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgn-atomic-'));
    const path = join(dir, 'nested', 'result.json');
    writeFileAtomic(path, 'first');
    writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['result.json']);
  });

  it('on failure leaves the old file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sgn-atomic-'));
    const path = join(dir, 'result.json');
    writeFileSync(path, 'old');
    expect(() => writeFileAtomic(join(path, 'child.json'), 'x')).toThrow();
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(existsSync(join(dir, 'result.json'))).toBe(true);
  });
});

describe('an interrupted check has no verdict', () => {
  it('Ctrl-C during a check: recorded as interrupted (its partial numbers kept apart), exit 130, the report says so', async () => {
    const { runCli } = await import('../src/program.js');
    const out = mkdtempSync(join(tmpdir(), 'sgn-interrupted-'));
    const lines: string[] = [];
    const io = { out: (text: string) => lines.push(text), err: () => undefined };
    // abort once the training check has started (it trains for seconds); the exact checks before it finish first
    const controller = new AbortController();
    const started = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - started > 1500) controller.abort();
    }, 20);
    const status = await runCli(
      ['reproduce', 'lp.critical-p', 'lp.training-peak-plateau', 'lp.random-data', '--no-experiments', '--out', out],
      io,
      controller.signal,
    );
    clearInterval(timer);
    expect(status).toBe(130);
    const result = JSON.parse(readFileSync(join(out, 'lp.training-peak-plateau', 'result.json'), 'utf8'));
    expect([result.verdict, result.pass]).toEqual(['interrupted', false]);
    expect(result.measured).toMatch(/^interrupted after [\d.]+ s: no verdict/);
    expect(result.details.partial).toHaveProperty('measured');
    // the check before it ran whole; the one after it (registry order) did not run
    expect(JSON.parse(readFileSync(join(out, 'lp.critical-p', 'result.json'), 'utf8')).verdict).toBe('pass');
    expect(existsSync(join(out, 'lp.random-data', 'result.json'))).toBe(false);
    const table = lines.join('');
    expect(table).toContain('STOPPED  lp.training-peak-plateau');
    expect(table).toContain('1 of 3 checks passed; 1 interrupted (no verdict), 1 not run');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('This report is partial');
    expect(html).toContain('<tr class="interrupted"><td>STOPPED</td>');
  });

  it('check counts checks that did not run: exit 1 for a failure or a skip, 0 only when all pass', async () => {
    const { checksExitCode } = await import('../src/commands/check.js');
    const checks = [{ id: 'a' }, { id: 'b' }] as never[];
    const pass = { id: 'a', verdict: 'pass' } as never;
    const fail = { id: 'b', verdict: 'fail' } as never;
    expect(checksExitCode(checks, [pass, { ...(pass as object), id: 'b' } as never])).toBe(0);
    expect(checksExitCode(checks, [pass, fail])).toBe(1);
    expect(checksExitCode(checks, [pass])).toBe(1);
    const aborted = new AbortController();
    aborted.abort();
    expect(checksExitCode(checks, [pass], aborted.signal)).toBe(130);
  });
});
