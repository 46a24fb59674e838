import { createRng } from '@sgn/tensor';

/** The 8 parameters of an RSetC with affine noise networks (noise q = 1), as `initRlc` names them. */
export interface RsetcParams {
  /** φ: a_i = phiW[0] u + phiW[1] u_i + phiB (shared noise u, element noise u_i). */
  phiW: [number, number];
  phiB: number;
  /** ψ: b = psiW[0] u + psiW[1] u' + psiB. */
  psiW: [number, number];
  psiB: number;
  /** Scores c[0] aᵀx - c[1] b. */
  c: [number, number];
}

/** Settings of {@link trainRsetcFused}. */
export interface FusedRsetcSettings {
  /** Noise draws per step (k). */
  draws: number;
  batch: number;
  epochs: number;
  learningRate: number;
  /** Seeds the batch order (as `train`); the noise comes from `createRng(seed + 1)` (as `trainRlc`). */
  seed: number;
}

const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const logistic = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * RSetC training (affine noise networks, q = 1) in one float64 loop with hand-derived gradients: per step k noise
 * draws (u_k, u'_k, u_{k,i}), scores s_kj = c1 a_kᵀx_j - c2 b_k, the soft-margin loss mean softplus(-y tanh s), and
 * Adagrad (ε 1e-10). It draws the same noise (rounded to float32, as `normalTensor`) and the same batches as the
 * tensor path (`trainRlc` without early stopping), so the two agree to float32 accuracy (tested); it exists for the
 * speed of the small model, where op-by-op tensor execution pays per op.
 *
 * @param x - sets, row-major [N, n]
 * @param y - labels ±1 [N]
 * @param n - set size
 * @param initial - the 8 parameters (e.g. read from `initRlc({ kind: 'set', noise: 1, hidden: 0, size: n }, seed)`)
 * @param settings - k, batch, epochs, learning rate, seed
 * @returns the trained parameters, the loss of every step and the steps taken
 * @see Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023, RSetC and training (main.py)
 */
export function trainRsetcFused(
  x: ArrayLike<number>, y: ArrayLike<number>, n: number, initial: RsetcParams, settings: FusedRsetcSettings,
): { params: RsetcParams; losses: number[]; steps: number } {
  const count = y.length;
  const xs = Float64Array.from(x);
  if (x.length !== count * n) throw new Error(`x must hold N·n = ${count * n} values (N = ${count} labels, n = ${n}), got ${x.length}`);
  const { draws: k, learningRate, epochs } = settings;
  const batchSize = Math.min(settings.batch, count);
  // θ = [phiW0, phiW1, phiB, psiW0, psiW1, psiB, c0, c1]
  const theta = Float64Array.of(initial.phiW[0], initial.phiW[1], initial.phiB, initial.psiW[0], initial.psiW[1], initial.psiB, initial.c[0], initial.c[1]);
  const sumOfSquares = new Float64Array(8);
  const grad = new Float64Array(8);
  const order = createRng(settings.seed);
  const noise = createRng(settings.seed + 1);
  const draw = (size: number) => Float64Array.from(noise.normalArray(size), Math.fround);
  const a = new Float64Array(k * n);
  const b = new Float64Array(k);
  const scoreGrad = new Float64Array(k * batchSize);
  const gradA = new Float64Array(k * n);
  const xT = new Float64Array(n * batchSize);
  const ax = new Float64Array(batchSize);
  const losses: number[] = [];
  const stepsPerEpoch = Math.ceil(count / batchSize);
  let steps = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const shuffled = order.shuffle(Array.from({ length: count }, (_, i) => i));
    for (let s = 0; s < stepsPerEpoch; s++) {
      const batch = Int32Array.from(shuffled.slice(s * batchSize, (s + 1) * batchSize));
      const size = batch.length;
      // the tensor path's order of draws: shared [k], ψ's own [k], the elements' [k, n]
      const [shared, psiNoise, own] = [draw(k), draw(k), draw(k * n)];
      const [phiW0, phiW1, phiB, psiW0, psiW1, psiB, c0, c1] = theta;
      for (let r = 0; r < k; r++) {
        b[r] = psiW0 * shared[r] + psiW1 * psiNoise[r] + psiB;
        const base = phiW0 * shared[r] + phiB;
        for (let i = 0; i < n; i++) a[r * n + i] = base + phiW1 * own[r * n + i];
      }
      // the batch transposed, [n, size], so the inner loops run over examples with independent accumulators
      for (let j = 0; j < size; j++) for (let i = 0; i < n; i++) xT[i * size + j] = xs[batch[j] * n + i];
      let loss = 0;
      const scale = 1 / (k * size);
      let gradC0 = 0;
      let gradC1 = 0;
      for (let r = 0; r < k; r++) {
        ax.fill(0, 0, size);
        for (let i = 0; i < n; i++) {
          const weight = a[r * n + i];
          const offset = i * size;
          for (let j = 0; j < size; j++) ax[j] += weight * xT[offset + j];
        }
        for (let j = 0; j < size; j++) {
          const t = Math.tanh(c0 * ax[j] - c1 * b[r]);
          const label = y[batch[j]];
          loss += softplus(-label * t);
          // d/ds softplus(-y tanh s) = -y σ(-y t) (1 - t²)
          const g = scale * -label * logistic(-label * t) * (1 - t * t);
          scoreGrad[r * size + j] = g;
          gradC0 += g * ax[j];
          gradC1 -= g * b[r];
        }
        for (let i = 0; i < n; i++) {
          const offset = i * size;
          let sum = 0;
          for (let j = 0; j < size; j++) sum += scoreGrad[r * size + j] * xT[offset + j];
          gradA[r * n + i] = c0 * sum;
        }
      }
      grad.fill(0);
      for (let r = 0; r < k; r++) {
        let gb = 0;
        for (let j = 0; j < size; j++) gb -= c1 * scoreGrad[r * size + j];
        grad[3] += gb * shared[r];
        grad[4] += gb * psiNoise[r];
        grad[5] += gb;
        for (let i = 0; i < n; i++) {
          const ga = gradA[r * n + i];
          grad[0] += ga * shared[r];
          grad[1] += ga * own[r * n + i];
          grad[2] += ga;
        }
      }
      grad[6] = gradC0;
      grad[7] = gradC1;
      for (let p = 0; p < 8; p++) {
        sumOfSquares[p] += grad[p] * grad[p];
        theta[p] -= (learningRate * grad[p]) / (Math.sqrt(sumOfSquares[p]) + 1e-10);
      }
      losses.push(loss * scale);
      steps++;
    }
  }
  const [phiW0, phiW1, phiB, psiW0, psiW1, psiB, c0, c1] = theta;
  return { params: { phiW: [phiW0, phiW1], phiB, psiW: [psiW0, psiW1], psiB, c: [c0, c1] }, losses, steps };
}
