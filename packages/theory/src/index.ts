/**
 * @sgn/theory: exact solvers, closed-form rates and bounds, and experiments that measure the papers' claims.
 * @packageDocumentation
 */
export {
  MAX_RUN_POINTS, criticalP, curvatureRuns, evaluatePiecewiseLinear, segmentSlopes, sparsestInterpolant,
  univariateLpMinimizer,
} from './lp/univariate-minimizer.js';
export type { CriticalP, CurvatureRun, LpMinimizer, PiecewiseLinear, SparsestInterpolant } from './lp/univariate-minimizer.js';
export { bruteForceLpMinimizer } from './lp/brute-force.js';
export type { BruteForceResult } from './lp/brute-force.js';
export { multivariateLpExperiment, trainMultivariateLp, trainUnivariateLp, univariateLpExperiment } from './lp/training.js';
export type { LpEngine, LpMethod, LpTrainingSettings, MultivariateExperiment, MultivariateRun, UnivariateExperiment, UnivariateRun } from './lp/training.js';
export { runCheck } from './checks/types.js';
export type { CheckContext, CheckResult, Preset, TheoryCheck } from './checks/types.js';
export { selectChecks, theoryChecks } from './checks/registry.js';
export { PEAK_PLATEAU_TRAINING, RAMP_E005, RANDOM_DATA_TRAINING, lpChecks } from './lp/checks.js';
export { gaussLaguerre, gaussLegendre } from './directional/quadrature.js';
export type { QuadratureRule } from './directional/quadrature.js';
export { populationIntegrator, radialNodes, sampleGradient, sampleLoss } from './directional/population-gradient.js';
export type { PopulationIntegrator } from './directional/population-gradient.js';
export { deepLinearStep, endToEnd } from './directional/deep-linear.js';
export { depth2LogTanHalf, fitRate, theorem1EarlyCosBound, theorem5PolynomialCosBound } from './directional/rates.js';
export { runDirectional } from './directional/experiment.js';
export type { DirectionalCurves, DirectionalOptions, GradientSource } from './directional/experiment.js';
export { directionalChecks } from './directional/checks.js';
export { parseSetting, resolveSettings, runUnits, unitSeed } from './experiments/types.js';
export { vegaLiteSpec } from './experiments/plot-spec.js';
export type { Checkpoint, Curve, Experiment, ExperimentContext, ExperimentOutput, PlotSpec, SettingSpec, SettingValue } from './experiments/types.js';
export { experiments, findExperiment } from './experiments/registry.js';
export { hoeffdingBound, majorityCorrectProbability, votesNeeded } from './rlc/bounds.js';
export {
  constructRlc, constructedMargin, constructedRlcParameters, evaluateSgnNetwork, predictOnce, randomSgnNetwork,
  sampleConstructed, sgnNetworkParameters,
} from './rlc/construction.js';
export type { ConstructedRlc, SgnNetwork } from './rlc/construction.js';
export { toFeatures, trainBaseline, trainRlc } from './rlc/training.js';
export { rsetcParams, trainRsetcFused } from './rlc/fused-rsetc.js';
export type { FusedRsetcResult, FusedRsetcSettings, RsetcParams } from './rlc/fused-rsetc.js';
export type { RlcData, RlcTrainingResult, RlcTrainingSettings } from './rlc/training.js';
export { rlcChecks } from './rlc/checks.js';
export { trainPatchCnn } from './adam/patch-cnn.js';
export type { PatchCnnReadout, PatchCnnResult, PatchCnnSettings } from './adam/patch-cnn.js';
export { ADAM_BATCH_PRESETS } from './adam/presets.js';
export type { AdamBatchSettings } from './adam/presets.js';
export { FOUR_RUNS, adamData, adamRun } from './adam/runs.js';
export type { AdamRunSpec } from './adam/runs.js';
export { FEATURE_READOUT_OVERRIDES, adamChecks } from './adam/checks.js';
export { adamBatchExperiment } from './adam/experiment.js';
export { rlcMajorityVoteExperiment } from './rlc/experiment.js';
export { createRunMemo, memoized } from './memo.js';
export type { RunMemo } from './memo.js';
