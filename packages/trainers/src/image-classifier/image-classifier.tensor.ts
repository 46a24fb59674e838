import {
  applyImageCnn,
  countMisclassified,
  initImageCnn,
  initMlp,
  mlpLogits,
  softmaxCrossEntropy,
  type ImageCnnParams,
} from '@sgn/models';
import { adam, adamw, train } from '@sgn/optimizers';
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
  /** The small CNN (`initImageCnn`, channels 8 and 16) or a one-hidden-layer MLP (`initMlp`, 128 units). */
  model: 'cnn' | 'mlp';
  /** Adam with coupled L2 (g + λw) or AdamW with decoupled decay ((1 - ηλ) w). */
  optimizer: 'adam' | 'adamw';
  /** λ. */
  weightDecay: number;
  /** η. */
  learningRate: number;
  /** Examples per step (capped at the training set: full batch). */
  batch: number;
  epochs: number;
  /** Adam's β1, β2 (the paper's real-data runs: 0.9, 0.99). */
  beta1: number;
  beta2: number;
  /** Seeds the initialization and the order of examples, as two named sub-streams. */
  seed: number;
  signal?: AbortSignal;
  /** Called after each epoch with its numbers (a live log). */
  onEpoch?: (record: ImageClassifierEpoch) => void;
}

/** One epoch's numbers. */
export interface ImageClassifierEpoch {
  epoch: number;
  /** The training loss of the epoch's last batch (softmax cross-entropy, without the L2 term). */
  trainLoss: number;
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
  /** The batch size used (the setting capped at the training set). */
  batch: number;
  parameters: number;
  complete: boolean;
}

type Params = Record<string, tf.Tensor>;

/** The images of a set as the model's input tensor: [N, rows, cols, 1] for the CNN, [N, rows·cols] for the MLP. */
function inputs(set: ImageSet, model: 'cnn' | 'mlp'): tf.Tensor {
  return model === 'cnn'
    ? tf.tensor4d(set.images, [set.count, set.rows, set.cols, 1])
    : tf.tensor2d(set.images, [set.count, set.rows * set.cols]);
}

function logitsOf(model: 'cnn' | 'mlp', params: Params, x: tf.Tensor): tf.Tensor2D {
  return model === 'cnn'
    ? applyImageCnn(params as ImageCnnParams, x as tf.Tensor4D)
    : mlpLogits(params, x as tf.Tensor2D);
}

/**
 * The classification error on a whole set, in chunks of 500 images (bounded memory), reading each chunk's result
 * asynchronously so that the event loop, and an abort, run between chunks (an evaluation of 15000 images takes
 * about a second on the CNN); NaN once aborted (the run is then incomplete and its numbers are dropped).
 */
async function errorOn(
  model: 'cnn' | 'mlp',
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
 * Trains a small CNN or an MLP on labelled images with Adam (coupled L2) or AdamW (decoupled decay), softmax
 * cross-entropy, no augmentation, and measures the validation and test error after every epoch: the stochastic-Adam
 * paper's real-data setting (Tang, Zhang, Cao & Zou, arXiv 2510.11354, Appendix D.1), on a CPU-sized model.
 * ε = 1e-8 and bias correction on (PyTorch's defaults, as the paper's PyTorch runs).
 */
export async function trainImageClassifier(
  data: { train: ImageSet; validation: ImageSet; test: ImageSet },
  settings: ImageClassifierSettings,
): Promise<ImageClassifierResult> {
  const { model, epochs } = settings;
  const batch = Math.min(settings.batch, data.train.count);
  const { train: trainSet } = data;
  const initSeed = streamSeed(settings.seed, 'init');
  const params: Params =
    model === 'cnn'
      ? initImageCnn({
          rows: trainSet.rows,
          cols: trainSet.cols,
          inChannels: 1,
          channels: [8, 16],
          classes: 10,
          seed: initSeed,
        })
      : initMlp({ features: trainSet.rows * trainSet.cols, hidden: 128, outputs: 10, seed: initSeed });
  const parameters = Object.values(params).reduce((sum, t) => sum + t.size, 0);
  const options = {
    learningRate: settings.learningRate,
    weightDecay: settings.weightDecay,
    beta1: settings.beta1,
    beta2: settings.beta2,
    eps: 1e-8,
  };
  const x = inputs(trainSet, model);
  const y = tf.tensor1d(trainSet.labels, 'int32');
  const evaluation = [data.validation, data.test].map((set) => ({
    x: inputs(set, model),
    y: tf.tensor1d(set.labels, 'int32'),
  }));
  const history: ImageClassifierEpoch[] = [];
  let trained: { params: Params; state: unknown } | undefined;
  try {
    const result = await train({
      params,
      data: { x, y },
      loss: (p, b) => softmaxCrossEntropy(logitsOf(model, p, b.x), b.y as tf.Tensor1D),
      optimizer: settings.optimizer === 'adam' ? adam(options) : adamw(options),
      batchSize: batch,
      epochs,
      seed: streamSeed(settings.seed, 'order'),
      signal: settings.signal,
      onMetrics: async (metrics, current) => {
        const validationError = await errorOn(model, current, evaluation[0], settings.signal);
        const testError = await errorOn(model, current, evaluation[1], settings.signal);
        if (settings.signal?.aborted) return;
        const record = { epoch: metrics.epoch, trainLoss: metrics.loss, validationError, testError };
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
      batch,
      parameters,
      complete: !result.aborted,
    };
  } finally {
    tf.dispose([x, y, ...evaluation.flatMap((set) => [set.x, set.y]), ...Object.values(params)]);
    if (trained) tf.dispose([...Object.values(trained.params), trained.state as tf.TensorContainer]);
  }
}
