/**
 * @sgn/data: seeded data generators for the papers sgn implements.
 * @packageDocumentation
 */
export { interpolationSet, parsePointsCsv, peakPlateau, rampPoints } from './interpolation.js';
export type { Points } from './interpolation.js';
export { randomRegression } from './regression.js';
export type { RandomRegressionOptions } from './regression.js';
export { c0, gammaFunction, logGamma, sphericalData, toTensors, unitVector } from './spherical.js';
export type { RadialLaw, SphericalDataOptions } from './spherical.js';
export { anisotropicGaussian, maxMarginDirection2d, separableSet } from './contrast.js';
export { connectivityTask, isConnected, setSignTask, setSortTask, sphereSinTask } from './set-graph.js';
export type { LabelledSet } from './set-graph.js';
export { densePatchImages, patchImages, supportOverlap } from './patch-images.js';
export type { PatchImages, PatchImagesOptions } from './patch-images.js';
