import { describe, expect, it } from 'vitest';
import {
  AdamPass,
  backendsWithKernel,
  getSgnKernel,
  registerSgnKernel,
  RsetcStep,
  unregisterSgnKernel,
  type AdamPassKernel,
} from '../src/index.js';

describe('the sgn kernel registry', () => {
  it('returns the kernel registered for a backend, replaces on re-registration, and forgets on unregister', async () => {
    const first: AdamPassKernel = async () => {
      throw new Error('first');
    };
    const second: AdamPassKernel = async () => {
      throw new Error('second');
    };
    registerSgnKernel({ kernelName: AdamPass, backendName: 'test-a', kernelFunc: first });
    expect(getSgnKernel(AdamPass, 'test-a')).toBe(first);
    registerSgnKernel({ kernelName: AdamPass, backendName: 'test-a', kernelFunc: second });
    expect(getSgnKernel(AdamPass, 'test-a')).toBe(second);
    expect(backendsWithKernel(AdamPass)).toContain('test-a');
    // a kernel of one name is not the kernel of another
    expect(() => getSgnKernel(RsetcStep, 'test-a')).toThrow(
      'no SgnRsetcStep kernel is registered for backend "test-a"',
    );
    unregisterSgnKernel(AdamPass, 'test-a');
    expect(backendsWithKernel(AdamPass)).not.toContain('test-a');
  });

  it('names the backends that do have the kernel when the asked one has none', () => {
    registerSgnKernel({
      kernelName: AdamPass,
      backendName: 'test-b',
      kernelFunc: async () => Promise.reject(new Error('x')),
    });
    registerSgnKernel({
      kernelName: AdamPass,
      backendName: 'test-c',
      kernelFunc: async () => Promise.reject(new Error('x')),
    });
    expect(() => getSgnKernel(AdamPass, 'gpu')).toThrow(
      `no SgnAdamPass kernel is registered for backend "gpu" (registered for: test-b, test-c; import '@sgn/backend-<name>' and useBackend(name))`,
    );
    unregisterSgnKernel(AdamPass, 'test-b');
    unregisterSgnKernel(AdamPass, 'test-c');
  });

  it('keeps one registry on the global object, so two copies of the package share it', async () => {
    const kernel: AdamPassKernel = async () => Promise.reject(new Error('x'));
    registerSgnKernel({ kernelName: AdamPass, backendName: 'test-d', kernelFunc: kernel });
    const registry = (globalThis as Record<symbol, Map<string, { kernelFunc: unknown }>>)[
      Symbol.for('sgn.kernelRegistry')
    ];
    expect(registry.get('test-d_SgnAdamPass')?.kernelFunc).toBe(kernel);
    unregisterSgnKernel(AdamPass, 'test-d');
  });
});
