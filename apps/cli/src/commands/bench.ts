import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { peakPlateau, setSignTask } from '@sgn/data';
import {
  balancedDeepLinear,
  initRlc,
  initUnivariateRelu,
  rlcScores,
  softMarginLoss,
  type RlcConfig,
} from '@sgn/models';
import { adagrad, train } from '@sgn/optimizers';
import { createRng, tf, useBackend } from '@sgn/tensor';
import {
  rsetcParams,
  runDirectional,
  toFeatures,
  rlcNoiseStream,
  trainRsetcFused,
  trainUnivariateLp,
  type LpEngine,
} from '@sgn/trainers';
import { peerAvailable, runPeer } from '@sgn/bench';
import type { BenchWorkload } from './bench-workloads.js';
import { benchPatchCnn } from './bench-patch-cnn.js';
import { peakRssMB, type BenchRow } from './bench-row.js';

export type { BenchRow } from './bench-row.js';

/** PyTorch runs with its default thread count (all cores); sgn's engines use one thread. */
const PEER_THREADS = '(all threads)';

/** The workloads `sgn bench` runs, each in a process of its own so that its peak memory is its own. */

/**
 * Runs one workload in this process (sgn engines, then the installed peers when `peer`), with the peak memory of the
 * sgn part recorded on its rows before any peer input is built.
 */
export async function runBenchWorkload(workload: BenchWorkload, steps: number, peer: boolean): Promise<BenchRow[]> {
  const baseMB = peakRssMB();
  const mark = (rows: BenchRow[]) =>
    rows.map((row) => (row.engine.startsWith('PyTorch') ? row : { ...row, baseMB, peakMB: row.peakMB ?? peakRssMB() }));
  if (workload.startsWith('patch-cnn')) {
    const [, , d, batch] = workload.split('-');
    return mark(await benchPatchCnn(Number(d), batch ? Number(batch.slice(1)) : 2, steps, peer));
  }
  const peers = { torch: peer && peerAvailable('torch').ok, numba: peer && peerAvailable('numba').ok };
  if (workload === 'lp') {
    const rows = mark(await benchLp(steps));
    return [...rows, ...benchLpPeer(steps, rows[0], peers)];
  }
  if (workload === 'deep-linear') return mark(await benchDeepLinear(steps, peers));
  return mark(await benchRsetc(['cpu', 'wasm'], 25, peers));
}

/**
 * Times Algorithm 1 on peak/plateau (width 80, p 0.4, λ 0.003) on the fused float64 engine and on the tensor path
 * (cpu and wasm backends), in one process, each after an untimed 500-step warm-up, after checking that the engines end with the same read-out (same
 * active neurons, interpolation errors within 1e-2: float32 and float64 Adam trajectories drift apart slowly).
 * {@link benchLpPeer} adds PyTorch and numba.
 *
 * @param steps - Adam steps per engine
 */
export async function benchLp(steps: number): Promise<BenchRow[]> {
  const settings = { method: 'lp' as const, p: 0.4, width: 80, lambda: 0.003, steps, seed: 20, every: steps };
  const rows: BenchRow[] = [];
  const runs: [string, LpEngine, string][] = [
    ['fused float64 cpu', 'fused', 'cpu'],
    ['fused float64 wasm', 'fused', 'wasm'],
    ['tensor cpu', 'tensor', 'cpu'],
    ['tensor wasm', 'tensor', 'wasm'],
  ];
  for (const [engine, kind, backend] of runs) {
    await useBackend(backend);
    // like the peers (numba compiles before its clock starts), each engine warms up on an untimed short run first
    await trainUnivariateLp(peakPlateau(), { ...settings, steps: Math.min(steps, 500), every: steps, engine: kind });
    const start = performance.now();
    const run = await trainUnivariateLp(peakPlateau(), { ...settings, engine: kind });
    rows.push({
      workload: `lp Algorithm 1, width 80, ${steps} steps`,
      engine,
      msPerStep: (performance.now() - start) / steps,
      activeNeurons: run.activeNeurons,
      interpolationError: run.interpolationError,
      mse: curveMse(run.curve, peakPlateau()),
    });
  }
  const reference = rows[0];
  for (const row of rows) {
    if (
      row.activeNeurons !== reference.activeNeurons ||
      Math.abs((row.interpolationError as number) - (reference.interpolationError as number)) > 1e-2
    ) {
      throw new Error(
        `engines disagree (${row.engine}: ${row.activeNeurons} neurons, error ${row.interpolationError}; fused: ${reference.activeNeurons}, ${reference.interpolationError}); no time reported`,
      );
    }
  }
  return rows;
}

