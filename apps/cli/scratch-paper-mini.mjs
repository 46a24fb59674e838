import { ADAM_BATCH_PRESETS, adamData, trainPatchCnn } from '@sgn/theory';
const settings = { ...ADAM_BATCH_PRESETS.paper, d: 10000 };
const data = adamData(settings, 0);
const t0 = performance.now();
const r = await trainPatchCnn(data.train, data.test, { m: settings.m, q: settings.q, sigma0: settings.sigma0, optimizer: 'adam', lambda: settings.lambdaAdam, eta: settings.eta, eps: settings.eps, biasCorrection: false, batchSize: settings.miniBatch, epochs: settings.epochsMini, every: 250, seed: 0, threads: 2,
  onEpoch: (o) => console.log(`${((performance.now() - t0) / 60000).toFixed(2)} min epoch ${o.epoch} train ${o.trainError} test ${o.testError.toFixed(4)} loss ${o.trainLoss.toExponential(3)} feature ${o.featurePositive.toFixed(4)} ${o.featureNegative.toFixed(4)}`) });
console.log(`done: ${r.steps} steps in ${((performance.now() - t0) / 60000).toFixed(1)} min, ${r.stepsPerSecond.toFixed(0)} steps/s`);
