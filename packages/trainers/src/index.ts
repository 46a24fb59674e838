/**
 * @sgn/trainers: the training engines of the papers sgn implements, one folder per workload (`lp/`, `patch-cnn/`,
 * `rsetc/`, `deep-linear/`, `image-classifier/`), files named `<workload>.<engine>.ts`: `tensor` runs op by op on the active tfjs
 * backend, `fused` is one float64 (or WebAssembly SIMD) loop a step, `float64` a plain float64 loop.
 * @packageDocumentation
 */
export {
  functionGrid,
  multivariateLpExperiment,
  readUnivariateRun,
  SAME_KNOT,
  SAME_KNOT_FLOAT32,
  trainMultivariateLp,
  trainUnivariateLp,
  univariateLpExperiment,
} from './lp/algorithm1.js';
export type {
  ActiveCount,
  MultivariateExperiment,
  MultivariateRun,
  UnivariateExperiment,
  UnivariateRun,
} from './lp/algorithm1.js';
export { withLpDefaults } from './lp/algorithm1-settings.js';
export type { LpEngine, LpMethod, LpTrainingSettings, ResolvedLpSettings } from './lp/algorithm1-settings.js';
export { deepLinearStep, endToEnd } from './deep-linear/deep-linear.float64.js';
export { firstPhaseEnd, runDirectional } from './deep-linear/population-gd.float64.js';
export type { DirectionalCurves, DirectionalOptions, GradientSource } from './deep-linear/population-gd.float64.js';
export { toFeatures, trainBaseline, trainRlc } from './rsetc/rlc.tensor.js';
export type { RlcData, RlcTrainingResult, RlcTrainingSettings } from './rsetc/rlc.tensor.js';
export { rsetcParams, trainRsetcFused } from './rsetc/rsetc.fused.js';
export { rlcNoiseStream } from './rsetc/noise-stream.js';
export { fitThresholdRule, thresholdRuleAccuracy } from './threshold-rule.js';
export type { ThresholdRule } from './threshold-rule.js';
export type { FusedRsetcResult, FusedRsetcSettings, RsetcParams } from './rsetc/rsetc.fused.js';
export { trainPatchCnn } from './patch-cnn/patch-cnn.fused.js';
export type { PatchCnnReadout, PatchCnnResult, PatchCnnSettings } from './patch-cnn/patch-cnn.fused.js';
export { trainImageClassifier } from './image-classifier/image-classifier.tensor.js';
export type {
  ImageClassifierEpoch,
  ImageClassifierResult,
  ImageClassifierSettings,
  ImageModel,
  ImageSet,
} from './image-classifier/image-classifier.tensor.js';