/** Which peers are installed (and asked for). */
export interface BenchPeers {
  torch: boolean;
  numba: boolean;
}

/**
 * The lp workload against PyTorch (bench/peers/lp_algorithm1.py, float64, default threads) and the same Algorithm 1
 * as one numba-compiled float64 loop (bench/peers/lp_algorithm1_numba.py, one thread): same data, same initial
 * weights; each peer's final MSE must agree with the fused engine's within 1e-4 (absolute), and its active neurons
 * exactly, before times are reported.
 */
export function benchLpPeer(steps: number, fused: BenchRow, peers: BenchPeers): BenchRow[] {
  const settings = { p: 0.4, width: 80, lambda: 0.003, learningRate: 0.01, warmup: 5, seed: 20 };
  const initial = initUnivariateRelu({ width: settings.width, seed: settings.seed });
  const init = Object.fromEntries(Object.entries(initial).map(([k, t]) => [k, Array.from(t.dataSync())]));
  tf.dispose(Object.values(initial));
  const data = peakPlateau();
  const scripts: [string, string][] = [
    ...(peers.numba ? ([['lp_algorithm1_numba.py', 'numba 1t']] as [string, string][]) : []),
    ...(peers.torch ? ([['lp_algorithm1.py', `PyTorch ${PEER_THREADS}`]] as [string, string][]) : []),
  ];
  return scripts.map(([script, engine]) => {
    const peer = runPeer<{ msPerStep: number; mse: number; activeNeurons: number; peakMB: number; baseMB: number }>(
      script,
      { ...settings, steps, init, x: data.x, y: data.y },
    );
    if (Math.abs(peer.mse - (fused.mse as number)) > 1e-4 || peer.activeNeurons !== fused.activeNeurons) {
      throw new Error(
        `lp: sgn (MSE ${fused.mse}, ${fused.activeNeurons} neurons) and ${engine} (MSE ${peer.mse}, ${peer.activeNeurons}) disagree; no time reported`,
      );
    }
    return {
      workload: `lp Algorithm 1, width 80, ${steps} steps`,
      engine,
      msPerStep: peer.msPerStep,
      mse: peer.mse,
      activeNeurons: peer.activeNeurons,
      peakMB: peer.peakMB,
      baseMB: peer.baseMB,
    };
  });
}

/** The mean squared error at the data points of a run's curve. */
export function curveMse(
  curve: { x: number[]; y: number[] },
  data: { x: readonly number[]; y: readonly number[] },
): number {
  return data.x.reduce((s, xi, i) => s + (curve.y[curve.x.indexOf(xi)] - data.y[i]) ** 2, 0) / data.x.length;
}

/**
 * Depth-4 balanced linear network, population GD on the circle (η 1e-3, Figure 1's start): sgn's float64 dynamics
 * with quadrature gradients against PyTorch autograd on the same quadrature of the population loss
 * (bench/peers/deep_linear_circle.py) and the same gradient written out as a numba loop (deep_linear_numba.py);
 * each final log tan(θ/2) must agree with sgn's to 1e-6. sgn's loop is timed after an untimed warm-up run (the
 * numba loop after its compilation).
 */
