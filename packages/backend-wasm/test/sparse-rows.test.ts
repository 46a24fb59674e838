// The AdamPass kernel's sparse rows (the patch CNN's forward gather and noise-gradient scatter) on every backend:
// hand-computed values, bit-identical to the float64 reference loops, and clear errors for bad rows and calls.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { gatherRowsImpl, scatterRowsImpl } from '@sgn/backend-cpu/shared';
import { AdamPass, createRng, getSgnKernel, type SparseExamples } from '@sgn/tensor';
import { describe, expect, it } from 'vitest';

const backends = [
  ['cpu', 1],
  ['cpu', 2],
  ['wasm', 1],
  ['wasm', 2],
] as const;

/** Four rows of width 3 (odd: the wasm kernel's last column runs alone), weights w[i] = i + 1. */
const HAND: SparseExamples = {
  offsets: Int32Array.from([0, 2, 3]),
  support: Int32Array.from([2, 0, 3]),
  values: Float64Array.from([0.5, -2, 4]),
};

describe('sparse rows: hand-computed gather and scatter', () => {
  for (const [backend, threads] of backends) {
    it(`${backend}, ${threads} thread(s)`, async () => {
      const pass = await getSgnKernel(AdamPass, backend)({ size: 12, threads, rows: { width: 3, sets: [HAND] } });
      try {
        pass.weights.set(Array.from({ length: 12 }, (_, i) => i + 1));
        const rows = pass.rows!;
        // example 0: rows 2 (w 7, 8, 9) times 0.5 and 0 (w 1, 2, 3) times -2, onto out = (1, -1, 10)
        rows.out.set([1, -1, 10]);
        rows.gather(0, 0);
        expect([...rows.out]).toEqual([1 + 3.5 - 2, -1 + 4 - 4, 10 + 4.5 - 6]);
        // example 1: row 3 (w 10, 11, 12) times 4
        rows.out.set([0, 0, 0]);
        rows.gather(0, 1);
        expect([...rows.out]).toEqual([40, 44, 48]);
        // scatter example 0 into columns 2 and 0 with scales 3 and -1: row 2 gets (−0.5, 0, 1.5), row 0 (2, 0, −6)
        pass.grad.fill(1);
        rows.filters.set([2, 0]);
        rows.scales.set([3, -1]);
        rows.scatter(0, 0, 2);
        expect([...pass.grad]).toEqual([3, 1, -5, 1, 1, 1, 0.5, 1, 2.5, 1, 1, 1]);
        // count 1: column 2 of row 3 only
        rows.scatter(0, 1, 1);
        expect(pass.grad[11]).toBe(1 + 12);
        expect(pass.grad[9]).toBe(1);
      } finally {
        pass.close();
      }
    });
  }
});

/** Two sets of examples over `rows` rows with values of mixed sign and magnitude (sums whose order matters). */
function randomSets(rows: number, seed: number): SparseExamples[] {
  const rng = createRng(seed);
  return [7, 3].map((examples) => {
    const offsets = [0];
    const support: number[] = [];
    for (let i = 0; i < examples; i++) {
      const count = i === 1 ? 0 : 5 + Math.floor(rng.uniform() * 20);
      for (let k = 0; k < count; k++) support.push(Math.floor(rng.uniform() * rows));
      offsets.push(support.length);
    }
    const values = rng.normalArray(support.length, 0, 1).map((v, k) => v * 10 ** ((k % 7) - 3));
    return { offsets: Int32Array.from(offsets), support: Int32Array.from(support), values: Float64Array.from(values) };
  });
}

describe('sparse rows equal gatherRowsImpl / scatterRowsImpl to the last bit', () => {
  for (const width of [40, 7]) {
    for (const [backend, threads] of backends) {
      it(`width ${width}, ${backend}, ${threads} thread(s)`, async () => {
        const size = width * 50;
        const sets = randomSets(50, width);
        const rng = createRng(99);
        const weights = Float64Array.from(rng.normalArray(size, 0, 1));
        const pass = await getSgnKernel(AdamPass, backend)({ size, threads, rows: { width, sets } });
        try {
          // the wasm backend runs its own kernel, not the reference fallback
          expect(pass.kernel).toBe(backend === 'wasm' ? 'wasm' : 'js');
          const rows = pass.rows!;
          pass.weights.set(weights);
          const grad = new Float64Array(size);
          const filters = Int32Array.from({ length: width }, (_, a) => (a * 3) % width).subarray(0, width - 2);
          for (let s = 0; s < sets.length; s++) {
            for (let i = 0; i + 1 < sets[s].offsets.length; i++) {
              const start = Float64Array.from(rng.normalArray(width, 0, 1));
              const expected = Float64Array.from(start);
              gatherRowsImpl(weights, width, sets[s], i, expected);
              rows.out.set(start);
              rows.gather(s, i);
              expect(rows.out).toEqual(expected);
              const scales = Float64Array.from(rng.normalArray(width, 0, 1));
              scatterRowsImpl(grad, width, sets[s], i, filters, scales, filters.length);
              rows.filters.set(filters);
              rows.scales.set(scales);
              rows.scatter(s, i, filters.length);
            }
          }
          expect(pass.grad).toEqual(grad);
          expect(grad.some((g) => g !== 0)).toBe(true);
        } finally {
          pass.close();
        }
      });
    }
  }
});

describe('sparse rows: bad rows and bad calls fail with one line naming the value', () => {
  for (const backend of ['cpu', 'wasm']) {
    it(backend, async () => {
      const kernel = getSgnKernel(AdamPass, backend);
      await expect(kernel({ size: 12, threads: 1, rows: { width: 5, sets: [HAND] } })).rejects.toThrow(
        'rows.width must be a positive integer dividing size 12, got 5',
      );
      const outside = { ...HAND, support: Int32Array.from([2, 4, 3]) };
      await expect(kernel({ size: 12, threads: 1, rows: { width: 3, sets: [outside] } })).rejects.toThrow(
        'rows.sets[0].support[1] must be a row index in [0, 4), got 4',
      );
      const backwards = { ...HAND, offsets: Int32Array.from([0, 2, 1]) };
      await expect(kernel({ size: 12, threads: 1, rows: { width: 3, sets: [backwards] } })).rejects.toThrow(
        'rows.sets[0].offsets[2] must be an integer in [2, 3], got 1',
      );
      const pass = await kernel({ size: 12, threads: 1, rows: { width: 3, sets: [HAND] } });
      try {
        const rows = pass.rows!;
        expect(() => rows.gather(1, 0)).toThrow('set must be an integer in [0, 1), got 1');
        expect(() => rows.gather(0, 2)).toThrow('example must be an integer in [0, 2), got 2');
        expect(() => rows.scatter(0, -1, 1)).toThrow('example must be an integer in [0, 2), got -1');
        expect(() => rows.scatter(0, 0, 4)).toThrow('count must be an integer in [0, 3], got 4');
      } finally {
        pass.close();
      }
    });
  }
});
