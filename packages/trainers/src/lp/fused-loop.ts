import { yieldToEventLoop } from '@sgn/optimizers';

/** Float64 Adam moments for a flat parameter vector. */
export interface FlatAdam {
  m: Float64Array;
  s: Float64Array;
  beta1: number;
  beta2: number;
  eps: number;
}

/** Zero moments for `size` parameters (β1 0.9, β2 0.999, ε 1e-8 unless given). */
export function createFlatAdam(size: number, options: { beta1?: number; beta2?: number; eps?: number } = {}): FlatAdam {
  return {
    m: new Float64Array(size),
    s: new Float64Array(size),
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    eps: options.eps ?? 1e-8,
  };
}

/**
 * One Adam step in place, with bias correction (torch's formulas, as `adam`/`adamw` of @sgn/optimizers):
 * θ ← θ - η (m̂/(√v̂ + ε) + decay·θ), decay > 0 being AdamW's decoupled λ.
 *
 * @param adam - the moments, updated
 * @param theta - parameters, updated
 * @param grad - the gradient
 * @param t - the step index, 0 for the first
 * @param eta - the learning rate of this step
 * @param decay - decoupled weight decay (0 for Adam)
 */
export function flatAdamStep(
  adam: FlatAdam,
  theta: Float64Array,
  grad: Float64Array,
  t: number,
  eta: number,
  decay: number,
): void {
  const { m, s, beta1, beta2, eps } = adam;
  const correction1 = 1 - beta1 ** (t + 1);
  const correction2 = 1 - beta2 ** (t + 1);
  for (let j = 0; j < theta.length; j++) {
    m[j] = beta1 * m[j] + (1 - beta1) * grad[j];
    s[j] = beta2 * s[j] + (1 - beta2) * grad[j] * grad[j];
    theta[j] -= eta * (m[j] / correction1 / (Math.sqrt(s[j] / correction2) + eps) + decay * theta[j]);
  }
}

/** Every `every` steps (and at the last): stop on a non-finite loss, report it, and let timers and signals run. */
export async function reportStep(
  done: number,
  loss: number,
  settings: { steps: number; every: number; onMetrics?: (step: number, loss: number) => void },
): Promise<void> {
  if (done % settings.every !== 0 && done !== settings.steps) return;
  if (!Number.isFinite(loss)) throw new Error(`loss is ${loss} at step ${done}`);
  settings.onMetrics?.(done, loss);
  await yieldToEventLoop();
}
