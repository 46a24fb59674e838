import '@sgn/backend-cpu';
import { randomRegression } from '@sgn/data';
import { trainMultivariateLp } from '@sgn/theory';
const [steps, lambda, dataSeed, warmup] = process.argv.slice(2, 6).map(Number);
const schedule = process.argv[6] ?? 'constant';
const methods = (process.argv[7] ?? 'lp').split(',');
const data = randomRegression({ n: 10, d: 50, seed: dataSeed });
for (const method of methods) for (const seed of [1, 2, 3]) {
  const t = performance.now();
  const r = await trainMultivariateLp(data, { method, p: 0.4, width: 100, lambda, steps, seed, schedule, warmup });
  console.log(method, steps, lambda, schedule, warmup, 'seed', seed, 'nnz', r.nonzeroPathWeights, 'active', r.activeNeurons, 'err', r.interpolationError.toExponential(2), ((performance.now() - t) / steps).toFixed(3), 'ms/step');
}
