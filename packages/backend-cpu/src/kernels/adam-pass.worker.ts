// The second thread of a split Adam pass (Node worker_threads): loads the backend's range module named in its
// workerData, then, for each step the main thread posts through the shared control cells, claims and runs chunks
// until none is left (the main thread runs the rest).
import { workerData as data } from 'node:worker_threads';
import { runChunks, SPIN_MS, spinUntilChanged, STEP, type AdamRange, type RangeWorkerData } from './split-adam-pass.js';

const workerData = data as RangeWorkerData;
const { createRange } = (await import(workerData.rangeModule)) as { createRange: (d: RangeWorkerData) => AdamRange };
const range = createRange(workerData);
const control = new Int32Array(workerData.control);
const params = new Float64Array(workerData.params);
let seen = 0;
for (;;) {
  if (!spinUntilChanged(control, STEP, seen, 1, SPIN_MS)) Atomics.wait(control, STEP, seen);
  seen = Atomics.load(control, STEP);
  if (seen < 0) break;
  runChunks(control, params, range, workerData.size, true);
}
