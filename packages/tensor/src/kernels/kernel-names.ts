// Names of sgn's fused kernels, one constant each, as tfjs-core names its kernels (kernel_names.ts): a backend
// registers a kernel under one of these names, an engine asks the active backend for it. The signature of each
// kernel is in its own file beside this one.

/** One Adam step over float64 coordinates (the patch-CNN trainer's dense pass): see `AdamPassKernel`. */
export const AdamPass = 'SgnAdamPass';
export type AdamPass = typeof AdamPass;

/** The RSetC training step (affine noise networks) over one batch: see `RsetcStepKernel`. */
export const RsetcStep = 'SgnRsetcStep';
export type RsetcStep = typeof RsetcStep;
