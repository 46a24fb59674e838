import type { Preset } from '../../harness/check.js';

/**
 * The stochastic-Adam paper's real-data settings (Tang, Zhang, Cao & Zou, arXiv 2510.11354, Appendix D.1,
 * Figures 1-2: CIFAR-10, VGG16 / ResNet18, no augmentation, 100 epochs, β = (0.9, 0.99)), moved to Fashion-MNIST and
 * a CPU-sized CNN (sgn has neither CIFAR-10 nor a GPU). The grids are the paper's.
 */
export interface AdamRealSettings {
  model: 'cnn' | 'mlp';
  /** Training images (drawn from the train split), validation images (held out of the same split), test images. */
  train: number;
  validation: number;
  test: number;
  epochs: number;
}

/** Figure 1's batch sizes (the paper's 8192 left out: above Fashion-MNIST's quick subsets and a CPU's reach). */
export const REAL_BATCHES = [16, 32, 64, 256, 1024, 4096] as const;

/**
 * Figure 1's learning-rate grid, and the quick preset's single rate (no choice made there: its 10 short epochs need
 * the larger rate, and one rate keeps the check's three seeds at about a minute).
 */
export const REAL_LEARNING_RATES = { paper: [5e-4, 1e-4, 1e-5], quick: [1e-3] } as const;

/** Figure 1's weight decays: Adam's coupled λ and AdamW's decoupled λ. */
export const REAL_BATCH_LAMBDA = { adam: 5e-4, adamw: 1e-2 } as const;

/** Figure 2's grids, at B 16 and η 1e-4. */
export const REAL_DECAY_GRID = {
  adam: [5e-7, 1e-6, 5e-6, 1e-5, 5e-5, 1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 1e-1],
  adamw: [1e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 1e-1, 5e-1],
  batch: 16,
  learningRate: 1e-4,
} as const;

/** The paper's β's for these runs. */
export const REAL_BETAS = { beta1: 0.9, beta2: 0.99 } as const;

/**
 * Presets. `paper`: all of Fashion-MNIST (55000 training images, 5000 held out to choose the learning rate, the
 * 10000 test images), 100 epochs: about 50 minutes a training run on one core of this machine, meant for
 * `sgn sweep --launcher slurm`. `quick`: the MLP on 1024 + 512 images, 1000 test images, 10 epochs: about two
 * seconds a run (the CNN takes ~5x longer; at 2 epochs it was step-limited, its test error rising from B 16 on).
 */
export const ADAM_REAL_PRESETS: Record<Preset, AdamRealSettings> = {
  quick: { model: 'mlp', train: 1024, validation: 512, test: 1000, epochs: 10 },
  paper: { model: 'cnn', train: 55_000, validation: 5000, test: 10_000, epochs: 100 },
};