export async function benchDeepLinear(steps: number, peers: BenchPeers): Promise<BenchRow[]> {
  const settings = { depth: 4, width: 2, v: [0, 1], w0: [0.6, -0.8], eta: 1e-3, steps, seed: 0 };
  const source = { kind: 'population', law: { kind: 'sphere' } } as const;
  // like the peers (numba compiles before its clock starts), the JIT warms up on an untimed run first
  await runDirectional({ ...settings, steps: Math.min(steps, 2000), every: steps, source });
  const start = performance.now();
  const curves = await runDirectional({ ...settings, every: steps, source });
  const workload = `depth-4 linear, circle, ${steps} GD steps`;
  const logTanHalf = curves.logTanHalf[curves.logTanHalf.length - 1];
  const rows: BenchRow[] = [
    {
      workload,
      engine: 'sgn float64',
      msPerStep: (performance.now() - start) / steps,
      logTanHalf,
      peakMB: peakRssMB(),
    },
  ];
  const net = balancedDeepLinear({ depth: 4, width: 2, w0: settings.w0, seed: 0 });
  const layers = net.layers.map((layer, j) => [Array.from(layer), net.widths[j + 1], net.widths[j]]);
  const scripts: [string, string][] = [
    ...(peers.numba ? ([['deep_linear_numba.py', 'numba 1t']] as [string, string][]) : []),
    ...(peers.torch ? ([['deep_linear_circle.py', `PyTorch ${PEER_THREADS}`]] as [string, string][]) : []),
  ];
  for (const [script, engine] of scripts) {
    const answer = runPeer<{ msPerStep: number; logTanHalf: number; peakMB: number; baseMB: number }>(script, {
      layers,
      eta: settings.eta,
      steps,
      nodes: 48,
    });
    if (Math.abs(answer.logTanHalf - logTanHalf) > 1e-6) {
      throw new Error(
        `deep linear: sgn log tan(θ/2) ${logTanHalf} and ${engine} ${answer.logTanHalf} disagree; no time reported`,
      );
    }
    rows.push({
      workload,
      engine,
      msPerStep: answer.msPerStep,
      logTanHalf: answer.logTanHalf,
      peakMB: answer.peakMB,
      baseMB: answer.baseMB,
    });
  }
  return rows;
}

/**
 * RSetC training on the sign task (n 25, 1000 sets, batches of 250, k = 100 noise draws, Adagrad lr 0.5) in the
 * fused RsetcStep kernel of the wasm backend (SIMD) and of the cpu backend (float64), `trainRsetcFused`, and op by op on each tensor backend (their last losses must agree
 * with the kernel's to 1e-4), against PyTorch (bench/peers/rsetc_epoch.py, float32) with the same data, initial
 * parameters, noise draws and batch order; the last step's loss must agree to 1e-4.
 */
