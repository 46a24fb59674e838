import {
  adam,
  adamw,
  constantSchedule,
  cosineDecaySchedule,
  type GradientTransformation,
  type Schedule,
} from '@sgn/optimizers';
import { requirePositiveIntegers } from '@sgn/tensor';
import type { FusedAlgorithm1Settings } from './fused-loop.js';
import type { UnivariateArrays } from './algorithm1-univariate.fused.js';

/** How a network is trained: Algorithm 1 with the lp prox, or a baseline. */
export type LpMethod = 'lp' | 'adam' | 'adamw';

/** Settings shared by the lp training experiments. */
export interface LpTrainingSettings {
  /** 'lp' (Algorithm 1), 'adam' (unregularized) or 'adamw' (weight decay λ). */
  method: LpMethod;
  /** Quasinorm exponent for the prox (and for reporting costs); default 0.4. */
  p?: number;
  /** Hidden width K. */
  width: number;
  /** λ: the prox weight for 'lp', the weight decay for 'adamw'. */
  lambda: number;
  /** Adam's learning rate γ (default 0.01). */
  learningRate?: number;
  /** Number of Adam steps (full batch). */
  steps: number;
  /** The prox starts after this many steps (default 5, as the notebook). */
  warmup?: number;
  /**
   * 'constant' (Algorithm 1 as published) or 'cosine': γ_t = γ ½(1 + cos(π t / steps)) for Adam and for the prox
   * threshold alike (a proximal-gradient step's threshold scales with its step size), which lets a short run settle.
   */
  schedule?: 'constant' | 'cosine';
  /** Seeds the initializations. */
  seed: number;
  /** The backend whose `AdamPass` kernel takes the fused engine's Adam step (default: the active one). */
  backend?: string;
  /** Stops between steps when aborted. */
  signal?: AbortSignal;
  /** Called with (step, loss) every `every` steps. */
  onProgress?: (step: number, loss: number) => void;
  /**
   * Called every `every` steps (after the prox) with the univariate network as it is, in float64: a live picture of
   * the function as it trains. Its arrays are views into the running parameters: read them, do not keep them. The
   * fused engine calls it; the tensor engine and the multivariate runs do not.
   */
  onNetwork?: (step: number, network: UnivariateArrays) => void;
  every?: number;
}

/** The settings with every default filled in (the one place the defaults are written). */
export type ResolvedLpSettings<S extends LpTrainingSettings = LpTrainingSettings> = S &
  Required<Pick<LpTrainingSettings, 'p' | 'learningRate' | 'warmup' | 'schedule' | 'every'>>;

/**
 * The settings with their defaults filled in: p 0.4, learning rate 0.01, warm-up 5, constant schedule, merge
 * tolerance 1e-3, a report every steps/20 steps.
 *
 * @param settings - the settings as given
 * @returns a copy with every default written out
 */
export function withLpDefaults<S extends LpTrainingSettings>(settings: S): ResolvedLpSettings<S> {
  return {
    ...settings,
    p: settings.p ?? 0.4,
    learningRate: settings.learningRate ?? 0.01,
    warmup: settings.warmup ?? 5,
    schedule: settings.schedule ?? 'constant',
    every: settings.every ?? Math.max(1, Math.floor(settings.steps / 20)),
  };
}

/** γ_t for the update number t = 0, 1, ...: the settings' schedule (constant or cosine). */
export function rateAt(settings: LpTrainingSettings): Schedule {
  const rate = withLpDefaults(settings).learningRate;
  // cosineDecaySchedule's init · (½(1 + cos)) equals rate · ½ · (1 + cos) to the last bit (halving is exact)
  if (settings.schedule === 'cosine') return cosineDecaySchedule({ init: rate, decaySteps: settings.steps });
  if (settings.schedule === undefined || settings.schedule === 'constant') return constantSchedule(rate);
  throw new Error(`schedule must be constant or cosine, got "${settings.schedule as string}"`);
}

/** The Adam or AdamW transformation of the settings' method, at the schedule's rate. */
export function optimizerFor(settings: LpTrainingSettings): GradientTransformation<unknown[]> {
  const learningRate = rateAt(settings);
  if (settings.method === 'adamw') return adamw({ learningRate, weightDecay: settings.lambda });
  if (settings.method === 'adam' || settings.method === 'lp') return adam({ learningRate });
  throw new Error(`method must be one of lp, adam, adamw, got "${settings.method as string}"`);
}

/** The reweighted-l1 prox of Algorithm 1 ('lp': λ and p), or null for the Adam / AdamW baselines. */
export function proxFor(settings: LpTrainingSettings): { lambda: number; p: number } | null {
  return settings.method === 'lp' ? { lambda: settings.lambda, p: withLpDefaults(settings).p } : null;
}

/** What the fused Algorithm 1 loops take: the optimizer chain, the prox, and the run's length and reporting. */
export function fusedSettingsFor(settings: LpTrainingSettings): FusedAlgorithm1Settings {
  const { warmup, every } = withLpDefaults(settings);
  return {
    optimizer: optimizerFor(settings),
    prox: proxFor(settings),
    backend: settings.backend,
    steps: settings.steps,
    warmup,
    signal: settings.signal,
    every,
    onMetrics: settings.onProgress,
  };
}

/** Throws a one-line error naming the first bad setting (width, steps, λ, p). */
export function checkSettings(settings: LpTrainingSettings): void {
  requirePositiveIntegers({ width: settings.width, steps: settings.steps });
  if (!(settings.lambda >= 0)) throw new Error(`lambda must be a number >= 0, got ${settings.lambda}`);
  const { p } = withLpDefaults(settings);
  if (!(p > 0 && p <= 1)) throw new Error(`p must be in (0, 1], got ${p}`);
}

/** Which implementation runs the steps: one fused float64 loop, or tensors op by op through `train`. */
export type LpEngine = 'fused' | 'tensor';
