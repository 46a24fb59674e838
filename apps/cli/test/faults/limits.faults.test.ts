import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, faultBanner, scratch, sgn, signalAt } from './inject.js';

/**
 * Oversized settings are refused in one line before anything is written, or, within the maxima, stopped by Ctrl-C
 * within a second; two runs on one folder: the second is refused naming the first's pid, and the first is not
 * disturbed.
 */
faultBanner('limits');

describe('oversized settings', () => {
  it.each([
    ['lp-peak-plateau', 'steps=1e12', 'steps must be >= 1 and <= 100000000, got "1e12"'],
    ['lp-peak-plateau', 'width=1e9', 'width must be >= 1 and <= 100000, got "1e9"'],
    ['lp-peak-plateau', 'restarts=100000000', 'restarts must be >= 1 and <= 10000, got "100000000"'],
    ['lp-random-data', 'n=1e6', 'n must be >= 1 and <= 10000, got "1e6"'],
    ['adam-batch', 'epochsLarge=1e9', 'epochsLarge must be >= 1 and <= 10000000, got "1e9"'],
    ['adam-batch', 'd=1000000,m=10000', '2·m·d = 20000000000 random draws in one stretch that Ctrl-C cannot cut'],
    ['adam-batch', 'n=10000,largeBatch=10000,s=1000', 'largeBatch·2·m·s = 400000000 operations in one stretch'],
    ['directional-figure1', 'd=1000,deepDepth=64', 'deepDepth·d² = 64000000 random draws in one stretch'],
    ['lp-random-data', 'n=10000,d=10000', 'n·d = 100000000 random draws in one stretch that Ctrl-C cannot cut'],
    ['rlc-majority-vote', 'd=10000000', 'd must be >= 1 and <= 10000, got "10000000"'],
    ['rlc-majority-vote', 'd=10000,points=1000000', 'need about 74.5 GiB (8·(points + units)·d bytes), more than'],
    ['rlc-majority-vote', 'units=10000,d=10000', 'units·(d + 1) = 100010000 random draws in one stretch'],
    ['adam-real-batch', 'train=59000,validation=2000', "train + validation must be at most 60000 (Fashion-MNIST's"],
    ['adam-real-decay', 'epochs=1e6', 'epochs must be >= 1 and <= 1000, got "1e6"'],
    ['directional-relu-scaling', 'batch=6000', 'batch must be at most train (5000), got 6000'],
    ['directional-relu-scaling', 'train=60000,batch=20000', 'batch·width·(784 + (depth - 2)·width + 10) = 2188000000'],
  ])('%s --set %s: refused in one line, exit 2, nothing written', (id, sets, message) => {
    const parent = scratch('oversized');
    const args = sets.split(',').flatMap((s) => ['--set', s]);
    const { status, stderr } = sgn('run', id, ...args, '--out', join(parent, 'out'));
    expect(status).toBe(2);
    expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(stderr).toContain(message);
    expect(readdirSync(parent)).toEqual([]);
  });

  it.each([
    ['lp-peak-plateau', ['steps=100000000', 'restarts=10000']],
    ['lp-random-data', ['steps=100000000', 'width=10000']],
    ['adam-batch', ['epochsLarge=10000000', 'epochsMini=10000000']],
    ['directional-figure1', ['steps=100000000', 'd=300']],
    ['rlc-majority-vote', ['points=1000000', 'maxVotes=100001']],
    // points drawn in the set-up, which looks at the signal between points
    ['rlc-majority-vote', ['points=1000000', 'd=1000']],
    // all of Fashion-MNIST, the CNN: the evaluation of 15000 images reads between chunks
    ['adam-real-batch', ['train=55000', 'validation=5000', 'test=10000', 'epochs=1000', 'model=cnn']],
    // the largest step the limits allow: batch 1800 through five width-100 layers
    ['directional-relu-scaling', ['train=60000', 'test=10000', 'batch=1800', 'steps=1000000']],
  ])('%s at its largest work %j: Ctrl-C stops it within 1 s (exit 130)', async (id, sets) => {
    const out = scratch('largest');
    const args = ['run', id, ...sets.flatMap((s) => ['--set', s]), '--out', out];
    const cut = await signalAt(args, 1500, 'SIGINT', () => existsSync(join(out, `.${id}.running`)));
    expect(cut.status, cut.stderr).toBe(130);
    expect(cut.stopMs).toBeLessThan(1000);
    expect(JSON.parse(readFileSync(join(out, id, 'result.json'), 'utf8')).complete).toBe(false);
  });
});

describe('a missing dataset', () => {
  it('Fashion-MNIST not installed: one line naming the package and the variable, exit 2, nothing written', () => {
    const parent = scratch('no-dataset');
    const run = spawnSync(process.execPath, [bin, 'run', 'adam-real-batch', '--out', join(parent, 'out')], {
      encoding: 'utf8',
      env: { ...process.env, SGN_FASHION_MNIST: join(parent, 'nowhere') },
    });
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).toContain(
      "install Debian's package (apt-get install dataset-fashion-mnist) or set SGN_FASHION_MNIST",
    );
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('two runs on one folder', () => {
  it('one run per folder: a live holder is refused by pid, a dead one is cleared; the folder holds one run', () => {
    const out = scratch('lock');
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

  it('the second is refused naming the first pid; the first runs on and its folder holds only its run', async () => {
    const out = scratch('concurrent');
    const first = ['run', 'lp-peak-plateau', '--set', 'restarts=6', '--set', 'steps=20000', '--out', out];
    let second: ReturnType<typeof sgn> | undefined;
    let holder: string | undefined;
    // while the first runs (its lock taken), start a second on the same folder, then stop the first
    const cut = await signalAt(first, 0, 'SIGINT', () => {
      if (!existsSync(join(out, '.lp-peak-plateau.running'))) return false;
      holder = readFileSync(join(out, '.lp-peak-plateau.lock'), 'utf8');
      second = sgn('run', 'lp-peak-plateau', '--set', 'restarts=1', '--set', 'steps=300', '--out', out);
      return true;
    });
    expect(second!.status).toBe(2);
    expect(second!.stderr).toBe(
      `sgn: ${join(out, 'lp-peak-plateau')} is in use by another sgn run (pid ${holder}); wait for it or choose another --out\n`,
    );
    expect(cut.status).toBe(130);
    const result = JSON.parse(readFileSync(join(out, 'lp-peak-plateau', 'result.json'), 'utf8'));
    expect([result.complete, result.settings.restarts]).toEqual([false, 6]);
    expect(readdirSync(out)).toEqual(['lp-peak-plateau']);
  });
});
