/**
 * @sgn/backend-webgl: importing this module registers tfjs's WebGL backend under the name `webgl`, in browsers
 * only (tfjs registers nothing under Node, and `useBackend('webgl')` then says so). Activate it with
 * `useBackend('webgl')` from `@sgn/tensor`.
 *
 * sgn's float64 kernels have no WebGL version (WebGL has no float64): for webgl it registers the cpu backend's
 * float64 loops (`@sgn/backend-cpu/shared`), as tfjs's webgl backend reuses the cpu backend's shared kernels.
 * @packageDocumentation
 */
import '@tensorflow/tfjs-backend-webgl';
import { createAdamPassCpu, createRsetcStepCpu } from '@sgn/backend-cpu/shared';
import { AdamPass, registerSgnKernel, RsetcStep, type AdamPassKernel } from '@sgn/tensor';

/** The name this package registers. */
export const backendName = 'webgl';

const createAdamPassWebgl: AdamPassKernel = async (setup) => ({
  ...(await createAdamPassCpu(setup)),
  backend: 'webgl',
});

registerSgnKernel({ kernelName: AdamPass, backendName, kernelFunc: createAdamPassWebgl });
// the RSetC step's float64 reference passes over ordinary memory: the same on webgl as on cpu
registerSgnKernel({ kernelName: RsetcStep, backendName, kernelFunc: createRsetcStepCpu });
