import '@sgn/backend-wasm';
import { useBackend } from '@sgn/tensor';
import { randomRegression } from '@sgn/data';
import { trainMultivariateLp } from '@sgn/theory';
await useBackend('wasm');
const [steps, lambda, seed] = process.argv.slice(2, 5).map(Number);
const schedule = process.argv[5] ?? 'constant';
const data = randomRegression({ n: 10, d: 50, seed });
for (const method of (process.argv[6] ?? 'lp,adam,adamw').split(',')) {
  const t = performance.now();
  const r = await trainMultivariateLp(data, { method, p: 0.4, width: 100, lambda, steps, seed: 1, schedule });
  console.log(method, steps, lambda, schedule, r.nonzeroPathWeights, r.activeNeurons, r.interpolationError.toExponential(2), ((performance.now() - t) / steps).toFixed(3), 'ms/step');
}
