/**
 * @sgn/optimizers: pure, composable gradient transformations (optax's design) and a training loop.
 * @packageDocumentation
 */
export { chain, flattenTransform } from './chain.js';
export { scaleByAdam } from './scale-by-adam.js';
export type { ScaleByAdamOptions, ScaleByAdamState } from './scale-by-adam.js';
export { addDecayedWeights, addL2Gradient } from './weight-decay.js';
export { scaleBySign } from './scale-by-sign.js';
export { clipByGlobalNorm, globalNorm } from './clip-by-global-norm.js';
export { scaleByAdagrad } from './scale-by-adagrad.js';
export { scaleByAdagradFloat64 } from './scale-by-adagrad-float64.js';
export type { ScaleByAdagradOptions, ScaleByAdagradState } from './scale-by-adagrad.js';
export { traceMomentum } from './trace-momentum.js';
export type { TraceMomentumOptions, TraceMomentumState } from './trace-momentum.js';
export { scaleByLearningRate } from './scale-by-learning-rate.js';
export type { ScaleByLearningRateState } from './scale-by-learning-rate.js';
export { masked } from './masked.js';
export type { ParamMask } from './masked.js';
export { constantSchedule, cosineDecaySchedule, perEpoch, stepSchedule } from './schedules.js';
export type { CosineDecayOptions, StepScheduleOptions } from './schedules.js';
export { adagrad, adam, adamw, momentum, sgd, signSgd, signSgdW } from './aliases.js';
export type { AdamOptions, LearningRate } from './aliases.js';
export { applyUpdates } from './tree.js';
export { NonFiniteError, train } from './train.js';
export { createYielder, yieldToEventLoop } from './yield-to-event-loop.js';
export type { Dataset, TrainMetrics, TrainOptions, TrainResult } from './train.js';
export type { GradientTransformation, Params, Schedule, TransformSpec } from './types.js';
