import type { PatchImages } from '@sgn/data';
import { createYielder, type GradientTransformation } from '@sgn/optimizers';
import {
  AdamPass,
  createRng,
  defaultThreads,
  DivergedError,
  FLUSH_EVERY,
  getSgnKernel,
  requireFinite,
} from '@sgn/tensor';
import { matchAdamChain } from '../adam-chain.js';

/** Settings of {@link trainPatchCnn}. */
export interface PatchCnnSettings {
  /** Filters per class m. */
  m: number;
  /** Polynomial ReLU power q >= 2 (σ(z) = max(z, 0)^q). */
  q: number;
  /** Initialization standard deviation σ_0. */
  sigma0: number;
  /**
   * The optimizer, from @sgn/optimizers: `adam({ learningRate: η, weightDecay: λ, biasCorrection: false })`
   * (coupled L2: g + λw before the moments) or `adamw({ ... })` (decoupled: w ← (1 - ηλ)w - η·step), or any
   * chain(addL2Gradient?, scaleByAdam, addDecayedWeights?, scaleByLearningRate). Pass `biasCorrection: false` for
   * the paper's theory (the aliases default to torch's true).
   */
  optimizer: GradientTransformation<unknown>;
  batchSize: number;
  epochs: number;
  seed: number;
  /**
   * Threads for the dense Adam pass: 1, or 2 under Node (a worker thread takes half the coordinates; same numbers).
   * Default: `defaultThreads()` (SGN_THREADS, else the usable cores, at most 2) when 2 m d >= 100000, else 1 (a
   * smaller pass gains nothing from a second thread: measured in bench/README.md).
   */
  threads?: number;
  /**
   * The backend whose `AdamPass` kernel runs the dense Adam pass (default: the active one, `useBackend`): 'wasm'
   * runs the WebAssembly SIMD kernel, 'cpu' the float64 JavaScript loop. The numbers are the same to the last bit;
   * only the speed differs.
   */
  backend?: string;
  /** Read-outs every this many epochs (and at the end). */
  every?: number;
  signal?: AbortSignal;
  onEpoch?: (readout: PatchCnnReadout) => void;
}

/** Errors and the two mechanism read-outs at one epoch. */
export interface PatchCnnReadout {
  epoch: number;
  trainError: number;
  testError: number;
  /** max_r ⟨w_{+1,r}, v⟩ and max_r ⟨w_{-1,r}, -v⟩ (v = e1): positive when the true feature is learned. */
  featurePositive: number;
  featureNegative: number;
  /** min_i and max_i of max_r ⟨w_{y_i,r}, ξ_i⟩ over training examples (ξ_i with its feature noise). */
  noiseMin: number;
  noiseMax: number;
  trainLoss: number;
}

/** A trained network: weights [2, m, d] (class +1 first) as a flat float64 array. */
export interface PatchCnnResult {
  weights: Float64Array;
  readouts: PatchCnnReadout[];
  steps: number;
  complete: boolean;
  /** Optimizer steps per second over the run. */
  stepsPerSecond: number;
  /** What ran the dense Adam pass: the wasm SIMD kernel or the float64 JavaScript loop. */
  kernel: 'wasm' | 'js';
  /** The backend whose kernel ran it. */
  backend: string;
}

/** Adam passes over at least this many coordinates split over two threads by default. */
export const PATCH_CNN_SPLIT_SIZE = 100_000;

const pow = (z: number, q: number) => (z > 0 ? z ** q : 0);

/**
 * Full-precision, sparsity-aware training of the stochastic-Adam paper's two-layer CNN
 * F_j(W, x) = Σ_r σ(⟨w_{j,r}, x_1⟩) + σ(⟨w_{j,r}, x_2⟩), σ(z) = max(z, 0)^q, no 1/m, fixed second layer, on the
 * logistic loss of y (F_{+1} - F_{-1}), with Adam (coupled L2) or AdamW (decoupled), batches drawn without
 * replacement every epoch. An example touches 1 + s coordinates of each filter, so forward and gradient cost
 * O(B m s); the Adam update still visits all 2 m d coordinates (the weight decay and the moments of every
 * coordinate change every step), which dominates at large d.
 *
 * Gradient (Lemma A.5): ∇_{w_{j,r}} L_i = -ℓ_{j,i} [σ'(⟨w_{j,r}, y_i v⟩) y_i v + σ'(⟨w_{j,r}, ξ_i⟩) ξ_i] with
 * ℓ_{j,i} = 1[y_i = j] - softmax_j(F).
 *
 * @param train - training examples
 * @param test - test examples (errors and read-outs only)
 * @param settings - network, optimizer and schedule
 * @returns weights, read-outs and speed
 * @see Tang, Zhang, Cao & Zou, arXiv 2510.11354, Definition 3.2, (3.1)–(3.6)
 */
