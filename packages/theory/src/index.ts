/**
 * @sgn/theory: the exact mathematics of the papers sgn implements, with no training loops: the lp minimizer, brute
 * force and the critical p*; Gauss quadrature, population losses and gradients, closed-form directional rates;
 * the RLC majority-vote bounds and the universality construction. The engines that train are in @sgn/trainers,
 * the experiments and checks that measure the claims in @sgn/experiments.
 * @packageDocumentation
 */
export {
  MAX_RUN_POINTS,
  criticalP,
  curvatureRuns,
  evaluatePiecewiseLinear,
  segmentSlopes,
  sparsestInterpolant,
  univariateLpMinimizer,
} from './lp/univariate-minimizer.js';
export type {
  CriticalP,
  CurvatureRun,
  LpMinimizer,
  PiecewiseLinear,
  SparsestInterpolant,
} from './lp/univariate-minimizer.js';
export { bruteForceLpMinimizer } from './lp/brute-force.js';
export type { BruteForceResult } from './lp/brute-force.js';
export { gaussLaguerre, gaussLegendre } from './directional/quadrature.js';
export type { QuadratureRule } from './directional/quadrature.js';
export { populationIntegrator, radialNodes, sampleGradient, sampleLoss } from './directional/population-gradient.js';
export type { PopulationIntegrator } from './directional/population-gradient.js';
export {
  depth2LogTanHalf,
  depthNLogTanHalfRate,
  fitRate,
  flowCosLowerBound,
  theorem1EarlyCosBound,
  theorem1LateCosBound,
  theorem5LinearCosBound,
  theorem5PolynomialCosBound,
  theorem5UpperCosBound,
} from './directional/rates.js';
export { binomialPmf, hoeffdingBound, majorityCorrectProbability, votesNeeded } from './rlc/bounds.js';
export { fisherCombined, kolmogorovSurvival, ksTwoSample } from './stats/two-sample.js';
export { rampCriticalP } from './lp/ramp-critical-p.js';
export {
  constructRlc,
  constructedMargin,
  constructedRlcParameters,
  evaluateSgnNetwork,
  predictOnce,
  randomSgnNetwork,
  sampleConstructed,
  sgnNetworkParameters,
} from './rlc/construction.js';
export type { ConstructedRlc, SgnNetwork } from './rlc/construction.js';
export {
  GRID,
  MAX_BASES,
  evaluatePathNetwork,
  multivariateCriticalP,
  multivariateLpMinimizer,
  multivariateLpVertices,
  vertexCost,
} from './lp/multivariate-minimizer.js';
export type {
  MultivariateCriticalP,
  MultivariateLpMinimizer,
  MultivariatePoints,
  MultivariateVertices,
  PathNeuron,
  VertexNetwork,
} from './lp/multivariate-minimizer.js';