export async function benchRsetc(backends: readonly string[], epochs: number, peers: BenchPeers): Promise<BenchRow[]> {
  const config: RlcConfig = { kind: 'set', noise: 1, hidden: 0, size: 25 };
  const [k, seed, batchSize] = [100, 0, 250];
  const set = setSignTask({ n: 25, count: 1000, seed: 1 });
  const [features, labels] = [Array.from(set.x), Array.from(set.y)];
  await useBackend(backends[0]);
  const first = initRlc(config, { seed: seed });
  const init = Object.fromEntries(
    Object.entries(first).map(([name, t]) => [name, [Array.from(t.dataSync()), t.shape]]),
  );
  const initial = rsetcParams(first);
  tf.dispose(Object.values(first));
  const runFused = (count: number, backend: 'cpu' | 'wasm') =>
    trainRsetcFused(features, labels, 25, initial, {
      draws: k,
      batch: batchSize,
      epochs: count,
      optimizer: adagrad({ learningRate: 0.5 }),
      seed,
      backend,
    });
  // a few steps are short next to JIT and wasm tier-up: every engine (and the peer) first runs 5 untimed epochs
  const warmupEpochs = 5;
  const workload = `RSetC sign n 25, k 100, ${epochs} epochs`;
  const rows: BenchRow[] = [];
  let fusedLoss = Number.NaN;
  // the RsetcStep kernel of each backend: wasm (float32 SIMD) first, its loss the one every other engine must match
  for (const backend of ['wasm', 'cpu'] as const) {
    await runFused(warmupEpochs, backend);
    const start = performance.now();
    const fused = await runFused(epochs, backend);
    const msPerStep = (performance.now() - start) / fused.steps;
    const loss = fused.losses[fused.losses.length - 1];
    if (backend === 'wasm') fusedLoss = loss;
    else if (Math.abs(loss - fusedLoss) > 1e-4)
      throw new Error(
        `RSetC: the cpu kernel (loss ${loss}) and the wasm kernel (${fusedLoss}) disagree; no time reported`,
      );
    const engine = backend === 'wasm' ? 'sgn fused wasm simd' : 'sgn fused cpu f64';
    rows.push({ workload, engine, msPerStep, trainLoss: loss, peakMB: peakRssMB() });
  }
  for (const backend of backends) {
    await useBackend(backend);
    const { x, y } = toFeatures(set, 'set');
    const runTensor = async (count: number) => {
      const noise = rlcNoiseStream(seed);
      const params = initRlc(config, { seed: seed });
      const result = await train({
        params,
        data: { x, y },
        loss: (p, batch) => softMarginLoss(batch.y, rlcScores(p, config, batch.x as tf.Tensor2D, k, noise)),
        optimizer: adagrad({ learningRate: 0.5 }),
        batchSize,
        epochs: count,
        seed,
        every: 1,
      });
      tf.dispose([...Object.values(params), ...Object.values(result.params)]);
      tf.dispose(result.state as tf.TensorContainer);
      return { steps: result.steps, loss: result.history[result.history.length - 1].loss };
    };
    await runTensor(warmupEpochs);
    const start = performance.now();
    const result = await runTensor(epochs);
    const msPerStep = (performance.now() - start) / result.steps;
    tf.dispose([x, y]);
    if (Math.abs(fusedLoss - result.loss) > 1e-4)
      throw new Error(
        `RSetC: the fused kernel (loss ${fusedLoss}) and the tensor path on ${backend} (${result.loss}) disagree; no time reported`,
      );
    rows.push({ workload, engine: `sgn tensor ${backend}`, msPerStep, trainLoss: result.loss, peakMB: peakRssMB() });
  }
  if (!peers.numba && !peers.torch) return rows;
  // the same streams: noise per step (shared, ψ, own, as rlcScores draws them) and one shuffle per epoch
  const noise = rlcNoiseStream(seed);
  const order = createRng(seed);
  const steps: { shared: number[]; psi: number[]; own: number[]; batch: number[] }[] = [];
  for (let e = 0; e < epochs; e++) {
    const shuffled = order.shuffle(Array.from({ length: labels.length }, (_, i) => i));
    for (let b = 0; b < labels.length / batchSize; b++) {
      const draw = (size: number) => Array.from(Float32Array.from(noise.normalArray(size)));
      steps.push({
        shared: draw(k),
        psi: draw(k),
        own: draw(k * 25),
        batch: shuffled.slice(b * batchSize, (b + 1) * batchSize),
      });
    }
  }
  const spec = {
    k,
    n: 25,
    q: 1,
    x: features,
    y: labels,
    init,
    learningRate: 0.5,
    steps,
    warmup: (warmupEpochs * steps.length) / epochs,
  };
  const scripts: [string, string][] = [
    ...(peers.numba ? ([['rsetc_numba.py', 'numba 1t']] as [string, string][]) : []),
    ...(peers.torch ? ([['rsetc_epoch.py', `PyTorch ${PEER_THREADS}`]] as [string, string][]) : []),
  ];
  for (const [script, engine] of scripts) {
    const answer = runPeer<{ msPerStep: number; lastLoss: number; peakMB: number; baseMB: number }>(script, spec);
    if (Math.abs(answer.lastLoss - fusedLoss) > 1e-4) {
      throw new Error(`RSetC: sgn loss ${fusedLoss} and ${engine} loss ${answer.lastLoss} disagree; no time reported`);
    }
    rows.push({
      workload,
      engine,
      msPerStep: answer.msPerStep,
      trainLoss: answer.lastLoss,
      peakMB: answer.peakMB,
      baseMB: answer.baseMB,
    });
  }
  return rows;
}

