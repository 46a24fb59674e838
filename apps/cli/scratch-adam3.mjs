import { ADAM_BATCH_PRESETS, adamData, trainPatchCnn } from '@sgn/theory';
const settings = { ...ADAM_BATCH_PRESETS.quick, d: 10000, test: 200 };
const data = adamData(settings, 0);
let last = performance.now();
const r = await trainPatchCnn(data.train, data.test, { m: 20, q: 3, sigma0: 0.01, optimizer: process.argv[2] ?? 'adam', lambda: process.argv[2] === 'adamw' ? 1e-2 : 1e-5, eta: 5e-5, eps: 1e-8, batchSize: 2, epochs: Number(process.argv[3] ?? 300), every: 30, seed: 0,
  onEpoch: (o) => { const now = performance.now(); console.log(o.epoch, ((now - last) / 3000).toFixed(3), 'ms/step', o.testError, o.trainLoss.toExponential(3)); last = now; } });
let tiny = 0, zero = 0; for (const w of r.weights) { if (w === 0) zero++; else if (Math.abs(w) < 1e-300) tiny++; }
console.log('denormal-ish', tiny, 'zero', zero, 'of', r.weights.length);
