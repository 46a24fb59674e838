import * as tf from '@tensorflow/tfjs-core';
import type { AdamPassKernel } from './adam-pass.js';
import type { AdamPass, RsetcStep } from './kernel-names.js';
import type { RsetcStepKernel } from './rsetc-step.js';

/** Each sgn kernel name and the signature of its kernel function. */
export interface SgnKernelFunctions {
  [AdamPass]: AdamPassKernel;
  [RsetcStep]: RsetcStepKernel;
}

/** One of the names in kernel-names.ts. */
export type SgnKernelName = keyof SgnKernelFunctions;

/** A kernel for one backend, as tfjs's `KernelConfig`: the name, the backend, the function. */
export interface SgnKernelConfig<N extends SgnKernelName = SgnKernelName> {
  kernelName: N;
  backendName: string;
  kernelFunc: SgnKernelFunctions[N];
}

// kept on the global object, as tfjs keeps its kernel registry, so two copies of this package share one registry
const REGISTRY_KEY = Symbol.for('sgn.kernelRegistry');
function registry(): Map<string, SgnKernelConfig> {
  const holder = globalThis as { [REGISTRY_KEY]?: Map<string, SgnKernelConfig> };
  holder[REGISTRY_KEY] ??= new Map();
  return holder[REGISTRY_KEY];
}
const keyOf = (kernelName: string, backendName: string) => `${backendName}_${kernelName}`;

/**
 * Registers a kernel for a backend (a backend package does this for each of its kernels from one explicit list).
 * Registering the same name for the same backend again replaces the earlier kernel.
 *
 * @param config - the kernel name, the backend name and the kernel function
 * @example
 * ```ts
 * registerSgnKernel({ kernelName: AdamPass, backendName: 'cpu', kernelFunc: createAdamPassCpu });
 * ```
 */
export function registerSgnKernel<N extends SgnKernelName>(config: SgnKernelConfig<N>): void {
  registry().set(keyOf(config.kernelName, config.backendName), config as unknown as SgnKernelConfig);
}

/** Removes a kernel registration (tests use it to show what an engine does without a kernel). */
export function unregisterSgnKernel(kernelName: SgnKernelName, backendName: string): void {
  registry().delete(keyOf(kernelName, backendName));
}

/** The backends that have registered `kernelName`, sorted. */
export function backendsWithKernel(kernelName: SgnKernelName): string[] {
  return [...registry().values()]
    .filter((config) => config.kernelName === kernelName)
    .map((config) => config.backendName)
    .sort();
}

/**
 * The kernel registered under `kernelName` for a backend, by default the active tfjs backend (`useBackend`).
 *
 * @param kernelName - e.g. `AdamPass`
 * @param backendName - the backend (default: `tf.getBackend()`)
 * @returns the kernel function
 * @throws when no kernel of that name is registered for that backend, naming the backends that have one
 * @example
 * ```ts
 * import '@sgn/backend-wasm';
 * await useBackend('wasm');
 * const pass = await getSgnKernel(AdamPass)({ size: 1000, threads: 1 });
 * ```
 */
export function getSgnKernel<N extends SgnKernelName>(kernelName: N, backendName?: string): SgnKernelFunctions[N] {
  const backend = backendName ?? tf.getBackend();
  const config = registry().get(keyOf(kernelName, backend));
  if (!config) {
    const others = backendsWithKernel(kernelName);
    throw new Error(
      `no ${kernelName} kernel is registered for backend "${backend}" ` +
        `(registered for: ${others.length > 0 ? others.join(', ') : 'none'}; import '@sgn/backend-<name>' and useBackend(name))`,
    );
  }
  return config.kernelFunc as SgnKernelFunctions[N];
}
