import { createFlatAdam, flatAdamStep, reportStep } from './fused-loop.js';
import type { FusedUnivariateSettings } from './algorithm1-univariate.fused.js';

/** Float64 parameters of the multivariate net: v [K], w [K, d+1] row-major. */
export interface MultivariateArrays {
  v: Float64Array;
  w: Float64Array;
}

/**
 * Algorithm 1 (and the Adam / AdamW baselines) for f(x) = Σ_k v_k (w_kᵀ [x; 1])_+ as one fused float64 loop:
 * forward, hand-derived MSE gradient, Adam with bias correction, then the multivariate reweighted-l1 prox
 * (the arithmetic of `proxReweightedL1`). A test checks it against the tensor path.
 *
 * Gradients for L = mean_i r_i², g_i = 2 r_i / N, z_ik = w_kᵀ x̃_i:
 * ∂v_k = Σ_i g_i (z_ik)_+, ∂w_kj = Σ_i g_i v_k 1[z_ik > 0] x̃_ij.
 *
 * @param initial - starting parameters (copied)
 * @param x - inputs, row-major [N, d]
 * @param y - targets [N]
 * @param d - input dimension
 * @param settings - as the univariate fused loop
 * @returns the final parameters and steps taken
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export async function fusedMultivariateTraining(
  initial: MultivariateArrays,
  x: Float64Array,
  y: Float64Array,
  d: number,
  settings: FusedUnivariateSettings,
): Promise<{ params: MultivariateArrays; steps: number }> {
  const { method, p, lambda, rate, steps, warmup } = settings;
  const K = initial.v.length;
  const N = y.length;
  const D = d + 1;
  const size = K + K * D;
  const theta = new Float64Array(size); // [v (K), w (K x D)]
  theta.set(initial.v, 0);
  theta.set(initial.w, K);
  const augmented = new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    augmented.set(x.subarray(i * d, (i + 1) * d), i * D);
    augmented[i * D + d] = 1;
  }
  const grad = new Float64Array(size);
  const adam = createFlatAdam(size, settings);
  const z = new Float64Array(N * K);
  const g = new Float64Array(N);
  const shrunk = new Float64Array(D);
  let taken = 0;
  for (let t = 0; t < steps; t++) {
    if (settings.signal?.aborted) break;
    let loss = 0;
    for (let i = 0; i < N; i++) {
      let f = 0;
      for (let k = 0; k < K; k++) {
        let sum = 0;
        const row = K + k * D;
        for (let j = 0; j < D; j++) sum += theta[row + j] * augmented[i * D + j];
        z[i * K + k] = sum;
        if (sum > 0) f += theta[k] * sum;
      }
      const r = f - y[i];
      loss += r * r;
      g[i] = (2 * r) / N;
    }
    loss /= N;
    grad.fill(0);
    for (let i = 0; i < N; i++) {
      for (let k = 0; k < K; k++) {
        const zik = z[i * K + k];
        if (zik > 0) {
          grad[k] += g[i] * zik;
          const scale = g[i] * theta[k];
          const row = K + k * D;
          for (let j = 0; j < D; j++) grad[row + j] += scale * augmented[i * D + j];
        }
      }
    }
    const eta = rate(t);
    flatAdamStep(adam, theta, grad, t, eta, method === 'adamw' ? lambda : 0);
    const done = t + 1;
    if (method === 'lp' && done > warmup) {
      const scale = lambda * eta * p;
      for (let k = 0; k < K; k++) {
        const v = theta[k];
        const row = K + k * D;
        let normSquared = 0;
        for (let j = 0; j < D; j++) {
          const path = Math.abs(v * theta[row + j]);
          shrunk[j] = path > 0 ? Math.max(path - scale * path ** (p - 1), 0) : 0;
          normSquared += shrunk[j] * shrunk[j];
        }
        const root = Math.sqrt(Math.sqrt(normSquared));
        theta[k] = Math.sign(v) * root;
        for (let j = 0; j < D; j++) theta[row + j] = root > 0 ? (Math.sign(theta[row + j]) * shrunk[j]) / root : 0;
      }
    }
    taken = done;
    await reportStep(done, loss, settings);
  }
  return { params: { v: theta.slice(0, K), w: theta.slice(K) }, steps: taken };
}
