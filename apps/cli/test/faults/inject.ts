import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, streamSeed } from '@sgn/tensor';

/**
 * The fault-injection suite's tools: the built `sgn` as a child process, a signal at a chosen moment, and folder
 * snapshots to compare. The moments are drawn from `SGN_FAULT_SEED` (default 0, printed by each file) so that a
 * failure can be replayed; the timing of the machine still moves where in the run each one lands.
 */
export const bin = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

/**
 * Each experiment at settings whose run takes about 3-5 s here (so that a moment can fall inside it). A moment is a
 * fraction of the reference run's time, which another test file running beside it can stretch: with the runs at
 * ~1.5 s (after the engines got faster) a moment at 0.9 of a stretched reference fell after the cut run's end
 * (adam-batch: exit 0, not 130), so the runs were lengthened back (measured alone: lp-peak-plateau 2.9 s,
 * lp-random-data 3.4 s, adam-batch 4.0 s).
 */
export const SMALL_RUNS: [string, string[]][] = [
  ['lp-peak-plateau', ['--set', 'restarts=6', '--set', 'steps=50000']],
  ['lp-random-data', ['--set', 'restarts=2', '--set', 'steps=5000']],
  ['adam-batch', ['--set', 'd=2000', '--set', 'epochsLarge=600', '--set', 'epochsMini=4', '--set', 'test=500']],
  ['directional-figure1', []],
  ['rlc-majority-vote', ['--set', 'points=1500']],
  [
    'adam-real-batch',
    ['--set', 'train=256', '--set', 'validation=64', '--set', 'test=200', '--set', 'epochs=4', '--set', 'model=cnn'],
  ],
];

/** The seed of this run's moments (`SGN_FAULT_SEED`, default 0). */
export const FAULT_SEED = Number(process.env.SGN_FAULT_SEED ?? 0);

/** `count` moments as fractions of a run in [0, 1) (3 decimals), from the named stream of the fault seed. */
export function moments(stream: string, count: number): number[] {
  const rng = createRng(streamSeed(FAULT_SEED, stream));
  return Array.from({ length: count }, () => Math.floor(1000 * rng.uniform()) / 1000);
}

/** A fresh temporary folder. */
export const scratch = (name: string): string => mkdtempSync(join(tmpdir(), `sgn-fault-${name}-`));

/** Runs sgn to the end. */
export function sgn(...args: string[]): { status: number | null; stdout: string; stderr: string; ms: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - start };
}

/** What a signalled run did: its exit status, how long it took to exit after the signal, and its output. */
export interface Signalled {
  status: number | null;
  /** ms from the signal to the exit (undefined when it had exited before the signal was sent). */
  stopMs?: number;
  stdout: string;
  stderr: string;
  /** What it had printed on stderr when the signal was sent. */
  stderrAtSignal?: string;
}

/**
 * Starts sgn, sends `signal` once `atMs` have passed since the start and `when(stderr)` holds (e.g. the run has
 * started), and waits for it to exit.
 */
export function signalAt(
  args: string[],
  atMs: number,
  signal: NodeJS.Signals,
  when?: (stderr: string) => boolean,
): Promise<Signalled> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    let sentAt: number | undefined;
    let stderrAtSignal: string | undefined;
    let exited = false;
    const start = performance.now();
    const poll = setInterval(() => {
      if (exited || sentAt !== undefined) return;
      if (performance.now() - start >= atMs && (!when || when(stderr))) {
        sentAt = performance.now();
        stderrAtSignal = stderr;
        child.kill(signal);
      }
    }, 2);
    child.once('close', (status, killedBy) => {
      exited = true;
      clearInterval(poll);
      const stopMs = sentAt === undefined ? undefined : performance.now() - sentAt;
      resolve({ status: status ?? (killedBy === 'SIGKILL' ? 137 : null), stopMs, stdout, stderr, stderrAtSignal });
    });
  });
}

/**
 * Every file under `folder` with its content (relative paths), except those `skip` names: by default the two that
 * hold when and how fast, not what (timing.json, provenance.json), and the live log (metrics.jsonl: a resumed run
 * logs only what it trained).
 */
export function snapshot(
  folder: string,
  skip: readonly string[] = ['timing.json', 'provenance.json', 'metrics.jsonl'],
): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!skip.includes(name)) files[relative(folder, path)] = readFileSync(path, 'utf8');
    }
  };
  if (existsSync(folder)) walk(folder);
  return files;
}

/** Tallies the suite's injections: each `it` is one fault tried; it held when its assertions passed. */
export function faultBanner(file: string): void {
  process.stdout.write(`fault injection (${file}): moments from SGN_FAULT_SEED = ${FAULT_SEED}\n`);
}
