import { patchImages, type PatchImages } from '@sgn/data';
import { streamSeed } from '@sgn/tensor';
import { adam, adamw } from '@sgn/optimizers';
import { trainPatchCnn, type PatchCnnReadout, type PatchCnnResult } from '@sgn/trainers';
import type { AdamBatchSettings } from './presets.js';

/** One of the four runs: optimizer and batch regime. */
export interface AdamRunSpec {
  optimizer: 'adam' | 'adamw';
  regime: 'large' | 'mini';
  /** Overrides λ for this run (default: the preset's λ for the optimizer). */
  lambda?: number;
}

/** Train and test sets of an experiment seed (balanced training labels, as the paper's 100/100). */
export function adamData(settings: AdamBatchSettings, seed: number): { train: PatchImages; test: PatchImages } {
  const common = { d: settings.d, s: settings.s, sigmaP: settings.sigmaP, alpha: settings.alpha };
  return {
    train: patchImages({ ...common, n: settings.n, seed, balanced: true }),
    test: patchImages({ ...common, n: settings.test, seed: streamSeed(seed, 'test-set') }),
  };
}

/** Runs one optimizer/regime on the given data (the initialization depends on the seed only). */
export function adamRun(
  data: { train: PatchImages; test: PatchImages },
  settings: AdamBatchSettings,
  spec: AdamRunSpec,
  seed: number,
  signal?: AbortSignal,
  onEpoch?: (readout: PatchCnnReadout) => void,
): Promise<PatchCnnResult> {
  // a check's next run after Ctrl-C does not start (runCheck records the check as interrupted)
  signal?.throwIfAborted();
  const large = spec.regime === 'large';
  // the paper's Adam (coupled L2) or AdamW (decoupled), β (0.9, 0.999), no bias correction unless the preset says so
  const options = {
    learningRate: settings.eta,
    weightDecay: spec.lambda ?? (spec.optimizer === 'adam' ? settings.lambdaAdam : settings.lambdaAdamW),
    beta1: 0.9,
    beta2: 0.999,
    eps: settings.eps,
    biasCorrection: settings.biasCorrection === 'on',
  };
  return trainPatchCnn(data.train, data.test, {
    m: settings.m,
    q: settings.q,
    sigma0: settings.sigma0,
    optimizer: spec.optimizer === 'adam' ? adam(options) : adamw(options),
    batchSize: large ? settings.largeBatch : settings.miniBatch,
    epochs: large ? settings.epochsLarge : settings.epochsMini,
    every: Math.max(1, Math.floor((large ? settings.epochsLarge : settings.epochsMini) / 20)),
    seed,
    signal,
    onEpoch,
  });
}

/** The four runs of Table 1/2 in order. */
export const FOUR_RUNS: readonly AdamRunSpec[] = [
  { optimizer: 'adam', regime: 'large' },
  { optimizer: 'adam', regime: 'mini' },
  { optimizer: 'adamw', regime: 'large' },
  { optimizer: 'adamw', regime: 'mini' },
];
