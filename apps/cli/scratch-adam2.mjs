import { ADAM_BATCH_PRESETS, adamData, adamRun } from '@sgn/theory';
const settings = { ...ADAM_BATCH_PRESETS.quick, d: 10000, epochsMini: 20, test: 200 };
const data = adamData(settings, 0);
for (const optimizer of ['adam', 'adamw']) {
  const t0 = performance.now();
  const r = await adamRun(data, settings, { optimizer, regime: 'mini' }, 0);
  console.log(optimizer, 'steps', r.steps, 'ms/step', ((performance.now() - t0) / r.steps).toFixed(3), 'sps', r.stepsPerSecond.toFixed(0), 'test', r.readouts.at(-1).testError, 'loss', r.readouts.at(-1).trainLoss.toExponential(6), 'w0', r.weights[0].toExponential(8), r.weights[12345].toExponential(8));
}
