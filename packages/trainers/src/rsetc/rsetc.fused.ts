import type { RlcParams } from '@sgn/models';
import { createYielder, scaleByAdagradFloat64, type GradientTransformation } from '@sgn/optimizers';
import {
  createRng,
  getSgnKernel,
  requireFinite,
  requirePositiveIntegers,
  RsetcStep,
  WASM_MAX_PAGES,
  WASM_PAGE,
} from '@sgn/tensor';
import { matchAdagradChain } from '../adagrad-chain.js';
import { rlcNoiseStream } from './noise-stream.js';

/** The 8 parameters of an RSetC with affine noise networks (noise q = 1), as `initRlc` names them. */
export interface RsetcParams {
  /** φ ('phi.w0', 'phi.b0'): a_i = phiW[0] u + phiW[1] u_i + phiB (shared noise u, element noise u_i). */
  phiW: [number, number];
  phiB: number;
  /** ψ ('psi.w0', 'psi.b0'): b = psiW[0] u + psiW[1] u' + psiB. */
  psiW: [number, number];
  psiB: number;
  /** Scores c[0] aᵀx - c[1] b ('c'). */
  c: [number, number];
}

/**
 * Reads the parameters of an RSetC with affine noise networks (`initRlc({ kind: 'set', noise: 1, hidden: 0, size }, { seed: seed })`
 * or a trained copy) into {@link RsetcParams}.
 *
 * @throws when the parameters are not those of that model (another noise size or hidden layers)
 */
export function rsetcParams(params: RlcParams): RsetcParams {
  const read = (name: string, size: number) => {
    const values = params[name] ? Array.from(params[name].dataSync()) : [];
    if (values.length !== size) {
      throw new Error(
        `rsetcParams needs an RSetC with affine noise networks (noise 1, hidden 0): "${name}" has ${values.length} values, expected ${size}`,
      );
    }
    return values;
  };
  const [phiW, psiW, c] = [read('phi.w0', 2), read('psi.w0', 2), read('c', 2)];
  return {
    phiW: [phiW[0], phiW[1]],
    phiB: read('phi.b0', 1)[0],
    psiW: [psiW[0], psiW[1]],
    psiB: read('psi.b0', 1)[0],
    c: [c[0], c[1]],
  };
}

/** Settings of {@link trainRsetcFused}. */
export interface FusedRsetcSettings {
  /** Noise draws per step (k). */
  draws: number;
  batch: number;
  epochs: number;
  /**
   * The optimizer, an Adagrad chain from @sgn/optimizers (`adagrad({ learningRate: 0.5 })`, any schedule): its
   * float64 step is `scaleByAdagradFloat64`. Other chains are refused by name.
   */
  optimizer: GradientTransformation<unknown>;
  /** Seeds the batch order (as `train`); the noise from `rlcNoiseStream(seed)` (as the bench and `trainRlc`). */
  seed: number;
  /** The backend whose `RsetcStep` kernel runs the step (default: the active one): cpu (float64), wasm (SIMD). */
  backend?: string;
  /** Stops training between steps (seen within 50 ms of work); the result then has `aborted: true`. */
  signal?: AbortSignal;
}

/** Result of {@link trainRsetcFused}. */
export interface FusedRsetcResult {
  params: RsetcParams;
  /** The training loss of every step (before its update), as `train`'s history with `every: 1`. */
  losses: number[];
  steps: number;
  /** True when the signal stopped training early. */
  aborted: boolean;
}

