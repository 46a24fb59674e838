import { loadFashionMnist } from '@sgn/data/fashion-mnist';
import { streamSeed } from '@sgn/tensor';
import { trainImageClassifier, type ImageClassifierEpoch, type ImageSet } from '@sgn/trainers';
import type { Preset } from '../../harness/check.js';
import { memoized, type RunMemo } from '../../harness/memo.js';

/**
 * The directional paper's nonlinear experiment (Lin, Sun & Zhang, NeurIPS 2021, Section 5, Figure 2 and Appendix C),
 * on Fashion-MNIST (MNIST and CIFAR-10 are not packaged in Debian; Fashion-MNIST is): an L-layer fully connected
 * ReLU network, width 100, no bias, default PyTorch initialization, cross-entropy, plain SGD with batch 1000 on a
 * 5000-image training subset, with either every input or every weight matrix scaled so that the output is scaled
 * by α; test error against the iteration.
 */
export interface ReluScalingSettings {
  /** Training images (the paper: a 5000-image subset) and test images. */
  train: number;
  test: number;
  /** L, the number of weight matrices (the paper's main text: 5), and the hidden width (100). */
  depth: number;
  width: number;
  /** SGD's batch (the paper: 1000). */
  batch: number;
  /** SGD steps of every run, and how often the test error is measured. */
  steps: number;
  evaluateEvery: number;
  /** The scaled runs' α (the paper: 10; α = 1 is the unscaled run). */
  alpha: number;
}

/** How a run is scaled: not at all, every input by α, or every weight matrix by α^(1/L). */
export const SCALINGS = ['none', 'input', 'weights'] as const;
export type Scaling = (typeof SCALINGS)[number];

/** The paper's learning rates, largest first. */
export const RELU_SCALING_RATES = { paper: [0.1, 0.01, 0.005], quick: [0.1, 0.01] } as const;

/**
 * The test error a run must reach to have left the early plateau: chance on ten classes is 0.9, and the unscaled
 * runs sit at 0.88-0.90 until they leave it. Fixed before any check was run on these settings.
 */
export const PLATEAU_EXIT_ERROR = 0.8;

/**
 * Presets. `paper`: the paper's settings (5000 training images, batch 1000, its three learning rates), 1000 steps,
 * the whole test split. `quick`: the same network and data, the two larger rates, 200 steps, 1000 test images
 * (about 40 s on this machine's wasm backend: a step of the 5-layer network on 1000 images is ~35 ms).
 */
export const RELU_SCALING_PRESETS: Record<Preset, ReluScalingSettings> = {
  quick: { train: 5000, test: 1000, depth: 5, width: 100, batch: 1000, steps: 200, evaluateEvery: 5, alpha: 10 },
  paper: { train: 5000, test: 10_000, depth: 5, width: 100, batch: 1000, steps: 1000, evaluateEvery: 10, alpha: 10 },
};

/** What one run measured. */
export interface ReluScalingRun {
  scaling: Scaling;
  learningRate: number;
  /** Steps at each measurement, the test error and the weight norm there. */
  step: number[];
  testError: number[];
  weightNorm: number[];
  initialWeightNorm: number;
  /** The first measured step with test error <= {@link PLATEAU_EXIT_ERROR}, or null within the run's steps. */
  plateauExit: number | null;
  complete: boolean;
}

/** The first step at which the error is at most `level`, or null. */
export function firstStepAtOrBelow(steps: readonly number[], errors: readonly number[], level: number): number | null {
  const index = errors.findIndex((e) => e <= level);
  return index < 0 ? null : steps[index];
}

/** The seed's data: `train` images of Fashion-MNIST's train split and `test` of its test split, named sub-streams. */
export function reluScalingData(settings: ReluScalingSettings, seed: number): { train: ImageSet; test: ImageSet } {
  return {
    train: loadFashionMnist({ split: 'train', count: settings.train, seed: streamSeed(seed, 'train-subset') }),
    test: loadFashionMnist({ split: 'test', count: settings.test, seed: streamSeed(seed, 'test-subset') }),
  };
}

/**
 * Trains one run (memoized by everything it depends on). Every run of a seed starts from the same draws: the
 * weight scaling multiplies them by α^(1/L), the input scaling multiplies the pixels by α.
 */
export function reluScalingRun(
  data: () => { train: ImageSet; test: ImageSet },
  settings: ReluScalingSettings,
  spec: { scaling: Scaling; learningRate: number },
  seed: number,
  options: { signal?: AbortSignal; memo?: RunMemo; onEpoch?: (record: ImageClassifierEpoch) => void } = {},
): Promise<ReluScalingRun> {
  const key = `relu-scaling:${JSON.stringify({ ...settings, ...spec, seed })}`;
  const { alpha, depth, width } = settings;
  return memoized(
    options.memo,
    key,
    async () => {
      const result = await trainImageClassifier(data(), {
        model: 'deep-relu',
        optimizer: 'sgd',
        weightDecay: 0,
        learningRate: spec.learningRate,
        batch: settings.batch,
        steps: settings.steps,
        beta1: 0.9,
        beta2: 0.999,
        deepRelu: { depth, hidden: width, weightScale: spec.scaling === 'weights' ? alpha ** (1 / depth) : 1 },
        inputScale: spec.scaling === 'input' ? alpha : 1,
        evaluateEvery: settings.evaluateEvery,
        seed,
        signal: options.signal,
        onEpoch: options.onEpoch,
      });
      const { history } = result;
      const step = history.map((h) => h.step);
      const testError = history.map((h) => h.testError);
      return {
        ...spec,
        step,
        testError,
        weightNorm: history.map((h) => h.weightNorm),
        initialWeightNorm: result.initialWeightNorm,
        plateauExit: firstStepAtOrBelow(step, testError, PLATEAU_EXIT_ERROR),
        complete: result.complete,
      };
    },
    (run) => run.complete,
  );
}

/** Loads a seed's data once, on first call. */
export function lazyReluScalingData(settings: ReluScalingSettings, seed: number) {
  let data: ReturnType<typeof reluScalingData> | undefined;
  return () => (data ??= reluScalingData(settings, seed));
}
