import { createRng, requirePositiveIntegers, tf } from '@sgn/tensor';
import { applyUpdates, collectTensors, disposeReplaced } from './tree.js';
import { flattenTransform } from './chain.js';
import { globalNorm } from './clip-by-global-norm.js';
import type { GradientTransformation, Params, Schedule } from './types.js';
import { createYielder, yieldToEventLoop } from './yield-to-event-loop.js';

/** Training data: tensors that share their first dimension n (e.g. `{ x: [n, d], y: [n] }`). */
export type Dataset = Record<string, tf.Tensor>;

/** What {@link train} reports every `every` steps and returns in its history. */
export interface TrainMetrics {
  /** Steps taken so far (1 after the first update). */
  step: number;
  /** Epochs begun so far: the epoch the last step belonged to, counted from 1. */
  epoch: number;
  /** The loss of the last step's batch, before its update. */
  loss: number;
  /** The global L2 norm of the last step's gradient (before any transformation). */
  gradientNorm: number;
  /** The learning rate of the last step's update (the chain's `scaleByLearningRate` at that step), or null. */
  learningRate: number | null;
}

/** Options of {@link train}. */
export interface TrainOptions<P extends Params> {
  /** Initial parameters; not disposed by `train` (the caller owns them). */
  params: P;
  /** The loss of a batch: a scalar tensor, differentiable in the params. */
  loss: (params: P, batch: Dataset) => tf.Scalar;
  /** The training set. */
  data: Dataset;
  /** The gradient transformation to apply (e.g. `adam(...)`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any transformation, whatever its state type (an existential: unknown would reject them by variance)
  optimizer: GradientTransformation<any>;
  /** Examples per step, or 'full' for full-batch gradient descent. A last partial batch is kept (as torch's default). */
  batchSize: number | 'full';
  /** How many passes over the data; give this or `steps`. */
  epochs?: number;
  /** How many updates; give this or `epochs`. */
  steps?: number;
  /** Seeds the order of examples (reshuffled every epoch). */
  seed: number;
  /** Stops cleanly before the next step once aborted; the result says so. */
  signal?: AbortSignal;
  /** Report metrics (and check parameters are finite) every this many steps (default: once per epoch). */
  every?: number;
  /**
   * Applied to the parameters after each update, inside the step's tidy: a proximal step or a projection. Gets the
   * updated parameters and the number of steps taken (1 after the first); returns the parameters to keep.
   */
  project?: (params: P, step: number) => P;
  /**
   * Called with each report and the current parameters (do not dispose them). When it returns a promise, training
   * waits for it (an evaluation that reads results asynchronously, so that the event loop, and an abort, can run).
   */
  onMetrics?: (metrics: TrainMetrics, params: P) => void | Promise<void>;
}

/** What {@link train} returns. */
export interface TrainResult<P extends Params> {
  /** The final parameters, owned by the caller. */
  params: P;
  /** The final optimizer state, owned by the caller. */
  state: unknown;
  /** Steps taken. */
  steps: number;
  /** Every report made. */
  history: TrainMetrics[];
  /** True when the signal stopped training early. */
  aborted: boolean;
}

/** Training stopped on a non-finite loss or parameter. */
export class NonFiniteError extends Error {
  override name = 'NonFiniteError';
  constructor(
    message: string,
    /** The step at which it was found. */
    readonly step: number,
    /** The loss, or the name of the parameter. */
    readonly tensor: string,
  ) {
    super(message);
  }
}

function datasetSize(data: Dataset): number {
  const names = Object.keys(data);
  if (names.length === 0) throw new Error('data must hold at least one tensor, got none');
  const n = data[names[0]].shape[0];
  for (const name of names) {
    if (data[name].rank === 0 || data[name].shape[0] !== n) {
      throw new Error(
        `data tensors must share their first dimension: "${names[0]}" has ${n}, "${name}" has shape [${data[name].shape}]`,
      );
    }
  }
  return n;
}

function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined) requirePositiveIntegers({ [name]: value });
}

/**
 * Trains parameters with a gradient transformation. Each epoch visits the examples in a fresh order drawn from
 * `seed` (without replacement) in batches of `batchSize`; `'full'` uses the whole set every step. Every step runs
 * in one `tf.tidy`, and replaced parameters and state are disposed, so the number of live tensors stays flat.
 *
 * Every `every` steps it reads the loss, checks that the loss and every parameter are finite (else it throws a
 * {@link NonFiniteError} naming the step and the tensor), calls `onMetrics`, and yields to the event loop so that an
 * AbortSignal can fire; an aborted run returns what it has with `aborted: true`.
 *
 * @param options - see {@link TrainOptions}
 * @returns the final parameters and state (owned by the caller), steps taken and the metric history
 * @example
 * ```ts
 * const result = await train({
 *   params: { w }, data: { x, y }, seed: 0, batchSize: 2, epochs: 100, optimizer: adam({ learningRate: 1e-3 }),
 *   loss: ({ w }, batch) => tf.losses.meanSquaredError(batch.y, tf.matMul(batch.x, w)) as tf.Scalar,
 * });
 * ```
 */