/**
 * RSetC training with affine noise networks (q = 1) in one `RsetcStep` kernel a step (wasm: wasm/rsetc-step.wat,
 * float32, four examples per instruction; cpu: the float64 reference `rsetcStepImpl`), for the speed of this small
 * model, where op-by-op tensor execution pays per op. Same model, loss, noise draws (shared u, ψ's u', the
 * elements' u_i, rounded to float32), batches and optimizer (the given Adagrad chain) as the tensor path (`train` with `rlcScores` and `softMarginLoss`); it agrees with it to float32
 * accuracy (tested).
 *
 * It uses the model's structure: with a_ri = (φ_0 u_r + φ_b) + φ_1 u_ri, the scores need only
 * p_rj = Σ_i u_ri x_ji and S_j = Σ_i x_ji (aᵀx_j = (φ_0 u_r + φ_b) S_j + φ_1 p_rj), and every gradient is a sum of
 * dℓ/ds against S_j, p_rj, aᵀx_j or 1 over the batch; so a step is one pass over the k × B scores and no backward
 * matrix product. The kernel's e^x and log are polynomials (relative error ~1e-7).
 *
 * @param x - sets, row-major [N, n]
 * @param y - labels ±1 [N]
 * @param n - set size
 * @param initial - the 8 parameters (e.g. `rsetcParams(initRlc({ kind: 'set', noise: 1, hidden: 0, size: n }, { seed: seed }))`)
 * @param settings - k, batch, epochs, optimizer, seed, backend
 * @returns the trained parameters, the loss of every step and the steps taken
 * @throws where the backend has no RsetcStep kernel, WebAssembly SIMD is not available (wasm), or the optimizer is
 *   not an Adagrad chain
 * @see Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023, RSetC and training (main.py)
 */
