/**
 * @sgn/models: models as data plus pure functions (a params record of tensors and `apply(params, x)`).
 * @packageDocumentation
 */
export {
  applyUnivariateRelu,
  evaluateUnivariateRelu,
  initUnivariateRelu,
  knotsOf,
  mergeKnots,
} from './univariate-relu.js';
export type { Knot, UnivariateReluArrays, UnivariateReluParams } from './univariate-relu.js';
export { applyUnivariateReluRestarts, restartAt, stackRestarts } from './univariate-relu-restarts.js';
export type { UnivariateReluRestarts } from './univariate-relu-restarts.js';
export { applyMultivariateRelu, initMultivariateRelu } from './multivariate-relu.js';
export type { MultivariateReluParams } from './multivariate-relu.js';
export { applyDeepLinear, balancedDeepLinear, endToEndVector, initDeepLinear, layerAlignment } from './deep-linear.js';
export type { DeepLinearLayers, DeepLinearOptions, DeepLinearParams } from './deep-linear.js';
export {
  countParameters,
  graphFeatures,
  initRlc,
  majorityVote,
  rlcScores,
  sampleClassifiers,
  softMarginLoss,
  voteTotals,
} from './rlc.js';
export type { RlcConfig, RlcKind, RlcNoiseSharing, RlcParams } from './rlc.js';
export { applyDeepSets, applyGnn, applyMlp, initDeepSets, initGnn, initMlp, mlpLogits } from './baselines.js';
export {
  applyImageCnn,
  classificationError,
  conv3x3Same,
  countMisclassified,
  initImageCnn,
  softmaxCrossEntropy,
} from './image-cnn.js';
export type { ImageCnnConfig, ImageCnnParams } from './image-cnn.js';
export type { BaselineParams } from './baselines.js';
export { deepReluDepth, deepReluLogits, initDeepRelu } from './deep-relu.js';
export type { DeepReluOptions, DeepReluParams } from './deep-relu.js';
export { applyPatchCnn, featureReadout, initPatchCnn, patchCnnLoss, patchCnnMargins } from './patch-cnn.js';
export type { PatchCnnConfig, PatchCnnParams } from './patch-cnn.js';
