import { createRng, normalTensor, requirePositiveIntegers, type Rng, tf, uniformTensor } from '@sgn/tensor';

/**
 * Randomized linear classifiers (RLCs): noise u -> network f_θ(u) -> (a, b) -> sgn(aᵀx + b). Training uses the
 * surrogate tanh(c1 aᵀx - c2 b) with learned scalars c1, c2 (initialized to 1), as the official code.
 * @see Cotta, Yehuda, Schuster & Maddison, NeurIPS 2023 (arXiv 2308.04412)
 */
export type RlcParams = Record<string, tf.Tensor>;

/** The invariant families and the generic RLC. */
export type RlcKind = 'set' | 'graph' | 'sphere' | 'generic';

/** Static configuration of an RLC (separate from its trainable tensors). */
export interface RlcConfig {
  kind: RlcKind;
  /** Noise dimension q (the code uses 1). */
  noise: number;
  /** Hidden width of the noise networks; 0 makes them affine (the paper's 8-parameter RSetC). */
  hidden: number;
  /** Input size: set size n, node count n, or dimension d. */
  size: number;
}

/** Inputs of each noise network: φ and ψ for set/graph/sphere; one network to (a, b) for generic. */
function networkShapes(config: RlcConfig): Record<string, [number, number]> {
  const q = config.noise;
  if (config.kind === 'set') return { phi: [2 * q, 1], psi: [2 * q, 1] };
  // graph: (u, u_ij, u_i + u_j, u_i u_j): symmetric in the two node noises by construction
  if (config.kind === 'graph') return { phi: [4 * q, 1], psi: [2 * q, 1] };
  if (config.kind === 'sphere') return { phi: [2 * q, 1], psi: [2 * q, 1] };
  return { phi: [q, config.size + 1] };
}

function initNetwork(rng: Rng, prefix: string, [inputs, outputs]: [number, number], hidden: number): RlcParams {
  const sizes = hidden > 0 ? [inputs, hidden, outputs] : [inputs, outputs];
  const params: RlcParams = {};
  for (let l = 0; l + 1 < sizes.length; l++) {
    const bound = 1 / Math.sqrt(sizes[l]);
    params[`${prefix}.w${l}`] = uniformTensor(rng, [sizes[l], sizes[l + 1]], -bound, bound);
    params[`${prefix}.b${l}`] = uniformTensor(rng, [sizes[l + 1]], -bound, bound);
  }
  return params;
}

function applyNetwork(params: RlcParams, prefix: string, input: tf.Tensor): tf.Tensor {
  let h = input;
  for (let l = 0; params[`${prefix}.w${l}`]; l++) {
    if (l > 0) h = tf.leakyRelu(h, 0.01);
    const w = params[`${prefix}.w${l}`];
    h = tf.add(
      tf.reshape(tf.matMul(tf.reshape(h, [-1, w.shape[0] as number]), w), [
        ...h.shape.slice(0, -1),
        w.shape[1] as number,
      ]),
      params[`${prefix}.b${l}`],
    );
  }
  return h;
}

/**
 * Initializes an RLC's trainable tensors (PyTorch-like uniform init; c1 = c2 = 1).
 *
 * @param config - kind, noise q, hidden width, input size
 * @param options - `seed`, which seeds the init
 * @example
 * ```ts
 * const params = initRlc({ kind: 'set', noise: 1, hidden: 0, size: 25 }, { seed: 0 }); // 8 parameters, any n
 * ```
 */
export function initRlc(config: RlcConfig, options: { seed: number }): RlcParams {
  const { seed } = options;
  requirePositiveIntegers({ noise: config.noise, size: config.size });
  if (!Number.isInteger(config.hidden) || config.hidden < 0)
    throw new Error(`hidden must be an integer >= 0, got ${config.hidden}`);
  if (!['set', 'graph', 'sphere', 'generic'].includes(config.kind)) {
    throw new Error(`kind must be set, graph, sphere or generic, got "${config.kind}"`);
  }
  const rng = createRng(seed);
  let params: RlcParams = { c: tf.ones([2]) };
  for (const [name, shape] of Object.entries(networkShapes(config)))
    params = { ...params, ...initNetwork(rng, name, shape, config.hidden) };
  return params;
}

/** Number of trainable scalars. */
export function countParameters(params: RlcParams): number {
  return Object.values(params).reduce((s, t) => s + t.size, 0);
}

/** Input features of the RLC kind: a set or a point [B, n]; a graph's upper triangle (with diagonal) [B, n(n+1)/2]. */
export function graphFeatures(adjacency: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const n = adjacency.shape[1];
    const indices: number[] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) indices.push(i * n + j);
    return tf.gather(
      tf.reshape(adjacency, [adjacency.shape[0], n * n]),
      tf.tensor1d(indices, 'int32'),
      1,
    ) as tf.Tensor2D;
  });
}

/**
 * Draws k random linear classifiers (a [k, F], b [k]) from the noise, as tensors (reparameterized: gradients flow
 * to θ). Features F: n for sets and spheres (d), n(n+1)/2 for graphs.
 */