export async function trainRsetcFused(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  initial: RsetcParams,
  settings: FusedRsetcSettings,
): Promise<FusedRsetcResult> {
  const count = y.length;
  requirePositiveIntegers({ n });
  if (x.length !== count * n)
    throw new Error(`x must hold N·n = ${count * n} values (N = ${count} labels, n = ${n}), got ${x.length}`);
  for (let i = 0; i < count; i++) {
    if (y[i] !== 1 && y[i] !== -1) throw new Error(`y must hold labels ±1, got y[${i}] = ${y[i]}`);
  }
  const { draws: k, epochs } = settings;
  requirePositiveIntegers({ draws: k, batch: settings.batch, epochs });
  const adagrad = matchAdagradChain(settings.optimizer, 'trainRsetcFused');
  const createPasses = getSgnKernel(RsetcStep, settings.backend);
  const batchSize = Math.min(settings.batch, count);
  const columns = 16 * Math.ceil(batchSize / 16);
  // float32 arrays (and the batch's int32 indices) one after another, then the float64 row sums (8-byte aligned)
  const sizes = {
    X: count * n,
    Y: count,
    idx: columns,
    own: k * n,
    xT: n * columns,
    S: columns,
    y: columns,
    base: k,
    b: k,
    P: columns,
    T: columns,
    U: columns,
  };
  type Slot = keyof typeof sizes;
  const offsets = {} as Record<Slot, number>;
  let bytes = 0;
  for (const key of Object.keys(sizes) as Slot[]) {
    offsets[key] = bytes;
    bytes += 4 * sizes[key];
  }
  const out = 8 * Math.ceil(bytes / 8);
  const pages = Math.ceil((out + 40 * k) / WASM_PAGE);
  if (pages > WASM_MAX_PAGES)
    throw new Error(
      `the data and batch need ${pages} pages of wasm memory, more than ${WASM_MAX_PAGES}: use fewer sets or smaller batches`,
    );
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const passes = await createPasses(memory);
  if (!passes)
    throw new Error(
      'trainRsetcFused on wasm needs WebAssembly SIMD, which is not available here; use backend cpu or the tensor path (trainRlc)',
    );
  const view = (key: Slot) => new Float32Array(memory.buffer, offsets[key], sizes[key]);
  view('X').set(x);
  view('Y').set(y);
  const indices = new Int32Array(memory.buffer, offsets.idx, sizes.idx);
  const [own, base, b] = [view('own'), view('base'), view('b')];
  const rowSums = new Float64Array(memory.buffer, out, 5 * k);

  // θ = [phiW0, phiW1, phiB, psiW0, psiW1, psiB, c0, c1]
  const theta = Float64Array.of(
    initial.phiW[0],
    initial.phiW[1],
    initial.phiB,
    initial.psiW[0],
    initial.psiW[1],
    initial.psiB,
    initial.c[0],
    initial.c[1],
  );
  const sumOfSquares = new Float64Array(8).fill(adagrad.initialAccumulator);
  const grad = new Float64Array(8);
  const order = createRng(settings.seed);
  const noise = rlcNoiseStream(settings.seed);
  const shared = new Float32Array(k);
  const psiNoise = new Float32Array(k);
  const losses: number[] = [];
  const stepsPerEpoch = Math.ceil(count / batchSize);
  let steps = 0;
  let aborted = false;
  const maybeYield = createYielder();
  epochs: for (let epoch = 0; epoch < epochs; epoch++) {
    const shuffled = order.shuffle(Array.from({ length: count }, (_, i) => i));
    for (let s = 0; s < stepsPerEpoch; s++) {
      await maybeYield();
      if (settings.signal?.aborted) {
        aborted = true;
        break epochs;
      }
      const batch = shuffled.slice(s * batchSize, (s + 1) * batchSize);
      const size = batch.length;
      // the tensor path's order of draws: shared [k], ψ's own [k], the elements' [k, n]
      shared.set(noise.normalArray(k));
      psiNoise.set(noise.normalArray(k));
      own.set(noise.normalArray(k * n));
      // the batch transposed [n, columns], S_j = Σ_i x_ji and the labels; columns past the batch are padding (y = 0)
      indices.set(batch);
      passes.gather(offsets.X, offsets.Y, offsets.idx, size, n, columns, offsets.xT, offsets.S, offsets.y);
      const [phiW0, phiW1, phiB, psiW0, psiW1, psiB, c0, c1] = theta;
      for (let r = 0; r < k; r++) {
        base[r] = phiW0 * shared[r] + phiB;
        b[r] = psiW0 * shared[r] + psiW1 * psiNoise[r] + psiB;
      }
      passes.step(
        offsets.own,
        offsets.xT,
        offsets.S,
        offsets.y,
        offsets.base,
        offsets.b,
        offsets.P,
        offsets.T,
        offsets.U,
        out,
        k,
        n,
        columns,
        phiW1,
        c0,
        c1,
      );
      // row sums: Σ softplus, Σ g, Σ g S, Σ g p, Σ g aᵀx (g = dℓ/ds)
      const scale = 1 / (k * size);
      let loss = 0;
      grad.fill(0);
      for (let r = 0; r < k; r++) {
        const [rowLoss, g, gS, gP, gA] = [
          rowSums[5 * r],
          rowSums[5 * r + 1],
          rowSums[5 * r + 2],
          rowSums[5 * r + 3],
          rowSums[5 * r + 4],
        ];
        loss += rowLoss;
        grad[0] += shared[r] * gS;
        grad[1] += gP;
        grad[2] += gS;
        const gb = -c1 * g;
        grad[3] += gb * shared[r];
        grad[4] += gb * psiNoise[r];
        grad[5] += gb;
        grad[6] += gA;
        grad[7] -= b[r] * g;
      }
      for (const p of [0, 1, 2]) grad[p] *= c0;
      for (let p = 0; p < 8; p++) grad[p] *= scale;
      scaleByAdagradFloat64(grad, sumOfSquares, adagrad.eps);
      const eta = adagrad.learningRate(steps);
      for (let p = 0; p < 8; p++) theta[p] -= eta * grad[p];
      losses.push(loss * scale);
      steps++;
      requireFinite(theta, 'parameters', `after step ${steps}`);
    }
  }
  const [phiW0, phiW1, phiB, psiW0, psiW1, psiB, c0, c1] = theta;
  return { params: { phiW: [phiW0, phiW1], phiB, psiW: [psiW0, psiW1], psiB, c: [c0, c1] }, losses, steps, aborted };
}
