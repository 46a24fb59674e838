import {
  applyImageCnn,
  countMisclassified,
  deepReluLogits,
  initDeepRelu,
  initImageCnn,
  initMlp,
  mlpLogits,
  softmaxCrossEntropy,
  type ImageCnnParams,
} from '@sgn/models';
import { adam, adamw, globalNorm, sgd, train } from '@sgn/optimizers';
import { streamSeed, tf } from '@sgn/tensor';

/** Labelled images, as `loadFashionMnist` returns them: pixels image by image, row-major, one channel. */
export interface ImageSet {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

/** Settings of one training run of an image classifier. */
export interface ImageClassifierSettings {
  /**
   * The small CNN (`initImageCnn`, channels 8 and 16), a one-hidden-layer MLP (`initMlp`, 128 units) or a bias-free
   * deep ReLU network (`initDeepRelu`, shaped by `deepRelu`).
   */
  model: ImageModel;
  /** Adam with coupled L2 (g + λw), AdamW with decoupled decay ((1 - ηλ) w), or plain SGD (w ← w - ηg, λ must be 0). */
  optimizer: 'adam' | 'adamw' | 'sgd';
  /** λ. */
  weightDecay: number;
  /** η. */
  learningRate: number;
  /** Examples per step (capped at the training set: full batch). */
  batch: number;
  /** Passes over the training set; give this or `steps`. */
  epochs?: number;
  /** SGD/Adam updates; give this or `epochs`. */
  steps?: number;
  /** Adam's β1, β2 (the stochastic-Adam paper's real-data runs: 0.9, 0.99); unused by SGD. */
  beta1: number;
  beta2: number;
  /** The deep ReLU model's depth L, width and initial scale per layer (default: L 5, width 100, scale 1). */
  deepRelu?: { depth?: number; hidden?: number; weightScale?: number };
  /** Multiplies every input pixel (default 1): the directional paper's input scaling α. */
  inputScale?: number;
  /** Measure the errors every this many steps (default: once per epoch, and after the last step). */
  evaluateEvery?: number;
  /** Seeds the initialization and the order of examples, as two named sub-streams. */
  seed: number;
  signal?: AbortSignal;
  /** Called after each epoch with its numbers (a live log). */
  onEpoch?: (record: ImageClassifierEpoch) => void;
}

/** The models {@link trainImageClassifier} trains. */
export type ImageModel = 'cnn' | 'mlp' | 'deep-relu';

/** One evaluation's numbers (once per epoch unless `evaluateEvery` says otherwise). */
export interface ImageClassifierEpoch {
  epoch: number;
  /** Steps taken when it was measured. */
  step: number;
  /** The training loss of the last batch (softmax cross-entropy, without the L2 term). */
  trainLoss: number;
  /** The global L2 norm of all parameters. */
  weightNorm: number;
  validationError: number;
  testError: number;
}

/** What {@link trainImageClassifier} measured. */
export interface ImageClassifierResult {
  history: ImageClassifierEpoch[];
  /** The last epoch's errors. */
  validationError: number;
  testError: number;
  steps: number;
  /** The global L2 norm of the initial parameters. */
  initialWeightNorm: number;
  /** The batch size used (the setting capped at the training set). */
  batch: number;
  parameters: number;
  complete: boolean;
}

type Params = Record<string, tf.Tensor>;

/**
 * The images of a set as the model's input tensor, each pixel times `scale`: [N, rows, cols, 1] for the CNN,
 * [N, rows·cols] for the MLP and the deep ReLU network.
 */
function inputs(set: ImageSet, model: ImageModel, scale: number): tf.Tensor {
  const pixels = scale === 1 ? set.images : set.images.map((v) => v * scale);
  return model === 'cnn'
    ? tf.tensor4d(pixels, [set.count, set.rows, set.cols, 1])
    : tf.tensor2d(pixels, [set.count, set.rows * set.cols]);
}

function logitsOf(model: ImageModel, params: Params, x: tf.Tensor): tf.Tensor2D {
  if (model === 'cnn') return applyImageCnn(params as ImageCnnParams, x as tf.Tensor4D);
  if (model === 'deep-relu') return deepReluLogits(params as Record<string, tf.Tensor2D>, x as tf.Tensor2D);
  return mlpLogits(params, x as tf.Tensor2D);
}

function initModel(settings: ImageClassifierSettings, set: ImageSet, seed: number): Params {
  const features = set.rows * set.cols;
  if (settings.model === 'cnn') {
    return initImageCnn({ rows: set.rows, cols: set.cols, inChannels: 1, channels: [8, 16], classes: 10, seed });
  }
  if (settings.model === 'deep-relu') {
    const { depth = 5, hidden = 100, weightScale = 1 } = settings.deepRelu ?? {};
    return initDeepRelu({ features, hidden, depth, outputs: 10, seed, weightScale });
  }
  return initMlp({ features, hidden: 128, outputs: 10, seed });
}

function optimizerOf(settings: ImageClassifierSettings) {
  if (settings.optimizer === 'sgd') {
    if (settings.weightDecay !== 0) {
      throw new Error(`weightDecay must be 0 for plain SGD (no decay), got ${settings.weightDecay}`);
    }
    return sgd(settings.learningRate);
  }
  const options = {
    learningRate: settings.learningRate,
    weightDecay: settings.weightDecay,
    beta1: settings.beta1,
    beta2: settings.beta2,
    eps: 1e-8,
  };
  return settings.optimizer === 'adam' ? adam(options) : adamw(options);
}

/**
 * The classification error on a whole set, in chunks of 500 images (bounded memory), reading each chunk's result
 * asynchronously so that the event loop, and an abort, run between chunks (an evaluation of 15000 images takes
 * about a second on the CNN); NaN once aborted (the run is then incomplete and its numbers are dropped).
 */
async function errorOn(
  model: ImageModel,
  params: Params,
  set: { x: tf.Tensor; y: tf.Tensor },
  signal: AbortSignal | undefined,
): Promise<number> {
  const count = set.x.shape[0];
  let wrong = 0;
  for (let start = 0; start < count; start += 500) {
    if (signal?.aborted) return NaN;
    const size = Math.min(500, count - start);
    const begin = set.x.shape.map((_, i) => (i === 0 ? start : 0));
    const extent = set.x.shape.map((dim, i) => (i === 0 ? size : dim));
    const misses = tf.tidy(() => {
      const logits = logitsOf(model, params, tf.slice(set.x, begin, extent));
      return countMisclassified(logits, tf.slice(set.y, [start], [size]) as tf.Tensor1D);
    });
    wrong += (await misses.data())[0];
    misses.dispose();
  }
  return wrong / count;
}

/**
 * Trains an image classifier (the small CNN, an MLP or a bias-free deep ReLU network) on labelled images with Adam
 * (coupled L2), AdamW (decoupled decay) or plain SGD, softmax cross-entropy, no augmentation, and measures the
 * validation and test error and the weight norm after every epoch (or every `evaluateEvery` steps).
 * - The stochastic-Adam paper's real-data setting (Tang, Zhang, Cao & Zou, arXiv 2510.11354, Appendix D.1) on a
 *   CPU-sized model: Adam/AdamW with ε = 1e-8 and bias correction on (PyTorch's defaults, as the paper's runs).
 * - The directional paper's nonlinear experiment (Lin, Sun & Zhang, NeurIPS 2021, Figure 2): SGD on a 5-layer
 *   bias-free ReLU network with the inputs (`inputScale`) or every layer (`deepRelu.weightScale`) scaled.
 *
 * A run without a `validation` set reports NaN validation errors.
 */
export async function trainImageClassifier(
  data: { train: ImageSet; validation?: ImageSet; test: ImageSet },
  settings: ImageClassifierSettings,
): Promise<ImageClassifierResult> {
  const { model, epochs, steps } = settings;
  const batch = Math.min(settings.batch, data.train.count);
  const scale = settings.inputScale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) {
    throw new Error(`inputScale must be a positive finite number, got ${settings.inputScale}`);
  }
  const optimizer = optimizerOf(settings);
  const params = initModel(settings, data.train, streamSeed(settings.seed, 'init'));
  const parameters = Object.values(params).reduce((sum, t) => sum + t.size, 0);
  const initialNorm = globalNorm(params);
  const initialWeightNorm = (await initialNorm.data())[0];
  initialNorm.dispose();
  const x = inputs(data.train, model, scale);
  const y = tf.tensor1d(data.train.labels, 'int32');
  const evaluation = [data.validation, data.test].map((set) =>
    set ? { x: inputs(set, model, scale), y: tf.tensor1d(set.labels, 'int32') } : undefined,
  );
  const history: ImageClassifierEpoch[] = [];
  let trained: { params: Params; state: unknown } | undefined;
  try {
    const result = await train({
      params,
      data: { x, y },
      loss: (p, b) => softmaxCrossEntropy(logitsOf(model, p, b.x), b.y as tf.Tensor1D),
      optimizer,
      batchSize: batch,
      epochs,
      steps,
      every: settings.evaluateEvery,
      seed: streamSeed(settings.seed, 'order'),
      signal: settings.signal,
      onMetrics: async (metrics, current) => {
        const validationError = evaluation[0] ? await errorOn(model, current, evaluation[0], settings.signal) : NaN;
        const testError = await errorOn(model, current, evaluation[1]!, settings.signal);
        if (settings.signal?.aborted) return;
        const norm = globalNorm(current);
        const weightNorm = (await norm.data())[0];
        norm.dispose();
        const record = {
          epoch: metrics.epoch,
          step: metrics.step,
          trainLoss: metrics.loss,
          weightNorm,
          validationError,
          testError,
        };
        history.push(record);
        settings.onEpoch?.(record);
      },
    });
    trained = { params: result.params, state: result.state };
    const last = history.at(-1);
    return {
      history,
      validationError: last?.validationError ?? NaN,
      testError: last?.testError ?? NaN,
      steps: result.steps,
      initialWeightNorm,
      batch,
      parameters,
      complete: !result.aborted,
    };
  } finally {
    tf.dispose([x, y, ...evaluation.flatMap((set) => (set ? [set.x, set.y] : [])), ...Object.values(params)]);
    if (trained) tf.dispose([...Object.values(trained.params), trained.state as tf.TensorContainer]);
  }
}
