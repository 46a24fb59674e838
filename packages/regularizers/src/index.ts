/**
 * @sgn/regularizers: penalties (pure functions of params), proximal steps and sparsity metrics.
 * @packageDocumentation
 */
export { l1PathNorm, lpPathPenalty, lpPathPenalty1d, weightDecayPenalty } from './lp-path.js';
export { proxReweightedL1, proxReweightedL1Univariate } from './prox.js';
export type { ReweightedL1Options } from './prox.js';
export { proxReweightedL1Float64, proxReweightedL1UnivariateFloat64 } from './prox-float64.js';
export { activeNeurons, activeNeuronsFloat64, nonzeroPathWeights } from './sparsity.js';