export async function train<P extends Params>(options: TrainOptions<P>): Promise<TrainResult<P>> {
  const { data, optimizer, loss, signal, onMetrics } = options;
  const n = datasetSize(data);
  const batchSize = options.batchSize === 'full' ? n : options.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > n) {
    throw new Error(
      `batchSize must be 'full' or an integer in [1, ${n}] (the number of examples), got ${options.batchSize}`,
    );
  }
  if ((options.epochs === undefined) === (options.steps === undefined)) {
    throw new Error(`give exactly one of epochs and steps, got epochs = ${options.epochs}, steps = ${options.steps}`);
  }
  checkCount('epochs', options.epochs);
  checkCount('steps', options.steps);
  const stepsPerEpoch = Math.ceil(n / batchSize);
  const totalSteps = options.steps ?? (options.epochs as number) * stepsPerEpoch;
  const every = options.every ?? stepsPerEpoch;
  checkCount('every', every);

  const names = Object.keys(options.params);
  const initial = new Set(collectTensors(options.params));
  const rng = createRng(options.seed);
  const fullBatch = batchSize === n;
  let params = options.params;
  let state = optimizer.init(params);
  // the rate of update t is the schedule of the chain's scaleByLearningRate at t (counted from 0)
  const rateSpec = flattenTransform(optimizer).find((part) => part.kind === 'scaleByLearningRate');
  const rate = rateSpec ? (rateSpec as { learningRate: Schedule }).learningRate : undefined;
  let order: number[] = [];
  const history: TrainMetrics[] = [];
  // between reports, yield at least every 50 ms of work: the signal is seen within a second whatever `every` is
  const maybeYield = createYielder();

  try {
    for (let step = 0; step < totalSteps; step++) {
      if (signal?.aborted) return { params, state, steps: step, history, aborted: true };
      const positionInEpoch = step % stepsPerEpoch;
      if (positionInEpoch === 0 && !fullBatch) order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      const reporting = (step + 1) % every === 0 || step + 1 === totalSteps;
      const { lossValue, gradientNorm, nextParams, nextState } = tf.tidy(() => {
        let batch = data;
        if (!fullBatch) {
          const indices = tf.tensor1d(
            order.slice(positionInEpoch * batchSize, (positionInEpoch + 1) * batchSize),
            'int32',
          );
          batch = {};
          for (const key of Object.keys(data)) batch[key] = tf.gather(data[key], indices);
        }
        const objective = (...tensors: tf.Tensor[]) => {
          const named = {} as Params;
          names.forEach((name, i) => (named[name] = tensors[i]));
          return loss(named as P, batch);
        };
        const { value, grads } = tf.valueAndGrads(objective)(names.map((name) => params[name]));
        const gradients: Params = {};
        names.forEach((name, i) => (gradients[name] = grads[i]));
        const result = optimizer.update(gradients, state, params);
        const updated = applyUpdates(params, result.updates) as P;
        return {
          lossValue: value,
          gradientNorm: reporting ? globalNorm(gradients) : undefined,
          nextParams: options.project ? options.project(updated, step + 1) : updated,
          nextState: result.state as tf.TensorContainer,
        };
      });
      disposeReplaced(params, nextParams, initial);
      disposeReplaced(state, nextState, initial);
      params = nextParams;
      state = nextState;

      const done = step + 1;
      if (reporting) {
        const lossNumber = (await lossValue.data())[0];
        const normNumber = (await gradientNorm!.data())[0];
        tf.dispose([lossValue, gradientNorm!]);
        if (!Number.isFinite(lossNumber)) {
          throw new NonFiniteError(`loss is ${lossNumber} at step ${done}`, done, 'loss');
        }
        const finite = tf.tidy(() => names.map((name) => tf.all(tf.isFinite(params[name]))));
        const flags = await Promise.all(finite.map((t) => t.data()));
        tf.dispose(finite);
        const bad = names.find((_, i) => flags[i][0] === 0);
        if (bad !== undefined) {
          throw new NonFiniteError(`parameter "${bad}" has a non-finite entry at step ${done}`, done, bad);
        }
        const metrics = {
          step: done,
          epoch: Math.floor(step / stepsPerEpoch) + 1,
          loss: lossNumber,
          gradientNorm: normNumber,
          learningRate: rate ? rate(step) : null,
        };
        history.push(metrics);
        await onMetrics?.(metrics, params);
        await yieldToEventLoop();
      } else {
        lossValue.dispose();
        await maybeYield();
      }
    }
  } catch (error) {
    // a run that throws (NonFiniteError, a loss that throws) gives back nothing it made: the parameters and state
    // it created are disposed; the caller's own initial parameters are not
    disposeReplaced(params, {}, initial);
    disposeReplaced(state, {}, initial);
    throw error;
  }
  return { params, state, steps: totalSteps, history, aborted: false };
}
