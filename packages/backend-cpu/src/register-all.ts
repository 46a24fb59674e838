// Registers every sgn kernel of the cpu backend, from one explicit list (as tfjs's register_all_kernels.ts).
import { registerSgnKernel, type SgnKernelConfig } from '@sgn/tensor';
import { adamPassConfig } from './kernels/adam-pass.js';

const kernelConfigs: SgnKernelConfig[] = [adamPassConfig];

for (const config of kernelConfigs) registerSgnKernel(config);
