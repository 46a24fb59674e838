import { RsetcStep, type RsetcStepKernel, type SgnKernelConfig } from '@sgn/tensor';
import { rsetcGatherImpl, rsetcStepImpl } from './rsetc-step-impl.js';

/** The cpu backend's RSetC step: the float64 reference passes over the trainer's memory. */
export const createRsetcStepCpu: RsetcStepKernel = async (memory) => ({
  gather: (...args) => rsetcGatherImpl(memory.buffer, ...args),
  step: (...args) => rsetcStepImpl(memory.buffer, ...args),
});

export const rsetcStepConfig: SgnKernelConfig<typeof RsetcStep> = {
  kernelName: RsetcStep,
  backendName: 'cpu',
  kernelFunc: createRsetcStepCpu,
};
