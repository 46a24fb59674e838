/**
 * @sgn/experiments: the harness (Experiment and TheoryCheck types, settings, units and checkpoints, the run memo,
 * plot specs, the registries) and, under `papers/<paper>/`, each paper's presets, experiments and theory checks:
 * lp-sparse, stochastic-adam, directional and rlc. Experiments train with @sgn/trainers and compare with the exact
 * mathematics of @sgn/theory.
 * @packageDocumentation
 */
export { checkMemory, parseSetting, resolveSettings, runUnits } from './harness/experiment.js';
export type {
  Checkpoint,
  Curve,
  Experiment,
  ExperimentContext,
  ExperimentOutput,
  LivePicture,
  MemoryEstimate,
  PlotSpec,
  SettingSpec,
  SettingValue,
  SweepCurve,
} from './harness/experiment.js';
export {
  backendSetting,
  choice,
  defineExperiment,
  integer,
  limitStretch,
  number,
  presetValues,
  STRETCH_LIMITS,
} from './harness/settings.js';
export type {
  ChoiceSetting,
  ExperimentDefinition,
  NumberSetting,
  RunSettings,
  SettingsOf,
  SettingsSchema,
} from './harness/settings.js';
export { metricsCurve } from './harness/metrics-plot.js';
export type { MetricsPlot } from './harness/experiment.js';
export { numericLeaves, toCsv } from './harness/metric-leaves.js';
export { runCheck } from './harness/check.js';
export type { CheckContext, CheckResult, Preset, TheoryCheck } from './harness/check.js';
export { createRunMemo, memoized } from './harness/memo.js';
export type { RunMemo } from './harness/memo.js';
export { interactiveSpec, sweepBandSpec, sweepCurveSpec, sweepHeatmapSpec, vegaLiteSpec } from './harness/plot-spec.js';
export type { SweepCell, SweepCurvePoint } from './harness/plot-spec.js';
export { experiments, findExperiment } from './experiment-registry.js';
export { selectChecks, theoryChecks } from './check-registry.js';
export { PEAK_PLATEAU_TRAINING, RAMP_E005, RANDOM_DATA_TRAINING } from './papers/lp-sparse/presets.js';
export { lpChecks } from './papers/lp-sparse/checks.js';
export { lpCriticalPExperiment } from './papers/lp-sparse/critical-p.js';
export { memoizedMultivariateLp, memoizedMultivariateLpRestarts } from './papers/lp-sparse/memoized-runs.js';
export {
  ADAM_BATCH_PRESETS,
  FAILURE_LOAD,
  FEATURE_READOUT_OVERRIDES,
  largeBatchDeparture,
} from './papers/stochastic-adam/presets.js';
export type { AdamBatchSettings } from './papers/stochastic-adam/presets.js';
export { FOUR_RUNS, adamData, adamRun } from './papers/stochastic-adam/runs.js';
export type { AdamRunSpec } from './papers/stochastic-adam/runs.js';
export { adamChecks } from './papers/stochastic-adam/checks.js';
export { adamRealChecks } from './papers/stochastic-adam/real-checks.js';
export { adamRealBatchExperiment, adamRealDecayExperiment } from './papers/stochastic-adam/real-experiments.js';
export {
  ADAM_REAL_PRESETS,
  REAL_BATCHES,
  REAL_BATCH_LAMBDA,
  REAL_BETAS,
  REAL_DECAY_GRID,
  REAL_LEARNING_RATES,
} from './papers/stochastic-adam/real-presets.js';
export type { AdamRealSettings } from './papers/stochastic-adam/real-presets.js';
export { chooseByValidation, realData, realRun } from './papers/stochastic-adam/real-runs.js';
export type { RealRun, RealRunSpec } from './papers/stochastic-adam/real-runs.js';
export {
  batchThresholdHolds,
  decayWindowHolds,
  degradation,
  degradationTolerance,
  overSeeds,
} from './papers/stochastic-adam/real-verdicts.js';
export type { Degradation } from './papers/stochastic-adam/real-verdicts.js';
export { adamBatchExperiment } from './papers/stochastic-adam/experiments.js';
export { directionalChecks } from './papers/directional/checks.js';
export { directionalReluScalingExperiment, reluScalingCheck } from './papers/directional/relu-scaling.js';
export { normDip, readScaling } from './papers/directional/relu-scaling-verdict.js';
export type { ScalingReading } from './papers/directional/relu-scaling-verdict.js';
export {
  PLATEAU_EXIT_ERROR,
  RELU_SCALING_PRESETS,
  firstStepAtOrBelow,
} from './papers/directional/relu-scaling-runs.js';
export type { ReluScalingRun, ReluScalingSettings } from './papers/directional/relu-scaling-runs.js';
export { rlcChecks } from './papers/rlc/checks.js';
export {
  graphPairs,
  invarianceTest,
  positionScaled,
  randomRotation,
  setPairs,
  spherePairs,
} from './papers/rlc/invariance.js';
export type { InputPair, InvarianceResult } from './papers/rlc/invariance.js';
export { rlcMajorityVoteExperiment, rlcTrainingExperiment } from './papers/rlc/experiments.js';
export { rlcTaskBaselines, rlcTaskRun } from './papers/rlc/training.js';
export type { RlcBaselineRun, RlcTask, RlcTaskRun, RlcTaskSettings } from './papers/rlc/training.js';
