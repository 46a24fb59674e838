import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultThreads, MAX_KERNEL_THREADS } from '../src/index.js';

describe('defaultThreads', () => {
  const saved = process.env.SGN_THREADS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SGN_THREADS;
    else process.env.SGN_THREADS = saved;
  });

  it('follows the usable cores, at most two, when SGN_THREADS is not set', () => {
    delete process.env.SGN_THREADS;
    expect(defaultThreads()).toBe(Math.min(availableParallelism(), 2));
    expect(MAX_KERNEL_THREADS).toBe(2);
  });

  it('takes SGN_THREADS (1 stays 1, 5 is capped at 2) and refuses anything but a positive integer', () => {
    process.env.SGN_THREADS = '1';
    expect(defaultThreads()).toBe(1);
    process.env.SGN_THREADS = '5';
    expect(defaultThreads()).toBe(2);
    for (const bad of ['0', '-1', '1.5', 'two']) {
      process.env.SGN_THREADS = bad;
      expect(() => defaultThreads()).toThrow(`SGN_THREADS must be a positive integer, got "${bad}"`);
    }
  });
});
