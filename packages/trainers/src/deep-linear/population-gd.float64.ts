import { sphericalData, unitVector, type RadialLaw } from '@sgn/data';
import { createYielder } from '@sgn/optimizers';
import { createRng, requireFinite, requirePositiveIntegers, streamSeed } from '@sgn/tensor';
import { balancedDeepLinear } from '@sgn/models';
import { deepLinearStep, endToEnd } from './deep-linear.float64.js';
import { populationIntegrator, sampleGradient, sampleLoss } from '@sgn/theory';

/** Where the gradient comes from. */
export type GradientSource =
  | { kind: 'population'; law: RadialLaw }
  | { kind: 'sample'; x: Float64Array; y: Float64Array }
  | { kind: 'sgd'; law: RadialLaw; batch: number };

/** Options of {@link runDirectional}. */
export interface DirectionalOptions {
  /** Depth N (1 = linear predictor). */
  depth: number;
  /** Hidden width (default d). */
  width?: number;
  /** Target direction v (normalized). */
  v: readonly number[];
  /** Initial end-to-end vector w_e(0). */
  w0: readonly number[];
  /** Step size η. */
  eta: number;
  /** Number of GD steps; time is t = η · step. */
  steps: number;
  /** Gradient source: exact population, a fixed sample, or fresh SGD batches. */
  source: GradientSource;
  /** Record every this many steps (default steps/200). */
  every?: number;
  /** Seeds the hidden directions of the balanced init and SGD batches. */
  seed: number;
  signal?: AbortSignal;
  /** Called at each recorded step with its numbers (a live log; the curves hold the same). */
  onRecord?: (record: { step: number; t: number; oneMinusCos: number; norm: number; loss: number }) => void;
}

/** Curves recorded by {@link runDirectional}. */
export interface DirectionalCurves {
  t: number[];
  /** log tan(θ/2), θ the angle between w_e and v. */
  logTanHalf: number[];
  /** 1 - cos θ (computed stably as 2 sin²(θ/2)). */
  oneMinusCos: number[];
  /** ‖w_e‖. */
  norm: number[];
  /** The loss (population or sample) at w_e. */
  loss: number[];
  /** Steps actually taken. */
  steps: number;
}

/**
 * Gradient descent on a balanced deep linear network (depth 1: the linear predictor) for the logistic loss with
 * labels y = sgn(vᵀx), recording the angle to v, the end-to-end norm and the loss against t = ηn. The gradient is
 * the exact population gradient (quadrature), a fixed sample's, or fresh SGD batches of the law.
 *
 * @param options - depth, v, w0, η, steps, source, seed
 * @returns the curves
 * @example
 * ```ts
 * runDirectional({ depth: 2, v: [0, 1], w0: [0.6, -0.8], eta: 1e-3, steps: 20000, seed: 0,
 *   source: { kind: 'population', law: { kind: 'sphere' } } });
 * ```
 * @see Lin, Sun & Zhang, NeurIPS 2021, Figure 1
 */
export async function runDirectional(options: DirectionalOptions): Promise<DirectionalCurves> {
  const d = options.w0.length;
  const v = unitVector(options.v, d);
  if (!(options.eta > 0)) throw new Error(`eta must be > 0, got ${options.eta}`);
  requirePositiveIntegers({ steps: options.steps });
  const net = balancedDeepLinear({
    depth: options.depth,
    width: options.width ?? d,
    w0: options.w0,
    seed: options.seed,
  });
  const rng = createRng(streamSeed(options.seed, 'batches'));
  const source = options.source;
  const integrator =
    source.kind === 'sample' ? null : source.kind === 'population' ? populationIntegrator(source.law, d) : null;
  const gradientAt = (w: Float64Array): Float64Array => {
    if (source.kind === 'population') return (integrator as ReturnType<typeof populationIntegrator>).gradient(w, v);
    if (source.kind === 'sample') return sampleGradient(w, source.x, source.y);
    const batch = sphericalData({
      law: source.law,
      d,
      n: source.batch,
      v: Array.from(v),
      seed: rng.integer(0, 2 ** 31),
    });
    return sampleGradient(w, batch.x, batch.y);
  };
  const lossAt = (w: Float64Array): number => {
    if (source.kind === 'population') return (integrator as ReturnType<typeof populationIntegrator>).loss(w, v);
    if (source.kind === 'sample') return sampleLoss(w, source.x, source.y);
    return Number.NaN;
  };
  const every = options.every ?? Math.max(1, Math.floor(options.steps / 200));
  const curves: DirectionalCurves = { t: [], logTanHalf: [], oneMinusCos: [], norm: [], loss: [], steps: 0 };
  const record = (step: number, w: Float64Array) => {
    const norm = Math.hypot(...w);
    const along = w.reduce((s, value, j) => s + value * v[j], 0);
    const across = Math.sqrt(
      Math.max(
        0,
        w.reduce((s, value, j) => s + (value - along * v[j]) ** 2, 0),
      ),
    );
    const tanHalf = across / (norm + along); // sin θ / (1 + cos θ), stable near θ = 0
    curves.t.push(step * options.eta);
    curves.logTanHalf.push(Math.log(tanHalf));
    curves.oneMinusCos.push((2 * tanHalf * tanHalf) / (1 + tanHalf * tanHalf));
    curves.norm.push(norm);
    curves.loss.push(lossAt(w));
    options.onRecord?.({
      step,
      t: step * options.eta,
      oneMinusCos: curves.oneMinusCos[curves.oneMinusCos.length - 1],
      norm,
      loss: curves.loss[curves.loss.length - 1],
    });
  };
  let w = endToEnd(net);
  record(0, w);
  // at least every 50 ms of work (a Gaussian population step costs ~2 ms): Ctrl-C is seen within a second
  const maybeYield = createYielder();
  for (let step = 1; step <= options.steps; step++) {
    if (options.signal?.aborted) break;
    deepLinearStep(net, gradientAt(w), options.eta);
    w = endToEnd(net);
    requireFinite(w, 'end-to-end weights', `after step ${step}`);
    curves.steps = step;
    if (step % every === 0 || step === options.steps) record(step, w);
    await maybeYield();
  }
  return curves;
}

/**
 * The end T of a run's first phase, where ‖w_e‖ is smallest (Theorems 1 and 5 bound the angle differently on
 * either side of it), read from recorded curves: its record index, time, norm and angle θ = 2 atan(tan(θ/2)).
 *
 * @param curves - a run's records
 * @returns the record where the norm is least
 * @see Lin, Sun & Zhang, NeurIPS 2021, Theorems 1 and 5 (T)
 */
export function firstPhaseEnd(curves: DirectionalCurves): { index: number; t: number; norm: number; theta: number } {
  let index = 0;
  for (let i = 1; i < curves.norm.length; i++) if (curves.norm[i] < curves.norm[index]) index = i;
  return {
    index,
    t: curves.t[index],
    norm: curves.norm[index],
    theta: 2 * Math.atan(Math.exp(curves.logTanHalf[index])),
  };
}
