// Registers every sgn kernel of the wasm backend, from one explicit list (as tfjs's register_all_kernels.ts).
import { registerSgnKernel, type SgnKernelConfig } from '@sgn/tensor';
import { adamPassConfig } from './kernels/adam-pass.js';
import { rsetcStepConfig } from './kernels/rsetc-step.js';
import { registerTransposeFirstBatchMatMul } from './kernels/batch-mat-mul.js';

const kernelConfigs: SgnKernelConfig[] = [adamPassConfig, rsetcStepConfig];

for (const config of kernelConfigs) registerSgnKernel(config);

// and one tfjs kernel replaced by a faster composition of tfjs's own (see the file)
registerTransposeFirstBatchMatMul();
