import type { UnivariateReluParams } from '@sgn/models';
import { proxReweightedL1UnivariateFloat64 } from '@sgn/regularizers';
import { createYielder } from '@sgn/optimizers';
import {
  createFusedAdam,
  fusedAdamStep,
  isReportStep,
  reportStep,
  type FusedAlgorithm1Settings,
} from './fused-loop.js';

/** Float64 parameters of the univariate net. */
export interface UnivariateArrays {
  v: Float64Array;
  w: Float64Array;
  b: Float64Array;
  a: number;
  c: number;
}

/** Copies tensor parameters into float64 arrays. */
export function toArrays(params: UnivariateReluParams): UnivariateArrays {
  return {
    v: Float64Array.from(params.v.dataSync()),
    w: Float64Array.from(params.w.dataSync()),
    b: Float64Array.from(params.b.dataSync()),
    a: params.a.dataSync()[0],
    c: params.c.dataSync()[0],
  };
}

/**
 * Algorithm 1 (and its Adam / AdamW baselines) for the univariate ReLU net as one fused float64 loop: forward,
 * hand-derived MSE gradient, the optimizer chain's Adam step in the backend's `AdamPass` kernel, then the
 * function-preserving reweighted-l1 prox (`proxReweightedL1UnivariateFloat64`), the same mathematics as the tensor
 * path (`train` + `proxReweightedL1Univariate`), which a test checks step by step. At width 80 and 6 points a step is
 * a few thousand flops: op-by-op tensor execution spends ~1 ms a step on dispatch, this loop microseconds.
 *
 * Gradients of f(x) = Σ v_k (w_k x + b_k)_+ + a x + c for L = mean_i r_i², g_i = 2 r_i / N:
 * ∂v_k = Σ g_i h_ik, ∂w_k = Σ g_i v_k 1[z_ik > 0] x_i, ∂b_k = Σ g_i v_k 1[z_ik > 0], ∂a = Σ g_i x_i, ∂c = Σ g_i.
 *
 * @param initial - starting parameters (copied)
 * @param x - inputs
 * @param y - targets
 * @param settings - optimizer, prox (λ, p) or null, steps, warm-up
 * @param onReport - called at every report step (after the prox) with the step count and the current network (v,
 *   w and b are views into the running parameters: read them, do not keep them)
 * @returns the final parameters and steps taken
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export async function fusedUnivariateTraining(
  initial: UnivariateArrays,
  x: readonly number[],
  y: readonly number[],
  settings: FusedAlgorithm1Settings,
  onReport?: (step: number, network: UnivariateArrays) => void,
): Promise<{ params: UnivariateArrays; steps: number }> {
  const { prox, steps, warmup } = settings;
  const K = initial.v.length;
  const N = x.length;
  const size = 3 * K + 2;
  const adam = await createFusedAdam(settings, size, 'the fused lp engine');
  const maybeYield = createYielder();
  // theta = [v (K), w (K), b (K), a, c]: the Adam pass's weights
  const { weights: theta, grad } = adam.pass;
  theta.set(initial.v, 0);
  theta.set(initial.w, K);
  theta.set(initial.b, 2 * K);
  theta[3 * K] = initial.a;
  theta[3 * K + 1] = initial.c;
  const [v, w, b] = [theta.subarray(0, K), theta.subarray(K, 2 * K), theta.subarray(2 * K, 3 * K)];
  const g = new Float64Array(N);
  let taken = 0;
  try {
    for (let t = 0; t < steps; t++) {
      if (settings.signal?.aborted) break;
      // forward and residuals
      let loss = 0;
      for (let i = 0; i < N; i++) {
        let f = theta[3 * K] * x[i] + theta[3 * K + 1];
        for (let k = 0; k < K; k++) {
          const z = theta[K + k] * x[i] + theta[2 * K + k];
          if (z > 0) f += theta[k] * z;
        }
        const r = f - y[i];
        loss += r * r;
        g[i] = (2 * r) / N;
      }
      loss /= N;
      // the gradient (the pass cleared it after the last update)
      for (let i = 0; i < N; i++) {
        const gi = g[i];
        for (let k = 0; k < K; k++) {
          const z = theta[K + k] * x[i] + theta[2 * K + k];
          if (z > 0) {
            grad[k] += gi * z;
            grad[K + k] += gi * theta[k] * x[i];
            grad[2 * K + k] += gi * theta[k];
          }
        }
        grad[3 * K] += gi * x[i];
        grad[3 * K + 1] += gi;
      }
      const eta = fusedAdamStep(adam, t);
      const done = t + 1;
      if (prox && done > warmup)
        proxReweightedL1UnivariateFloat64(v, w, b, { lambda: prox.lambda, step: eta, p: prox.p });
      taken = done;
      if (onReport && isReportStep(done, settings)) onReport(done, { v, w, b, a: theta[3 * K], c: theta[3 * K + 1] });
      await reportStep(done, loss, settings, maybeYield);
    }
  } finally {
    adam.pass.close();
  }
  return {
    params: {
      v: theta.slice(0, K),
      w: theta.slice(K, 2 * K),
      b: theta.slice(2 * K, 3 * K),
      a: theta[3 * K],
      c: theta[3 * K + 1],
    },
    steps: taken,
  };
}
