import { ADAM_BATCH_PRESETS, adamData, trainPatchCnn } from '@sgn/theory';
const settings = { ...ADAM_BATCH_PRESETS.quick, d: 10000, test: 200 };
const data = adamData(settings, 0);
for (const threads of [2, 1, 2, 1]) {
  const t0 = performance.now();
  const r = await trainPatchCnn(data.train, data.test, { m: 20, q: 3, sigma0: 0.01, optimizer: 'adam', lambda: 1e-5, eta: 5e-5, eps: 1e-8, batchSize: 2, epochs: 100, every: 100, seed: 0, threads });
  console.log(threads, ((performance.now() - t0) / r.steps).toFixed(3), 'ms/step', r.readouts.at(-1).trainLoss, r.weights[777]);
}