/**
 * The table: each row's time relative to the PyTorch row of its workload (or the fastest row), to the numba row with
 * the same thread count where there is one (rows without a thread count are one-thread engines), and, for rows timed under load, to the same engine's quiet time.
 */
export function formatBench(rows: readonly BenchRow[]): string {
  const ratio = (a: number, b: number | undefined) => (b === undefined ? '' : `${(a / b).toFixed(2)}x`);
  const loaded = rows.some((r) => r.quietMsPerStep !== undefined);
  const lines = [
    `${'workload'.padEnd(46)} ${'engine'.padEnd(22)} ${'ms/step'.padStart(8)}  ${'vs torch'.padStart(8)}  ${'vs numba'.padStart(8)}${loaded ? `  ${'vs quiet'.padStart(8)}` : ''}   peak MB (+ over idle)`,
  ];
  for (const row of rows) {
    const same = rows.filter((r) => r.workload === row.workload && r.underLoad === row.underLoad);
    const torch =
      same.find((r) => r.engine.startsWith('PyTorch')) ?? same.reduce((a, b) => (b.msPerStep < a.msPerStep ? b : a));
    // an engine without a thread count runs on one thread: it compares with the one-thread numba loop
    const threads = /(\d)t$/.exec(row.engine)?.[1] ?? '1';
    const numba = threads ? same.find((r) => r.engine === `numba ${threads}t`) : undefined;
    const memory =
      row.peakMB === undefined
        ? ''
        : `${row.peakMB.toFixed(0).padStart(7)} (+${(row.peakMB - (row.baseMB ?? 0)).toFixed(0)})`;
    const workload = `${row.workload}${row.underLoad ? ', loaded' : ''}`;
    lines.push(
      `${workload.padEnd(46)} ${row.engine.padEnd(22)} ${row.msPerStep.toFixed(4).padStart(8)}  ${ratio(row.msPerStep, torch.msPerStep).padStart(8)}  ${(numba ? ratio(row.msPerStep, numba.msPerStep) : '').padStart(8)}${loaded ? `  ${ratio(row.msPerStep, row.quietMsPerStep).padStart(8)}` : ''}   ${memory}`,
    );
  }
  return lines.join('\n');
}

export { peerAvailable };

/**
 * Runs one workload in a fresh `sgn bench --only` process (so that the peak memory on its rows is its own) and
 * returns its rows.
 */
export function runBenchChild(workload: BenchWorkload, steps: number, peer: boolean): BenchRow[] {
  const bin = fileURLToPath(new URL('../bin.js', import.meta.url));
  const args = [bin, 'bench', '--only', workload, '--steps', String(steps), ...(peer ? [] : ['--no-peer'])];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (child.status !== 0)
    throw new Error(`bench ${workload} failed: ${child.stderr.trim().split('\n').pop() ?? `exit ${child.status}`}`);
  return JSON.parse(child.stdout) as BenchRow[];
}

/**
 * Runs `timed` while a competing busy process (a Node loop that never yields) holds one core, the situation of a
 * sweep running several runs at once, and returns its rows marked as under load, each beside the same engine's
 * quiet time.
 *
 * @param timed - runs the workload (in its own process) and returns its rows
 * @param quiet - the same workload's rows on the quiet machine
 */
export async function runUnderLoad(timed: () => BenchRow[], quiet: readonly BenchRow[]): Promise<BenchRow[]> {
  const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  try {
    // let the competitor reach its loop before the clock starts
    await new Promise((resolve) => setTimeout(resolve, 300));
    return timed().map((row) => ({
      ...row,
      underLoad: true,
      quietMsPerStep: quiet.find((q) => q.workload === row.workload && q.engine === row.engine)?.msPerStep,
    }));
  } finally {
    busy.kill('SIGKILL');
  }
}
