import type { LabelledSet } from '@sgn/data';
import {
  applyDeepSets,
  applyGnn,
  applyMlp,
  countParameters,
  graphFeatures,
  initDeepSets,
  initGnn,
  initMlp,
  initRlc,
  rlcScores,
  softMarginLoss,
  voteTotals,
  type RlcConfig,
  type RlcNoiseSharing,
  type RlcParams,
} from '@sgn/models';
import { adagrad, cosineDecaySchedule, perEpoch, train } from '@sgn/optimizers';
import { createRng, streamSeed, tf } from '@sgn/tensor';
import { rlcNoiseStream } from './noise-stream.js';

/** Settings of RLC (and baseline) training, after the official code: Adagrad lr 0.5, cosine over epochs, k draws. */
export interface RlcTrainingSettings {
  epochs: number;
  batch: number;
  learningRate: number;
  /** Noise draws per example in the loss (code: 100). */
  draws: number;
  /** Votes m for validation and test accuracy (odd). */
  votes: number;
  /** Epochs without a better validation accuracy before stopping. */
  patience: number;
  seed: number;
  /**
   * Where the k draws come from on a batch, in the loss and the votes (default 'shared': the same k classifiers for
   * every example of a batch; the official code's is 'per-example'). See `RlcNoiseSharing` in @sgn/models.
   */
  noise?: RlcNoiseSharing;
  /**
   * Epochs of the cosine learning-rate decay (default: `epochs`, so the rate reaches 0 at the last epoch; the
   * official code anneals over 1000 epochs whatever the run's length, torch's CosineAnnealingLR with T_max 1000).
   */
  cosineEpochs?: number;
  signal?: AbortSignal;
  /** Called after each epoch with its number, the majority-vote validation accuracy and the last batch's loss. */
  onEpoch?: (epoch: number, validationAccuracy: number, loss: number) => void;
  /**
   * Called at each epoch, before `onEpoch`, with how many of the m votes were right on each validation example,
   * (m + y Σ_j sgn(score_j)) / 2 (a zero score, which votes 0, counts half): the votes behind the majority's
   * validation accuracy (an example is right when more than m/2 are). RLC training only, not the baselines.
   */
  onValidationVotes?: (rightVotes: Float64Array, m: number) => void;
}

/** What a training run measured. */
export interface RlcTrainingResult {
  parameters: number;
  /** Test accuracy at the epoch of best validation accuracy. */
  testAccuracy: number;
  validationAccuracy: number;
  /** Accuracy on the out-of-distribution set (e.g. larger sets) at that epoch, when one was given. */
  oodAccuracy?: number;
  epochs: number;
}

/** Train, validation and test sets, and optionally an out-of-distribution test set (e.g. sets of size 2n + 1). */
export interface RlcData {
  train: LabelledSet;
  validation: LabelledSet;
  test: LabelledSet;
  ood?: LabelledSet;
}

type Split = 'validation' | 'test' | 'ood';

/** Converts a labelled set to tensors; graphs (n² features) become the upper triangle with diagonal. */
export function toFeatures(
  set: LabelledSet,
  kind: RlcConfig['kind'] | 'deep-sets' | 'mlp' | 'gnn',
): { x: tf.Tensor2D; y: tf.Tensor1D } {
  return tf.tidy(() => {
    const count = set.y.length;
    let x = tf.tensor2d(Float32Array.from(set.x), [count, set.features]);
    if (kind === 'graph') {
      const n = Math.round(Math.sqrt(set.features));
      x = graphFeatures(tf.reshape(x, [count, n, n]) as tf.Tensor3D);
    }
    return { x, y: tf.tensor1d(Float32Array.from(set.y)) };
  });
}

async function fit(
  params: Record<string, tf.Tensor>,
  loss: (p: Record<string, tf.Tensor>, batch: Record<string, tf.Tensor>) => tf.Scalar,
  accuracy: (p: Record<string, tf.Tensor>, split: Split) => number | undefined,
  trainSet: { x: tf.Tensor2D; y: tf.Tensor1D },
  settings: RlcTrainingSettings,
): Promise<{ testAccuracy: number; validationAccuracy: number; oodAccuracy?: number; epochs: number }> {
  const n = trainSet.y.shape[0];
  const stepsPerEpoch = Math.ceil(n / settings.batch);
  const controller = new AbortController();
  settings.signal?.addEventListener('abort', () => controller.abort());
  let best: { validationAccuracy: number; testAccuracy: number; oodAccuracy?: number; epochs: number } = {
    validationAccuracy: -1,
    testAccuracy: 0,
    epochs: 0,
  };
  let since = 0;
  const result = await train({
    params,
    data: { x: trainSet.x, y: trainSet.y },
    loss,
    optimizer: adagrad({
      learningRate: perEpoch(
        cosineDecaySchedule({ init: settings.learningRate, decaySteps: settings.cosineEpochs ?? settings.epochs }),
        stepsPerEpoch,
      ),
    }),
    batchSize: Math.min(settings.batch, n),
    epochs: settings.epochs,
    seed: settings.seed,
    every: stepsPerEpoch,
    signal: controller.signal,
    onMetrics: (metrics, current) => {
      const validationAccuracy = accuracy(current, 'validation') as number;
      settings.onEpoch?.(metrics.epoch, validationAccuracy, metrics.loss);
      if (validationAccuracy > best.validationAccuracy) {
        best = {
          validationAccuracy,
          testAccuracy: accuracy(current, 'test') as number,
          oodAccuracy: accuracy(current, 'ood'),
          epochs: metrics.epoch,
        };
        since = 0;
      } else if (++since >= settings.patience) controller.abort();
    },
  });
  tf.dispose(Object.values(result.params).filter((t) => !Object.values(params).includes(t)));
  tf.dispose(result.state as tf.TensorContainer);
  return best;
}

