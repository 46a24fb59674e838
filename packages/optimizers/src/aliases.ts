import { chain } from './chain.js';
import { scaleByAdagrad } from './scale-by-adagrad.js';
import { scaleByAdam } from './scale-by-adam.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import { scaleBySign } from './scale-by-sign.js';
import { traceMomentum } from './trace-momentum.js';
import type { GradientTransformation, Schedule } from './types.js';
import { checkNumber } from './validate.js';
import { addDecayedWeights, addL2Gradient } from './weight-decay.js';

/** A learning rate: a number or a schedule of the step. */
export type LearningRate = number | Schedule;

/**
 * Gradient descent: w ← w - η g.
 *
 * @param learningRate - η or a schedule
 * @example
 * ```ts
 * const gd = sgd(1e-3);
 * ```
 */
export function sgd(learningRate: LearningRate): GradientTransformation<unknown[]> {
  return chain(scaleByLearningRate(learningRate));
}

/**
 * SGD with heavy-ball (or Nesterov) momentum, as torch.optim.SGD(momentum=μ, dampening=0).
 *
 * @param learningRate - η or a schedule
 * @param options - `decay` μ (default 0.9), `nesterov`
 * @example
 * ```ts
 * const opt = momentum(0.1, { decay: 0.9 });
 * ```
 */
export function momentum(
  learningRate: LearningRate,
  options: { decay?: number; nesterov?: boolean } = {},
): GradientTransformation<unknown[]> {
  return chain(traceMomentum(options), scaleByLearningRate(learningRate));
}

/** Options shared by {@link adam} and {@link adamw}. */
export interface AdamOptions {
  learningRate: LearningRate;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** λ: coupled L2 for `adam` (default 0), decoupled decay for `adamw` (default 0.01, as torch). */
  weightDecay?: number;
  /** Default true (torch); false matches the stochastic-Adam paper's theory. */
  biasCorrection?: boolean;
}

/**
 * Adam with coupled L2 weight decay, as torch.optim.Adam: g ← g + λw, then Adam's moments, w ← w - η m̂/(√v̂ + ε).
 * This is the stochastic-Adam paper's "Adam" (3.1), (3.3)–(3.5).
 *
 * @param options - learning rate, betas, ε, weight decay λ (default 0), bias correction
 * @example
 * ```ts
 * const paper = adam({ learningRate: 5e-5, weightDecay: 1e-5, biasCorrection: false });
 * ```
 * @see Kingma & Ba, arXiv 1412.6980; Tang et al., arXiv 2510.11354, (3.5)
 */
export function adam(options: AdamOptions): GradientTransformation<unknown[]> {
  const { learningRate, weightDecay = 0, ...moments } = options;
  checkNumber('weightDecay', weightDecay, 0);
  return chain(addL2Gradient(weightDecay), scaleByAdam(moments), scaleByLearningRate(learningRate));
}

/**
 * AdamW, decoupled weight decay, as torch.optim.AdamW: w ← (1 - ηλ) w - η m̂/(√v̂ + ε).
 *
 * @param options - learning rate, betas, ε, weight decay λ (default 0.01), bias correction
 * @example
 * ```ts
 * const paper = adamw({ learningRate: 5e-5, weightDecay: 1e-2, biasCorrection: false });
 * ```
 * @see Loshchilov & Hutter, arXiv 1711.05101; Tang et al., arXiv 2510.11354, (3.6)
 */
export function adamw(options: AdamOptions): GradientTransformation<unknown[]> {
  const { learningRate, weightDecay = 0.01, ...moments } = options;
  checkNumber('weightDecay', weightDecay, 0);
  return chain(scaleByAdam(moments), addDecayedWeights(weightDecay), scaleByLearningRate(learningRate));
}

/**
 * Sign descent with coupled L2: w ← w - η sgn(g + λw), the paper's SignSGD surrogate.
 *
 * @param options - learning rate and weight decay λ (default 0)
 * @example
 * ```ts
 * const opt = signSgd({ learningRate: 1e-4, weightDecay: 1e-5 });
 * ```
 * @see Tang et al., arXiv 2510.11354, (5.1), B.1
 */
export function signSgd(options: {
  learningRate: LearningRate;
  weightDecay?: number;
}): GradientTransformation<unknown[]> {
  checkNumber('weightDecay', options.weightDecay ?? 0, 0);
  return chain(addL2Gradient(options.weightDecay ?? 0), scaleBySign(), scaleByLearningRate(options.learningRate));
}

/**
 * Sign descent with decoupled decay: w ← (1 - ηλ) w - η sgn(g), the paper's SignSGDW surrogate.
 *
 * @param options - learning rate and weight decay λ (default 0.01)
 * @example
 * ```ts
 * const opt = signSgdW({ learningRate: 1e-4, weightDecay: 1e-2 });
 * ```
 * @see Tang et al., arXiv 2510.11354, B.2
 */
export function signSgdW(options: {
  learningRate: LearningRate;
  weightDecay?: number;
}): GradientTransformation<unknown[]> {
  checkNumber('weightDecay', options.weightDecay ?? 0.01, 0);
  return chain(
    scaleBySign(),
    addDecayedWeights(options.weightDecay ?? 0.01),
    scaleByLearningRate(options.learningRate),
  );
}

/**
 * Adagrad, as torch.optim.Adagrad (no lr_decay): s ← s + g², w ← w - η g/(√s + ε).
 *
 * @param options - learning rate (number or schedule, e.g. cosine decay), ε, initial accumulator
 * @example
 * ```ts
 * const rlc = adagrad({ learningRate: perEpoch(cosineDecaySchedule({ init: 0.5, decaySteps: 1000 }), 4) });
 * ```
 * @see Duchi et al., JMLR 2011; Cotta et al., NeurIPS 2023 (RLC training)
 */
export function adagrad(options: {
  learningRate: LearningRate;
  eps?: number;
  initialAccumulator?: number;
}): GradientTransformation<unknown[]> {
  const { learningRate, ...rest } = options;
  return chain(scaleByAdagrad(rest), scaleByLearningRate(learningRate));
}