export async function trainPatchCnn(
  train: PatchImages,
  test: PatchImages,
  settings: PatchCnnSettings,
): Promise<PatchCnnResult> {
  const { m, q, batchSize, epochs } = settings;
  const { beta1, beta2, eps, biasCorrection, coupled, decoupled, learningRate } = matchAdamChain(
    settings.optimizer,
    'trainPatchCnn',
  );
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > train.n) {
    throw new Error(`batchSize must be an integer in [1, ${train.n}] (the number of examples), got ${batchSize}`);
  }
  const d = train.d;
  const size = 2 * m * d;
  const rng = createRng(settings.seed);
  const F = 2 * m;
  // the examples as sparse rows of the weights: the backend's kernel gathers an example's noise activations and
  // scatters its noise gradient (set 0 the training examples, set 1 the test examples)
  const TRAIN = 0;
  const TEST = 1;
  const pass = await getSgnKernel(
    AdamPass,
    settings.backend,
  )({
    size,
    threads: settings.threads ?? (size >= PATCH_CNN_SPLIT_SIZE ? defaultThreads() : 1),
    rows: { width: F, sets: [train, test] },
  });
  const { weights, grad, rows } = pass;
  if (!rows) {
    pass.close();
    throw new Error(`the AdamPass kernel of backend "${pass.backend}" has no sparse rows (trainPatchCnn needs them)`);
  }
  // the pass holds the weights coordinate-major, [d, 2m]: the 2m filters' weights on one input coordinate side by
  // side (one row of the sparse rows), so an example's 1 + s coordinates touch 1 + s runs of 2m values (5 cache
  // lines at m 20) instead of 2m scattered values each; drawn (and returned) in the [2, m, d] order of the paper
  const initial = rng.normalArray(size, 0, settings.sigma0);
  for (let filter = 0; filter < F; filter++)
    for (let c = 0; c < d; c++) weights[c * F + filter] = initial[filter * d + c];
  const every = settings.every ?? Math.max(1, Math.floor(epochs / 50));
  const readouts: PatchCnnReadout[] = [];
  const start = performance.now();
  let steps = 0;

  // pre-activations of every filter on example i's two patches: signal[(j m + r)], noise[(j m + r)] (the noise
  // activations are the gather's accumulator)
  const signalActivation = new Float64Array(2 * m);
  const noiseActivation = rows.out;
  // the filters with a nonzero noise slope on the current example, and their gradient scales (the scatter's input)
  const activeFilters = rows.filters;
  const activeScales = rows.scales;
  const activate = (data: PatchImages, set: number, i: number): void => {
    const y = data.y[i];
    const alpha = data.alpha;
    // each filter's sum runs over k in the same order as a row-major loop would: the same numbers
    for (let filter = 0; filter < F; filter++) {
      noiseActivation[filter] = -alpha * y * weights[filter];
      signalActivation[filter] = y * weights[filter];
    }
    rows.gather(set, i);
  };
  // y (F_+ - F_-) from the activations just computed
  const margin = (data: PatchImages, i: number): number => {
    let f = 0;
    for (let filter = 0; filter < 2 * m; filter++) {
      const value = pow(signalActivation[filter], q) + pow(noiseActivation[filter], q);
      f += filter < m ? value : -value;
    }
    return data.y[i] * f;
  };
  const readout = (epoch: number): PatchCnnReadout => {
    let trainErrors = 0;
    let loss = 0;
    let noiseMin = Number.POSITIVE_INFINITY;
    let noiseMax = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < train.n; i++) {
      activate(train, TRAIN, i);
      const value = margin(train, i);
      if (value <= 0) trainErrors++;
      loss += value > 0 ? Math.log1p(Math.exp(-value)) : -value + Math.log1p(Math.exp(value));
      const j = train.y[i] > 0 ? 0 : 1;
      let best = Number.NEGATIVE_INFINITY;
      for (let r = 0; r < m; r++) best = Math.max(best, noiseActivation[j * m + r]);
      noiseMin = Math.min(noiseMin, best);
      noiseMax = Math.max(noiseMax, best);
    }
    let testErrors = 0;
    for (let i = 0; i < test.n; i++) {
      activate(test, TEST, i);
      if (margin(test, i) <= 0) testErrors++;
    }
    let featurePositive = Number.NEGATIVE_INFINITY;
    let featureNegative = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < m; r++) {
      featurePositive = Math.max(featurePositive, weights[r]);
      featureNegative = Math.max(featureNegative, -weights[m + r]);
    }
    return {
      epoch,
      trainError: trainErrors / train.n,
      testError: testErrors / test.n,
      featurePositive,
      featureNegative,
      noiseMin,
      noiseMax,
      trainLoss: loss / train.n,
    };
  };

  let complete = true;
  try {
    readouts.push(readout(0));
    settings.onEpoch?.(readouts[0]);
    const stepsPerEpoch = Math.ceil(train.n / batchSize);
    // Ctrl-C (the abort signal) is seen within 50 ms of work, however long an epoch or the read-out interval is
    const maybeYield = createYielder();
    epochs: for (let epoch = 1; epoch <= epochs; epoch++) {
      const order = rng.shuffle(Array.from({ length: train.n }, (_, i) => i));
      for (let b = 0; b < stepsPerEpoch; b++) {
        await maybeYield();
        if (settings.signal?.aborted) {
          complete = false;
          break epochs;
        }
        const batch = order.slice(b * batchSize, (b + 1) * batchSize);
        for (const i of batch) {
          const y = train.y[i];
          // dℓ/dF_j = -y j σ(-y(F_+ - F_-)) with j = +1, -1
          activate(train, TRAIN, i);
          const logistic = 1 / (1 + Math.exp(margin(train, i)));
          let active = 0;
          for (let j = 0; j < 2; j++) {
            const outer = (-y * (j === 0 ? 1 : -1) * logistic) / batch.length;
            for (let r = 0; r < m; r++) {
              const filter = j * m + r;
              const signal = signalActivation[filter];
              const noise = noiseActivation[filter];
              const signalSlope = signal > 0 ? q * signal ** (q - 1) : 0;
              const noiseSlope = noise > 0 ? q * noise ** (q - 1) : 0;
              // coordinate 0 (the feature direction) of filter j, r sits at index `filter`
              grad[filter] += outer * (signalSlope * y - noiseSlope * train.alpha * y);
              if (noiseSlope !== 0) {
                activeFilters[active] = filter;
                activeScales[active++] = outer * noiseSlope;
              }
            }
          }
          // each (filter, coordinate) gets one term per example, in batch order, as a row-major loop adds them
          rows.scatter(TRAIN, i, active);
        }
        const eta = learningRate(steps);
        steps++;
        const correction1 = biasCorrection ? 1 - beta1 ** steps : 1;
        const correction2 = biasCorrection ? 1 - beta2 ** steps : 1;
        pass.step({ beta1, beta2, eps, eta, coupled, decoupled, correction1, correction2 }, steps % FLUSH_EVERY === 0);
      }
      if (epoch % every === 0 || epoch === epochs) {
        // σ(NaN) reads as 0 (NaN > 0 is false), so a diverged weight leaves the loss finite: test the weights
        requireFinite(weights, 'weights', `at epoch ${epoch}`);
        const current = readout(epoch);
        if (!Number.isFinite(current.trainLoss))
          throw new DivergedError(`the training loss is ${current.trainLoss} at epoch ${epoch}`);
        readouts.push(current);
        settings.onEpoch?.(current);
      }
    }
  } finally {
    pass.close();
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    weights: Float64Array.from({ length: size }, (_, index) => weights[(index % d) * F + Math.floor(index / d)]),
    readouts,
    steps,
    complete,
    stepsPerSecond: steps / Math.max(seconds, 1e-9),
    kernel: pass.kernel,
    backend: pass.backend,
  };
}
