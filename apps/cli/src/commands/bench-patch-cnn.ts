import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { patchImages, type PatchImages } from '@sgn/data';
import { adam } from '@sgn/optimizers';
import { createRng, streamSeed } from '@sgn/tensor';
import { trainPatchCnn, type PatchCnnResult } from '@sgn/trainers';
import { peerAvailable, runPeer } from '@sgn/bench';
import { peakRssMB, type BenchRow } from './bench-row.js';

/** The paper's mini-batch setting the patch-CNN rows share (m 20, q 3, n 200, s 100, Adam with coupled L2). */
const SETTING = { n: 200, m: 20, q: 3, s: 100, sigma0: 0.01, eta: 5e-5, lambda: 1e-5, eps: 1e-8, seed: 3, alpha: 0.2 };

/** Peer answers: ms per step, the final training loss, the peer's own peak memory. */
interface PeerAnswer {
  msPerStep: number;
  trainLoss: number;
  peakMB: number;
  baseMB: number;
}

/** What both peers read: the data in sparse rows, the trainer's initial weights and its batch order. */
function peerSpec(train: PatchImages, d: number, batchSize: number, epochs: number) {
  const { n, m, q, sigma0, eta, lambda, eps, seed, alpha } = SETTING;
  // the trainer draws the initial weights, then one shuffle per epoch, from createRng(seed)
  const rng = createRng(seed);
  const init = Array.from(rng.normalArray(2 * m * d, 0, sigma0));
  const batches: number[][] = [];
  const perEpoch = Math.ceil(n / batchSize);
  for (let e = 0; e < epochs; e++) {
    const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
    for (let b = 0; b < perEpoch; b++) batches.push(order.slice(b * batchSize, (b + 1) * batchSize));
  }
  const rows = (array: ArrayLike<number>) =>
    Array.from({ length: n }, (_, i) => Array.from(array).slice(train.offsets[i], train.offsets[i + 1]));
  return {
    n,
    d,
    m,
    q,
    eta,
    lambda,
    eps,
    alpha,
    y: Array.from(train.y),
    signalPatch: Array.from(train.signalPatch),
    support: rows(train.support),
    values: rows(train.values),
    init,
    batches,
  };
}

/**
 * The stochastic-Adam paper's mini-batch step (m 20, q 3, Adam with coupled L2, no bias correction) at dimension d
 * and batch size B: sgn's fused sparsity-aware trainer with its dense Adam pass on the cpu backend (float64
 * JavaScript) and the wasm backend (SIMD kernel), each on one and two threads (identical losses required), against
 * the same sparse algorithm as a numba-compiled loop on one and two threads (bench/peers/patch_cnn_numba.py) and
 * PyTorch's dense einsum (bench/peers/patch_cnn_adam.py): the same data, initial weights and batch order; every
 * final training loss must agree with sgn's to 1e-6 relative before a time is reported.
 *
 * @param d - input dimension (1000 or 10000)
 * @param batchSize - B (2: the paper's small batch; 100: half the data, where the sparse gradient dominates)
 * @param steps - steps per engine (rounded to whole epochs)
 * @param peer - run the peers that are installed
 */
export async function benchPatchCnn(d: number, batchSize: number, steps: number, peer: boolean): Promise<BenchRow[]> {
  const { n, m, q, s, sigma0, eta, lambda, eps, seed, alpha } = SETTING;
  const epochs = Math.max(1, Math.round((steps * batchSize) / n));
  const train = patchImages({ n, d, s, sigmaP: 0.1, alpha, seed, balanced: true });
  const test = patchImages({ n: 10, d, s, sigmaP: 0.1, alpha, seed: streamSeed(seed, 'test-set') });
  const runs: { result: PatchCnnResult; threads: number }[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const threads of [1, 2]) {
      const result = await trainPatchCnn(train, test, {
        m,
        q,
        sigma0,
        optimizer: adam({
          learningRate: eta,
          weightDecay: lambda,
          beta1: 0.9,
          beta2: 0.999,
          eps,
          biasCorrection: false,
        }),
        batchSize,
        epochs,
        seed,
        every: epochs,
        backend,
        threads,
      });
      runs.push({ result, threads });
    }
  }
  const losses = runs.map(({ result }) => result.readouts[result.readouts.length - 1].trainLoss);
  if (losses.some((loss) => loss !== losses[0]))
    throw new Error(`patch CNN: the Adam passes disagree (losses ${losses.join(', ')}); no time reported`);
  const ours = losses[0];
  const workload = `patch CNN Adam, d ${d}, B ${batchSize}, ${runs[0].result.steps} steps`;
  const rows: BenchRow[] = runs.map(({ result, threads }) => ({
    workload,
    engine: `sgn ${result.backend} ${result.kernel} ${threads}t`,
    msPerStep: 1000 / result.stepsPerSecond,
    trainLoss: ours,
    peakMB: peakRssMB(),
  }));
  if (!peer) return rows;
  const spec = peerSpec(train, d, batchSize, epochs);
  const agree = (name: string, answer: PeerAnswer) => {
    if (Math.abs(answer.trainLoss - ours) > 1e-6 * Math.abs(ours))
      throw new Error(`patch CNN: sgn loss ${ours} and ${name} loss ${answer.trainLoss} disagree; no time reported`);
    return {
      workload,
      msPerStep: answer.msPerStep,
      trainLoss: answer.trainLoss,
      peakMB: answer.peakMB,
      baseMB: answer.baseMB,
    };
  };
  if (peerAvailable('numba').ok) {
    for (const threads of [1, 2])
      rows.push({
        ...agree('numba', runPeer<PeerAnswer>('patch_cnn_numba.py', { ...spec, threads })),
        engine: `numba ${threads}t`,
      });
  }
  if (peerAvailable('torch').ok)
    rows.push({ ...agree('PyTorch', runPeer<PeerAnswer>('patch_cnn_adam.py', spec)), engine: 'PyTorch (all threads)' });
  return rows;
}
