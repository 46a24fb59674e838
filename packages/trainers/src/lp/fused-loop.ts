import { yieldToEventLoop, type GradientTransformation } from '@sgn/optimizers';
import { AdamPass, DivergedError, FLUSH_EVERY, getSgnKernel, type AdamPassState } from '@sgn/tensor';
import { matchAdamChain, type AdamChain } from '../adam-chain.js';

/** Settings of the fused Algorithm 1 loops, mirroring the tensor path of `trainUnivariateLp`. */
export interface FusedAlgorithm1Settings {
  /** The optimizer from @sgn/optimizers: `adam({...})`, `adamw({...})`, or the same parts in a chain. */
  optimizer: GradientTransformation<unknown>;
  /** The reweighted-l1 prox after each update past the warm-up (Algorithm 1), or null (the Adam / AdamW baselines). */
  prox: { lambda: number; p: number } | null;
  steps: number;
  warmup: number;
  /** The backend whose `AdamPass` kernel takes the Adam step (default: the active one). */
  backend?: string;
  signal?: AbortSignal;
  every: number;
  onMetrics?: (step: number, loss: number) => void;
}

/** The fused loops' optimizer: the backend's Adam pass over the parameter vector and the chain's constants. */
export interface FusedAdam {
  /** The parameters (the pass's weights) and the gradient to fill each step. */
  pass: AdamPassState;
  chain: AdamChain;
}

/** The Adam pass for `size` parameters starting at `initial`, on one thread (a few hundred coordinates). */
export async function createFusedAdam(
  settings: FusedAlgorithm1Settings,
  size: number,
  engine: string,
): Promise<FusedAdam> {
  const chain = matchAdamChain(settings.optimizer, engine);
  const pass = await getSgnKernel(AdamPass, settings.backend)({ size, threads: 1 });
  return { pass, chain };
}

/**
 * Update t (0 for the first) of the chain on the pass's weights from the gradient in `pass.grad` (cleared by the
 * step): the kernel's g + coupled·w, moments, bias correction and decoupled decay. Every `FLUSH_EVERY` updates the
 * pass also sets entries below `TINY` (1e-100) to 0: a pruned neuron's moments decay geometrically into the
 * subnormal range otherwise, whose arithmetic made the Adam pass ~2x slower over a 30k-step lp run (the prox sets such
 * a neuron's weights to 0 either way; the lp random-data run's read-outs were the same to the last digit).
 *
 * @returns the learning rate of this update (the prox's step)
 */
export function fusedAdamStep({ pass, chain }: FusedAdam, t: number): number {
  const { beta1, beta2, eps, biasCorrection, coupled, decoupled } = chain;
  const eta = chain.learningRate(t);
  const correction1 = biasCorrection ? 1 - beta1 ** (t + 1) : 1;
  const correction2 = biasCorrection ? 1 - beta2 ** (t + 1) : 1;
  pass.step({ beta1, beta2, eps, eta, coupled, decoupled, correction1, correction2 }, (t + 1) % FLUSH_EVERY === 0);
  return eta;
}

/** Whether `done` steps is a report: every `every` steps and at the last. */
export function isReportStep(done: number, settings: { steps: number; every: number }): boolean {
  return done % settings.every === 0 || done === settings.steps;
}

/** Every `every` steps (and at the last): stop on a non-finite loss, report it, and let timers and signals run. */
export async function reportStep(
  done: number,
  loss: number,
  settings: { steps: number; every: number; onMetrics?: (step: number, loss: number) => void },
  maybeYield?: () => Promise<void>,
): Promise<void> {
  // between reports, yield at least every 50 ms of work so that Ctrl-C (the abort signal) is seen within a second
  if (!isReportStep(done, settings)) return maybeYield?.();
  if (!Number.isFinite(loss)) throw new DivergedError(`loss is ${loss} at step ${done}`);
  settings.onMetrics?.(done, loss);
  await yieldToEventLoop();
}
