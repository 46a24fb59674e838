import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { useBackend } from '@sgn/tensor';
import { describeConformance, expectClose, expectNoLeak, runConformance } from '@sgn/tensor/testing';
import { describe, expect, it } from 'vitest';

describeConformance(['wasm']);

describe('@sgn/backend-wasm', () => {
  it('loads its .wasm files from the package in Node, with SIMD', async () => {
    expect(await useBackend('wasm')).toBe('wasm');
    const { tf } = await import('@sgn/tensor');
    expect(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).toBe(true);
  });

  it('agrees with cpu within 1e-5 relative to each case scale, and leaks nothing', async () => {
    await useBackend('cpu');
    const cpu = runConformance();
    await useBackend('wasm');
    await expectNoLeak(() => runConformance());
    const wasm = runConformance();
    wasm.forEach((result, i) => {
      const scale = Math.max(1, ...cpu[i].values.map(Math.abs));
      expectClose(result.values, cpu[i].values, { atol: 1e-5 * scale, rtol: 0, label: result.name });
    });
  });

  it('rejects a location prefix without a trailing slash', async () => {
    const { setWasmLocation } = await import('@sgn/backend-wasm');
    expect(() => setWasmLocation('/assets')).toThrow('prefix must end with "/", got "/assets"');
  });
});
