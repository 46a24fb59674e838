// One table-driven suite for sgn's kernels: every registered kernel on every backend against its float64 reference
// (`*Impl` in @sgn/backend-cpu/shared), bit-identical where the operations are the same.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { adamArraysIn, adamPassImpl, flushTinyImpl } from '@sgn/backend-cpu/shared';
import {
  AdamPass,
  backendsWithKernel,
  createRng,
  getSgnKernel,
  RsetcStep,
  TINY,
  type AdamPassOptions,
} from '@sgn/tensor';
import { describe, expect, it } from 'vitest';

/** Random arrays and a step's options where every term matters (coupled L2, decay, bias correction, tiny entries). */
function adamCase(size: number, seed: number) {
  const rng = createRng(seed);
  const arrays = adamArraysIn(new ArrayBuffer(32 * size), size);
  arrays.weights.set(rng.normalArray(size, 0, 1));
  arrays.grad.set(rng.normalArray(size, 0, 0.1));
  arrays.first.set(rng.normalArray(size, 0, 0.01));
  arrays.second.set(Float64Array.from(rng.normalArray(size, 0, 0.01), (v) => v * v));
  // entries the flush must zero (no gradient or moment moves them out of the tiny range), and one just above it
  for (let i = 3; i <= 6 && i < size; i++) [arrays.grad[i], arrays.first[i], arrays.second[i]] = [0, 0, 0];
  if (size > 6) [arrays.weights[3], arrays.weights[4], arrays.weights[5], arrays.weights[6]] = [1e-101, 0, 0, 3e-100];
  if (size > 6) [arrays.first[4], arrays.second[5]] = [-5e-101, 1e-201];
  const options: AdamPassOptions = {
    beta1: 0.9,
    beta2: 0.99,
    eps: 1e-8,
    eta: 1e-3,
    coupled: 1e-2,
    decay: 1e-4,
    scale1: 1 / (1 - 0.9 ** 3),
    scale2: 1 / (1 - 0.99 ** 3),
  };
  return { arrays, options };
}

const adamBackends = [
  ['cpu', 1, 'js'],
  ['cpu', 2, 'js'],
  ['wasm', 1, 'wasm'],
  ['wasm', 2, 'wasm'],
] as const;

describe('AdamPass on every backend equals adamPassImpl + flushTinyImpl to the last bit', () => {
  it('both backends register it', () => {
    expect(backendsWithKernel(AdamPass)).toEqual(['cpu', 'wasm']);
  });
  // odd sizes: halves and wasm heads leave odd last coordinates to the reference loop
  for (const [backend, threads, kernel] of adamBackends) {
    for (const size of [1, 7, 1001]) {
      it(`${backend}, ${threads} thread(s), ${size} coordinates, two steps (the first flushing)`, async () => {
        const { arrays, options } = adamCase(size, size + threads);
        const pass = await getSgnKernel(AdamPass, backend)({ size, threads });
        try {
          expect([pass.backend, pass.kernel, pass.threads]).toEqual([backend, kernel, threads]);
          for (const key of ['weights', 'grad', 'first', 'second'] as const) pass[key].set(arrays[key]);
          for (const flush of [true, false]) {
            adamPassImpl(arrays, options, 0, size);
            if (flush) flushTinyImpl(arrays, TINY, 0, size);
            pass.step(options, flush);
            for (const key of ['weights', 'grad', 'first', 'second'] as const) {
              expect(Array.from(pass[key]), `${key} after a step (flush ${flush})`).toEqual(Array.from(arrays[key]));
            }
            // m4 = 0.9·(-5e-101) and v5 = 0.99·1e-201 are below TINY and TINY²: the first (flushing) step zeroes them
            if (flush && size > 6) expect([pass.first[4], pass.second[5]]).toEqual([0, 0]);
            arrays.grad.set(createRng(9).normalArray(size, 0, 0.1));
            for (let i = 3; i <= 6 && i < size; i++) arrays.grad[i] = 0;
            pass.grad.set(arrays.grad);
          }
        } finally {
          pass.close();
        }
      });
    }
  }
});

describe('the float64 reference by hand', () => {
  it('adamPassImpl: one coordinate, every term (coupled L2, decoupled decay, bias correction)', () => {
    const arrays = adamArraysIn(new ArrayBuffer(32), 1);
    [arrays.weights[0], arrays.grad[0], arrays.first[0], arrays.second[0]] = [2, -0.5, 0.1, 0.04];
    const o: AdamPassOptions = {
      beta1: 0.8,
      beta2: 0.9,
      eps: 0.5,
      eta: 0.1,
      coupled: 0.25,
      decay: 0.01,
      scale1: 2,
      scale2: 4,
    };
    adamPassImpl(arrays, o, 0, 1);
    // g = -0.5 + 0.25·2 = 0; m = 0.8·0.1 = 0.08; v = 0.9·0.04 = 0.036; w = 2·0.99 - 0.1·0.08·2/(sqrt(0.144) + 0.5)
    const w = 2 * 0.99 - (0.1 * 0.08 * 2) / (Math.sqrt(0.036 * 4) + 0.5);
    expect([arrays.weights[0], arrays.grad[0], arrays.first[0], arrays.second[0]]).toEqual([
      w,
      0,
      0.8 * 0.1,
      0.9 * 0.04,
    ]);
    // a nonzero gradient: g = 1 + 0.25·2 = 1.5
    [arrays.weights[0], arrays.grad[0], arrays.first[0], arrays.second[0]] = [2, 1, 0, 0];
    adamPassImpl(arrays, o, 0, 1);
    const [m, v] = [0.2 * 1.5, 0.1 * 1.5 * 1.5];
    expect(arrays.first[0]).toBeCloseTo(m, 15);
    expect(arrays.second[0]).toBeCloseTo(v, 15);
    expect(arrays.weights[0]).toBeCloseTo(2 * 0.99 - (0.1 * m * 2) / (Math.sqrt(v * 4) + 0.5), 15);
  });
});

describe('RsetcStep', () => {
  it('the wasm backend registers it; the cpu backend has none yet (the fused RSetC says so)', () => {
    expect(backendsWithKernel(RsetcStep)).toEqual(['wasm']);
    expect(() => getSgnKernel(RsetcStep, 'cpu')).toThrow(
      'no SgnRsetcStep kernel is registered for backend "cpu" (registered for: wasm;',
    );
  });
});
