import { proxReweightedL1Float64 } from '@sgn/regularizers';
import { createYielder } from '@sgn/optimizers';
import { createFusedAdam, fusedAdamStep, reportStep, type FusedAlgorithm1Settings } from './fused-loop.js';

/** Float64 parameters of the multivariate net: v [K], w [K, d+1] row-major. */
export interface MultivariateArrays {
  v: Float64Array;
  w: Float64Array;
}

/**
 * Algorithm 1 (and the Adam / AdamW baselines) for f(x) = Σ_k v_k (w_kᵀ [x; 1])_+ as one fused float64 loop:
 * forward, hand-derived MSE gradient, the optimizer chain's Adam step in the backend's `AdamPass` kernel, then
 * the multivariate reweighted-l1 prox (`proxReweightedL1Float64`). A test checks it against the tensor path.
 *
 * Gradients for L = mean_i r_i², g_i = 2 r_i / N, z_ik = w_kᵀ x̃_i:
 * ∂v_k = Σ_i g_i (z_ik)_+, ∂w_kj = Σ_i g_i v_k 1[z_ik > 0] x̃_ij.
 *
 * @param initial - starting parameters (copied)
 * @param x - inputs, row-major [N, d]
 * @param y - targets [N]
 * @param d - input dimension
 * @param settings - optimizer, prox (λ, p) or null, steps, warm-up
 * @returns the final parameters and steps taken
 * @see Nakhleh & Nowak, arXiv 2505.21791, App. A.3, Algorithm 1
 */
export async function fusedMultivariateTraining(
  initial: MultivariateArrays,
  x: Float64Array,
  y: Float64Array,
  d: number,
  settings: FusedAlgorithm1Settings,
): Promise<{ params: MultivariateArrays; steps: number }> {
  const { prox, steps, warmup } = settings;
  const K = initial.v.length;
  const N = y.length;
  const D = d + 1;
  const size = K + K * D;
  const adam = await createFusedAdam(settings, size, 'the fused lp engine');
  const maybeYield = createYielder();
  const { weights: theta, grad } = adam.pass; // [v (K), w (K x D)]
  theta.set(initial.v, 0);
  theta.set(initial.w, K);
  const [v, w] = [theta.subarray(0, K), theta.subarray(K)];
  const augmented = new Float64Array(N * D);
  for (let i = 0; i < N; i++) {
    augmented.set(x.subarray(i * d, (i + 1) * d), i * D);
    augmented[i * D + d] = 1;
  }
  const z = new Float64Array(N * K);
  const g = new Float64Array(N);
  const zeroRow = new Uint8Array(K);
  let taken = 0;
  try {
    for (let t = 0; t < steps; t++) {
      if (settings.signal?.aborted) break;
      let loss = 0;
      // a neuron the prox pruned has an input row of exact zeros: its z is +0 on every example (0·x summed from +0
      // is +0), computed without the products
      for (let k = 0; k < K; k++) {
        const row = K + k * D;
        let j = 0;
        while (j < D && theta[row + j] === 0) j++;
        zeroRow[k] = j === D ? 1 : 0;
      }
      for (let i = 0; i < N; i++) {
        let f = 0;
        for (let k = 0; k < K; k++) {
          let sum = 0;
          if (zeroRow[k] === 0) {
            const row = K + k * D;
            for (let j = 0; j < D; j++) sum += theta[row + j] * augmented[i * D + j];
          }
          z[i * K + k] = sum;
          if (sum > 0) f += theta[k] * sum;
        }
        const r = f - y[i];
        loss += r * r;
        g[i] = (2 * r) / N;
      }
      loss /= N;
      // the gradient (the pass cleared it after the last update)
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
      const eta = fusedAdamStep(adam, t);
      const done = t + 1;
      if (prox && done > warmup) proxReweightedL1Float64(v, w, { lambda: prox.lambda, step: eta, p: prox.p });
      taken = done;
      await reportStep(done, loss, settings, maybeYield);
    }
  } finally {
    adam.pass.close();
  }
  return { params: { v: theta.slice(0, K), w: theta.slice(K) }, steps: taken };
}
