import type { Preset } from '../../harness/check.js';
import type { RlcTaskSettings } from './training.js';

/** The training settings of the RLC tasks at each preset (the `rlc-training` experiment's defaults and `rlc.training`'s). */
export type RlcTrainingPreset = Pick<
  RlcTaskSettings,
  'hidden' | 'epochs' | 'draws' | 'votes' | 'patience' | 'noise' | 'cosineEpochs'
>;

/**
 * `quick`: sgn's defaults (k draws shared across a batch, cosine over the run's 100 epochs); `paper`: the official
 * code's (draws per example, cosine over 1000 epochs) at its 1000 epochs. Both measured in the README.
 */
export const RLC_TRAINING_PRESETS: Record<Preset, RlcTrainingPreset> = {
  quick: { hidden: 0, epochs: 100, draws: 100, votes: 101, patience: 50, noise: 'shared', cosineEpochs: 100 },
  paper: { hidden: 0, epochs: 1000, draws: 100, votes: 101, patience: 50, noise: 'per-example', cosineEpochs: 1000 },
};
