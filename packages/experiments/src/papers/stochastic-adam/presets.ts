import type { Preset } from '../../harness/check.js';

/** The stochastic-Adam paper, as its experiments and checks name it. */
export const ADAM_PAPER = 'Tang, Zhang, Cao & Zou, arXiv 2510.11354';

/** The data, network and optimizer settings of the stochastic-Adam experiments. */
export interface AdamBatchSettings {
  n: number;
  d: number;
  s: number;
  sigmaP: number;
  alpha: number;
  sigma0: number;
  m: number;
  q: number;
  eta: number;
  lambdaAdam: number;
  lambdaAdamW: number;
  largeBatch: number;
  miniBatch: number;
  epochsLarge: number;
  epochsMini: number;
  test: number;
  eps: number;
  /** 'off' (the paper's theory) or 'on' (torch's default). */
  biasCorrection: 'on' | 'off';
}

/**
 * Presets. `paper`: the paper's stated settings (d 1000, n 200, s 100, σ_p 0.1, α 0.2, σ_0 0.01, m 20, η 5e-5,
 * 1e4 epochs, B 100 vs 2, test 1e4; ε 1e-8, q 3, no bias correction). There n·s = 20 d and the noise supports
 * overlap heavily; we measured no large-batch failure there (test error 0.169 at η 2.5e-4 after 200 epochs; a
 * PyTorch run of the same setup: 0.25 at 1e3 epochs, 0 at 1e4), so the paper's Table 1 does not reproduce at these
 * sizes. `quick`: the same but d 10000 (supports barely overlap, the theory's regime) and η 2.5e-4 with 200
 * large-batch and 12 mini-batch epochs, so the four runs take about 6 s (the wasm kernels, 2 cores; `sgn reproduce`
 * measured 6.0 s); set d 10000 on `paper` for the full-length near-disjoint runs.
 */
export const ADAM_BATCH_PRESETS: Record<Preset, AdamBatchSettings> = {
  quick: {
    n: 200,
    d: 10_000,
    s: 100,
    sigmaP: 0.1,
    alpha: 0.2,
    sigma0: 0.01,
    m: 20,
    q: 3,
    eta: 2.5e-4,
    lambdaAdam: 1e-5,
    lambdaAdamW: 1e-2,
    largeBatch: 100,
    miniBatch: 2,
    epochsLarge: 200,
    epochsMini: 12,
    test: 2000,
    eps: 1e-8,
    biasCorrection: 'off',
  },
  paper: {
    n: 200,
    d: 1000,
    s: 100,
    sigmaP: 0.1,
    alpha: 0.2,
    sigma0: 0.01,
    m: 20,
    q: 3,
    eta: 5e-5,
    lambdaAdam: 1e-5,
    lambdaAdamW: 1e-2,
    largeBatch: 100,
    miniBatch: 2,
    epochsLarge: 10_000,
    epochsMini: 10_000,
    test: 10_000,
    eps: 1e-8,
    biasCorrection: 'off',
  },
};

/**
 * The feature read-out check's settings on top of the preset: the paper's η 5e-5 with 2000 large-batch and 30
 * mini-batch epochs at the quick preset (measured there: -0.033 and -0.075 for large batch, test error 0.966).
 */
export const FEATURE_READOUT_OVERRIDES: Record<'quick' | 'paper', Partial<AdamBatchSettings>> = {
  quick: { eta: 5e-5, epochsLarge: 2000, epochsMini: 30, test: 500 },
  paper: {},
};

/**
 * The largest noise-support load n·s/d at which sgn measured the large-batch failure: at n/B = 2 the large-batch
 * test error is 0.79 at n·s/d = 10 and 0.15 at 20 (mean over seeds 0-2, the README's phase-diagram sweep).
 */
export const FAILURE_LOAD = 10;

/**
 * Why a large-batch failure claim is expected not to reproduce at these settings, or undefined where it is
 * expected to: above {@link FAILURE_LOAD} the noise supports overlap and sgn measured no failure (the paper preset's
 * d 1000 is n·s/d = 20).
 *
 * @param settings - the run's data sizes
 * @returns the departure, in words, or undefined
 */
export function largeBatchDeparture(settings: Pick<AdamBatchSettings, 'n' | 's' | 'd'>): string | undefined {
  const load = (settings.n * settings.s) / settings.d;
  if (load <= FAILURE_LOAD) return undefined;
  return (
    `n·s/d = ${load.toFixed(1)} (d ${settings.d}): the noise supports overlap, and sgn measured no large-batch failure ` +
    `above n·s/d = ${FAILURE_LOAD} (large-batch Adam test error 0.15 ± 0.08 at n·s/d = 20, README); the paper's ` +
    'Tables 1-2 need supports that barely overlap (the quick preset and paper-disjoint run d 10000)'
  );
}
