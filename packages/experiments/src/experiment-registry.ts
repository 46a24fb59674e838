import { quoteForMessage } from '@sgn/tensor';
import { adamBatchExperiment } from './papers/stochastic-adam/experiments.js';
import { adamRealBatchExperiment, adamRealDecayExperiment } from './papers/stochastic-adam/real-experiments.js';
import { rlcMajorityVoteExperiment, rlcTrainingExperiment } from './papers/rlc/experiments.js';
import { directionalFigure1Experiment } from './papers/directional/experiments.js';
import { directionalReluScalingExperiment } from './papers/directional/relu-scaling.js';
import { lpPeakPlateauExperiment, lpRandomDataExperiment } from './papers/lp-sparse/experiments.js';
import { lpCriticalPExperiment } from './papers/lp-sparse/critical-p.js';
import type { Experiment } from './harness/experiment.js';

/** Every experiment `sgn run` and `sgn reproduce` know, in order. */
export const experiments: readonly Experiment[] = [
  lpPeakPlateauExperiment,
  lpRandomDataExperiment,
  lpCriticalPExperiment,
  adamBatchExperiment,
  adamRealBatchExperiment,
  adamRealDecayExperiment,
  directionalFigure1Experiment,
  directionalReluScalingExperiment,
  rlcMajorityVoteExperiment,
  rlcTrainingExperiment,
];

/**
 * Finds an experiment by id.
 *
 * @throws naming the unknown id and listing the known ones
 */
export function findExperiment(id: string): Experiment {
  const found = experiments.find((e) => e.id === id);
  if (!found)
    throw new Error(`unknown experiment ${quoteForMessage(id)}; known: ${experiments.map((e) => e.id).join(', ')}`);
  return found;
}
