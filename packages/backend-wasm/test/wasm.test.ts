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

  it('BatchMatMul with transposeA / transposeB (transposed first) equals cpu, at rank 2 and 3, and leaks nothing', async () => {
    const { tf, createRng } = await import('@sgn/tensor');
    expect(tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc.name).toBe('transposeFirstBatchMatMul');
    const rng = createRng(9);
    const cases: [number[], number[], boolean, boolean][] = [
      [[7, 5], [7, 3], true, false],
      [[4, 5], [3, 5], false, true],
      [[5, 4], [3, 5], true, true],
      [[2, 6, 4], [2, 6, 3], true, false],
      [[2, 4, 6], [2, 3, 6], false, true],
      [[3, 6, 4], [3, 5, 6], true, true],
      [[4, 5], [5, 3], false, false],
    ];
    for (const [shapeA, shapeB, transposeA, transposeB] of cases) {
      const values = (shape: number[]) =>
        Array.from(
          rng.uniformArray(
            shape.reduce((p, d) => p * d, 1),
            -1,
            1,
          ),
        );
      const [a, b] = [values(shapeA), values(shapeB)];
      const product = async (backend: string) => {
        await useBackend(backend);
        return tf.tidy(() =>
          Array.from(tf.matMul(tf.tensor(a, shapeA), tf.tensor(b, shapeB), transposeA, transposeB).dataSync()),
        );
      };
      const cpu = await product('cpu');
      const wasm = await product('wasm');
      expectClose(wasm, cpu, { atol: 1e-5, rtol: 0, label: `${shapeA} x ${shapeB} ${transposeA} ${transposeB}` });
    }
    await useBackend('wasm');
    await expectNoLeak(() => {
      tf.tidy(() => tf.matMul(tf.ones([3, 6, 4]), tf.ones([3, 5, 6]), true, true).dataSync());
    });
  });

  it('rejects a location prefix without a trailing slash', async () => {
    const { setWasmLocation } = await import('@sgn/backend-wasm');
    expect(() => setWasmLocation('/assets')).toThrow('prefix must end with "/", got "/assets"');
  });
});
