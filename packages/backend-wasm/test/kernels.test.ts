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
  // a second moment between TINY² and TINY is not tiny: the flush must keep it
  if (size > 6) arrays.second[6] = 1e-150;
  const options: AdamPassOptions = {
    beta1: 0.9,
    beta2: 0.99,
    eps: 1e-8,
    eta: 1e-3,
    coupled: 1e-2,
    decoupled: 0.1,
    correction1: 1 - 0.9 ** 3,
    correction2: 1 - 0.99 ** 3,
  };
  return { arrays, options };
}

/** The same step without bias correction (the wasm backend's uncorrected kernel). */
const uncorrected = (o: AdamPassOptions): AdamPassOptions => ({ ...o, correction1: 1, correction2: 1 });

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
          // a flushing step with bias correction, then one without (wasm: its other, uncorrected kernel)
          for (const [flush, step] of [
            [true, options],
            [false, uncorrected(options)],
          ] as const) {
            adamPassImpl(arrays, step, 0, size);
            if (flush) flushTinyImpl(arrays, TINY, 0, size);
            pass.step(step, flush);
            for (const key of ['weights', 'grad', 'first', 'second'] as const) {
              expect(Array.from(pass[key]), `${key} after a step (flush ${flush})`).toEqual(Array.from(arrays[key]));
            }
            // m4 = 0.9·(-5e-101) and v5 = 0.99·1e-201 are below TINY and TINY²: the first (flushing) step zeroes them
            if (flush && size > 6) expect([pass.first[4], pass.second[5]]).toEqual([0, 0]);
            if (flush && size > 6) expect(pass.second[6]).toBeGreaterThan(0);
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
    const o: AdamPassOptions = {
      beta1: 0.75,
      beta2: 0.5,
      eps: 0.25,
      eta: 0.5,
      coupled: 0.25,
      decoupled: 0.125,
      correction1: 0.5,
      correction2: 0.25,
    };
    // binary fractions, so the moments are exact and can be written down:
    // g = 1 + 0.25·2 = 1.5; m = 0.75·0.5 + 0.25·1.5 = 0.75; v = 0.5·1 + (0.5·1.5)·1.5 = 1.625;
    // w = 2 - 0.5((0.75/0.5)/(sqrt(1.625/0.25) + 0.25) + 0.125·2) = 2 - 0.5(1.5/(sqrt(6.5) + 0.25) + 0.25) = 1.60709595...
    [arrays.weights[0], arrays.grad[0], arrays.first[0], arrays.second[0]] = [2, 1, 0.5, 1];
    adamPassImpl(arrays, o, 0, 1);
    expect([arrays.grad[0], arrays.first[0], arrays.second[0]]).toEqual([0, 0.75, 1.625]);
    expect(arrays.weights[0]).toBeCloseTo(1.607095950664498, 14);
    // no gradient and no decay: the moments decay and the weight moves by η m/(sqrt(v) + ε) alone
    [arrays.weights[0], arrays.grad[0], arrays.first[0], arrays.second[0]] = [1, 0, 0.5, 1];
    adamPassImpl(arrays, { ...o, coupled: 0, decoupled: 0, correction1: 1, correction2: 1 }, 0, 1);
    expect([arrays.first[0], arrays.second[0]]).toEqual([0.375, 0.5]);
    expect(arrays.weights[0]).toBeCloseTo(1 - (0.5 * 0.375) / (Math.SQRT1_2 + 0.25), 14);
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