/**
 * Trains an RLC with the soft-margin loss averaged over `draws` noise draws per example (reparameterized), Adagrad
 * with cosine decay over epochs, and early stopping on majority-vote validation accuracy; reports the test accuracy
 * at the best validation epoch.
 *
 * @see Cotta et al., NeurIPS 2023, training (main.py)
 */
export async function trainRlc(
  config: RlcConfig,
  data: RlcData,
  settings: RlcTrainingSettings,
): Promise<RlcTrainingResult> {
  const params = initRlc(config, { seed: settings.seed });
  const splits = {
    train: toFeatures(data.train, config.kind),
    validation: toFeatures(data.validation, config.kind),
    test: toFeatures(data.test, config.kind),
    ...(data.ood ? { ood: toFeatures(data.ood, config.kind) } : {}),
  } as Record<'train' | Split, { x: tf.Tensor2D; y: tf.Tensor1D } | undefined>;
  const noise = rlcNoiseStream(settings.seed);
  const voteRng = createRng(streamSeed(settings.seed, 'votes'));
  try {
    const best = await fit(
      params,
      (p, batch) =>
        softMarginLoss(
          batch.y,
          rlcScores(p as RlcParams, config, batch.x as tf.Tensor2D, settings.draws, noise, settings.noise),
        ),
      (p, split) => {
        const set = splits[split];
        if (!set) return undefined;
        // the parameters do not depend on the input size, so the same θ runs on larger sets (or graphs)
        const features = set.x.shape[1];
        const size = config.kind === 'graph' ? Math.round((Math.sqrt(1 + 8 * features) - 1) / 2) : features;
        const m = settings.votes;
        const totals = voteTotals(p as RlcParams, { ...config, size }, set.x, m, voteRng, settings.noise);
        const labels = set.y.dataSync();
        if (split === 'validation')
          settings.onValidationVotes?.(
            Float64Array.from(totals, (total, i) => (m + labels[i] * total) / 2),
            m,
          );
        // the majority vote sgn(total): a tie (0) is wrong
        return totals.reduce((s, total, i) => s + (Math.sign(total) === labels[i] ? 1 : 0), 0) / labels.length;
      },
      splits.train!,
      settings,
    );
    return { parameters: countParameters(params), ...best };
  } finally {
    tf.dispose([...Object.values(params), ...Object.values(splits).flatMap((s) => (s ? [s.x, s.y] : []))]);
  }
}

/**
 * Trains a deterministic baseline (Deep Sets for sets, an MLP on the features otherwise) with the same loss,
 * optimizer and early stopping; its prediction is the sign of its score (m = 1).
 */
export async function trainBaseline(
  baseline: { kind: 'deep-sets' | 'mlp' | 'gnn'; hidden: number; graph?: boolean },
  data: RlcData,
  settings: RlcTrainingSettings,
): Promise<RlcTrainingResult> {
  // the GNN reads whole adjacency matrices; the MLP on graphs reads their upper triangle
  const featureKind = baseline.kind === 'gnn' ? 'gnn' : baseline.graph ? 'graph' : baseline.kind;
  const splits = {
    train: toFeatures(data.train, featureKind),
    validation: toFeatures(data.validation, featureKind),
    test: toFeatures(data.test, featureKind),
  };
  const params =
    baseline.kind === 'deep-sets'
      ? initDeepSets({ hidden: baseline.hidden, seed: settings.seed })
      : baseline.kind === 'gnn'
        ? initGnn({ hidden: baseline.hidden, layers: 2, seed: settings.seed })
        : initMlp({ features: splits.train.x.shape[1], hidden: baseline.hidden, seed: settings.seed });
  const apply = (p: Record<string, tf.Tensor>, x: tf.Tensor2D): tf.Tensor1D => {
    if (baseline.kind === 'deep-sets') return applyDeepSets(p, x);
    if (baseline.kind === 'mlp') return applyMlp(p, x);
    const n = Math.round(Math.sqrt(x.shape[1]));
    return tf.tidy(() => applyGnn(p, tf.reshape(x, [x.shape[0], n, n]) as tf.Tensor3D));
  };
  try {
    const best = await fit(
      params,
      (p, batch) => softMarginLoss(batch.y, apply(p, batch.x as tf.Tensor2D)),
      (p, split) => {
        if (split === 'ood') return undefined;
        const scores = Array.from(tf.tidy(() => tf.sign(apply(p, splits[split].x)).dataSync()));
        const labels = splits[split].y.dataSync();
        return scores.reduce((s: number, v: number, i: number) => s + (v === labels[i] ? 1 : 0), 0) / labels.length;
      },
      splits.train,
      settings,
    );
    return { parameters: Object.values(params).reduce((s, t) => s + t.size, 0), ...best };
  } finally {
    tf.dispose([...Object.values(params), ...Object.values(splits).flatMap((s) => [s.x, s.y])]);
  }
}
