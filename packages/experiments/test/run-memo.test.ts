import '@sgn/backend-cpu';
import { randomRegression } from '@sgn/data';
import { tf, useBackend } from '@sgn/tensor';
import { expect, it } from 'vitest';
import { createRunMemo, memoized, memoizedMultivariateLp } from '../src/index.js';

it('a run memo trains a multivariate run once per data and settings (defaults filled in), and keeps only finished runs', async () => {
  await useBackend('cpu');
  const data = randomRegression({ n: 4, d: 3, seed: 2 });
  const memo = createRunMemo();
  const settings = { method: 'lp' as const, width: 6, lambda: 0.01, steps: 40, seed: 1 };
  const first = await memoizedMultivariateLp(memo, data, settings);
  // the same run with its defaults written out is the same entry: the very same result object comes back
  expect(
    await memoizedMultivariateLp(memo, data, {
      ...settings,
      p: 0.4,
      learningRate: 0.01,
      warmup: 5,
      schedule: 'constant',
      engine: 'fused',
    }),
  ).toBe(first);
  const other = await memoizedMultivariateLp(memo, data, { ...settings, seed: 2 });
  expect(other).not.toBe(first);
  expect(memo.size).toBe(2);
  // other data with the same settings is another run
  const moved = randomRegression({ n: 4, d: 3, seed: 3 });
  expect(await memoizedMultivariateLp(memo, moved, settings)).not.toBe(first);
  // a stopped run is not kept; without a memo every call trains
  const stopped = new AbortController();
  stopped.abort();
  const partial = await memoizedMultivariateLp(memo, data, { ...settings, steps: 41, signal: stopped.signal });
  expect(partial.steps).toBeLessThan(41);
  expect(memo.size).toBe(3);
  expect(await memoizedMultivariateLp(undefined, data, settings)).not.toBe(first);
  // failures are not kept either
  let calls = 0;
  const failing = () => {
    calls++;
    return Promise.reject(new Error('boom'));
  };
  await expect(memoized(memo, 'k', failing, () => true)).rejects.toThrow('boom');
  await expect(memoized(memo, 'k', failing, () => true)).rejects.toThrow('boom');
  expect(calls).toBe(2);
  tf.dispose([data.x, data.y, moved.x, moved.y]);
});
