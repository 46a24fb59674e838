// The second thread of a split Adam pass (Node worker_threads): loads the backend's range module named in its
// workerData, then runs the second half of each step the main thread posts through the shared control cells.
import { workerData as data } from 'node:worker_threads';
import type { AdamPassOptions } from '@sgn/tensor';
import { OPTION_KEYS, SPIN_MS, spinUntilChanged, type AdamRange, type RangeWorkerData } from './split-adam-pass.js';

const workerData = data as RangeWorkerData;
const { createRange } = (await import(workerData.rangeModule)) as { createRange: (d: RangeWorkerData) => AdamRange };
const range = createRange(workerData);
const control = new Int32Array(workerData.control);
const params = new Float64Array(workerData.params);
const half = Math.floor(workerData.size / 2);
let seen = 0;
for (;;) {
  if (!spinUntilChanged(control, 0, seen, SPIN_MS)) Atomics.wait(control, 0, seen);
  seen = Atomics.load(control, 0);
  if (seen < 0) break;
  const options = Object.fromEntries(OPTION_KEYS.map((key, i) => [key, params[i]])) as unknown as AdamPassOptions;
  range(options, half, workerData.size, params[OPTION_KEYS.length] === 1);
  Atomics.store(control, 1, seen);
  Atomics.notify(control, 1);
}