export function sampleClassifiers(
  params: RlcParams,
  config: RlcConfig,
  k: number,
  rng: Rng,
): { a: tf.Tensor2D; b: tf.Tensor1D } {
  return tf.tidy(() => {
    const q = config.noise;
    const n = config.size;
    const shared = normalTensor(rng, [k, 1, q]);
    if (config.kind === 'generic') {
      const ab = applyNetwork(params, 'phi', tf.squeeze(shared, [1])) as tf.Tensor2D;
      return {
        a: tf.slice(ab, [0, 0], [k, n]) as tf.Tensor2D,
        b: tf.reshape(tf.slice(ab, [0, n], [k, 1]), [k]) as tf.Tensor1D,
      };
    }
    const b = tf.reshape(
      applyNetwork(params, 'psi', tf.concat([tf.squeeze(shared, [1]), normalTensor(rng, [k, q])], 1)),
      [k],
    ) as tf.Tensor1D;
    if (config.kind === 'set') {
      const own = normalTensor(rng, [k, n, q]);
      const a = applyNetwork(params, 'phi', tf.concat([tf.tile(shared, [1, n, 1]), own], 2));
      return { a: tf.reshape(a, [k, n]) as tf.Tensor2D, b };
    }
    if (config.kind === 'sphere') {
      const scale = applyNetwork(params, 'phi', tf.concat([tf.squeeze(shared, [1]), normalTensor(rng, [k, q])], 1)); // [k, 1]
      return { a: tf.mul(scale, normalTensor(rng, [k, n])) as tf.Tensor2D, b };
    }
    // graph: node noise u_i, edge noise u_ij for i <= j
    const node = normalTensor(rng, [k, n, q]);
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) pairs.push([i, j]);
    const first = tf.gather(
      node,
      tf.tensor1d(
        pairs.map((p) => p[0]),
        'int32',
      ),
      1,
    );
    const second = tf.gather(
      node,
      tf.tensor1d(
        pairs.map((p) => p[1]),
        'int32',
      ),
      1,
    );
    const edge = normalTensor(rng, [k, pairs.length, q]);
    const input = tf.concat(
      [tf.tile(shared, [1, pairs.length, 1]), edge, tf.add(first, second), tf.mul(first, second)],
      2,
    );
    return { a: tf.reshape(tf.sigmoid(applyNetwork(params, 'phi', input)), [k, pairs.length]) as tf.Tensor2D, b };
  });
}

/**
 * Where an RLC's k noise draws come from on a batch: 'shared' draws k classifiers and scores every example with
 * them (sgn's default: one [k, F] draw a step); 'per-example' draws k classifiers for each example, as the official
 * code (`x.repeat(k, 1)`, each copy its own u). Per example, the two give the same distribution of scores; they
 * differ in how the examples' scores correlate within a batch.
 */
export type RlcNoiseSharing = 'shared' | 'per-example';

/**
 * The surrogate scores c1 aᵀx - c2 b for k random classifiers on a batch: [k, B]. Its sign is one random
 * prediction per classifier; tanh of it enters the soft-margin training loss.
 *
 * @param sharing - 'shared' (default: the same k classifiers for every example) or 'per-example' (k of its own)
 */
export function rlcScores(
  params: RlcParams,
  config: RlcConfig,
  x: tf.Tensor2D,
  k: number,
  rng: Rng,
  sharing: RlcNoiseSharing = 'shared',
): tf.Tensor2D {
  return tf.tidy(() => {
    const c = params.c;
    const count = x.shape[0];
    if (sharing === 'per-example') {
      // k·B classifiers [k, B, F]: draw r of example i scores a_{r,i}ᵀx_i - b_{r,i}
      const { a, b } = sampleClassifiers(params, config, k * count, rng);
      const ax = tf.sum(tf.mul(tf.reshape(a, [k, count, x.shape[1]]), x), 2);
      return tf.sub(
        tf.mul(tf.slice(c, [0], [1]), ax),
        tf.mul(tf.slice(c, [1], [1]), tf.reshape(b, [k, count])),
      ) as tf.Tensor2D;
    }
    if (sharing !== 'shared') throw new Error(`sharing must be shared or per-example, got "${String(sharing)}"`);
    const { a, b } = sampleClassifiers(params, config, k, rng);
    return tf.sub(
      tf.mul(tf.slice(c, [0], [1]), tf.matMul(a, x, false, true)),
      tf.mul(tf.slice(c, [1], [1]), tf.reshape(b, [k, 1])),
    ) as tf.Tensor2D;
  });
}

/**
 * The vote totals of m random classifiers: Σ_j sgn(score_j) per example, in [-m, m] (a zero score votes 0). The
 * majority vote is its sign; (m + y Σ_j sgn(score_j)) / 2 of the votes are right for label y.
 *
 * @returns the totals, one per example
 */
export function voteTotals(
  params: RlcParams,
  config: RlcConfig,
  x: tf.Tensor2D,
  m: number,
  rng: Rng,
  sharing: RlcNoiseSharing = 'shared',
): Float32Array {
  requirePositiveIntegers({ m });
  return tf.tidy(() => tf.sum(tf.sign(rlcScores(params, config, x, m, rng, sharing)), 0).dataSync() as Float32Array);
}

/**
 * Majority vote over m random classifiers: sgn(Σ_j sgn(score_j)); a tie gives 0, which counts as wrong.
 *
 * @returns predictions in {-1, 0, 1}, one per example
 */
export function majorityVote(
  params: RlcParams,
  config: RlcConfig,
  x: tf.Tensor2D,
  m: number,
  rng: Rng,
  sharing: RlcNoiseSharing = 'shared',
): Float32Array {
  return voteTotals(params, config, x, m, rng, sharing).map(Math.sign);
}

/**
 * The RLC training loss of the official code (torch's SoftMarginLoss on tanh): mean log(1 + exp(-y tanh(score))),
 * averaged over every score (all noise draws and examples); y broadcasts against the scores.
 *
 * @param y - labels ±1 [B]
 * @param scores - surrogate scores, e.g. [k, B] from {@link rlcScores}, or [B] for a deterministic baseline
 * @see Cotta et al., NeurIPS 2023, training (main.py)
 */
export function softMarginLoss(y: tf.Tensor, scores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.softplus(tf.neg(tf.mul(y, tf.tanh(scores))))) as tf.Scalar);
}
