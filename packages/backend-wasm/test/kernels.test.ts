// One table-driven suite for sgn's kernels: every registered kernel on every backend against its float64 reference
// (`*Impl` in @sgn/backend-cpu/shared), bit-identical where the operations are the same.
import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import { adamArraysIn, adamPassImpl, flushTinyImpl } from '@sgn/backend-cpu/shared';
import {
  AdamPass,
  backendsWithKernel,
  createRng,
  FLUSH_EVERY,
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
    for (const size of [1, 7, 23, 1001]) {
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

describe('a pass split over two threads', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`${backend}: steps in which the worker thread runs chunks equal the reference loop to the last bit`, async () => {
      const size = 40_001;
      const { arrays, options } = adamCase(size, 11);
      const pass = await getSgnKernel(AdamPass, backend)({ size, threads: 2 });
      try {
        for (const key of ['weights', 'grad', 'first', 'second'] as const) pass[key].set(arrays[key]);
        const gradient = createRng(12);
        // until the worker has taken part in a few steps (it claims chunks whenever it is awake when a step starts)
        let steps = 0;
        for (; steps < 2000 && (pass.workerChunks?.() ?? 0) < 8; steps++) {
          const flush = steps % 7 === 0;
          adamPassImpl(arrays, options, 0, size);
          if (flush) flushTinyImpl(arrays, TINY, 0, size);
          pass.step(options, flush);
          arrays.grad.set(gradient.normalArray(size, 0, 0.1));
          pass.grad.set(arrays.grad);
        }
        expect(pass.workerChunks?.()).toBeGreaterThanOrEqual(8);
        for (const key of ['weights', 'first', 'second'] as const)
          expect(Array.from(pass[key]), `${key} after ${steps} steps`).toEqual(Array.from(arrays[key]));
      } finally {
        pass.close();
      }
    });
  }
});

describe('the flush is harmless', () => {
  // 600 steps with a flush every FLUSH_EVERY against the same steps of adamPassImpl alone, never flushed: half the
  // coordinates get gradients of sizes 1e-6..1 every step, half none (their weights halve each step under
  // ηλ = 0.5, 8.6e-78 at step 256, below TINY only by step 512). A flush may change a weight by at most 1e-90.
  for (const [backend, threads] of adamBackends) {
    it(`${backend}, ${threads} thread(s): 600 steps flushed every ${FLUSH_EVERY} stay within 1e-90 of no flush`, async () => {
      const size = 64;
      const rng = createRng(11);
      const reference = adamArraysIn(new ArrayBuffer(32 * size), size);
      reference.weights.set(rng.normalArray(size, 0, 1));
      const scales = Array.from({ length: size }, (_, i) => (i < size / 2 ? 10 ** (-6 * rng.uniform()) : 0));
      const options: AdamPassOptions = {
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        eta: 0.5,
        coupled: 0,
        decoupled: 1,
        correction1: 1,
        correction2: 1,
      };
      const pass = await getSgnKernel(AdamPass, backend)({ size, threads });
      try {
        pass.weights.set(reference.weights);
        for (let step = 1; step <= 600; step++) {
          const g = Float64Array.from(rng.normalArray(size), (v, i) => v * scales[i]);
          reference.grad.set(g);
          pass.grad.set(g);
          adamPassImpl(reference, options, 0, size);
          pass.step(options, step % FLUSH_EVERY === 0);
        }
        const gap = Math.max(...Array.from(pass.weights, (w, i) => Math.abs(w - reference.weights[i])));
        expect(gap).toBeLessThanOrEqual(1e-90);
        // the flush did act: the decayed weights are exactly 0 where the unflushed run holds ~1e-155
        const flushed = Array.from(pass.weights).filter((w, i) => w === 0 && reference.weights[i] !== 0).length;
        expect(flushed).toBe(size / 2);
        expect(Array.from(pass.weights.subarray(0, size / 2)).every((w) => Math.abs(w) > 1e-3)).toBe(true);
      } finally {
        pass.close();
      }
    });
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

/** A memory laid out as the fused RSetC lays it out (float32 slots, then the float64 row sums), with random data. */
function rsetcCase(count: number, n: number, k: number, batch: number, seed: number) {
  const rng = createRng(seed);
  const B = 16 * Math.ceil(batch / 16);
  const sizes = { X: count * n, Y: count, idx: B, own: k * n, xT: n * B, S: B, y: B, base: k, b: k, P: B, T: B, U: B };
  const at: Record<string, number> = {};
  let bytes = 0;
  for (const [key, size] of Object.entries(sizes)) [at[key], bytes] = [bytes, bytes + 4 * size];
  const out = 8 * Math.ceil(bytes / 8);
  const pages = Math.ceil((out + 40 * k) / 65_536);
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const f32 = (key: keyof typeof sizes) => new Float32Array(memory.buffer, at[key], sizes[key]);
  f32('X').set(rng.normalArray(count * n));
  f32('Y').set(Array.from({ length: count }, () => (rng.uniform() < 0.5 ? -1 : 1)));
  new Int32Array(memory.buffer, at.idx, batch).set(
    rng.shuffle(Array.from({ length: count }, (_, i) => i)).slice(0, batch),
  );
  f32('own').set(rng.normalArray(k * n));
  f32('base').set(rng.normalArray(k, 0, 0.5));
  f32('b').set(rng.normalArray(k));
  return { memory, at, out, B, sums: () => Array.from(new Float64Array(memory.buffer, out, 5 * k)) };
}

describe('RsetcStep on every backend against rsetcStepImpl', () => {
  it('cpu and wasm register it', () => {
    expect(backendsWithKernel(RsetcStep)).toEqual(['cpu', 'wasm']);
  });
  // batch 37 of 50 sets: padding columns 37..47; signs of w1, c0, c1 both ways
  for (const [w1, c0, c1] of [
    [0.7, 1.3, 0.4],
    [-0.45, -0.8, -1.1],
  ]) {
    it(`the gather is exact and the row sums agree to float32 accuracy (w1 ${w1}, c0 ${c0}, c1 ${c1})`, async () => {
      const [n, k, batch] = [6, 9, 37];
      const results: Record<string, { sums: number[]; gathered: number[] }> = {};
      for (const backend of backendsWithKernel(RsetcStep)) {
        const { memory, at, out, B, sums } = rsetcCase(50, n, k, batch, 11);
        const passes = await getSgnKernel(RsetcStep, backend)(memory);
        if (!passes) throw new Error(`${backend}: no passes`);
        passes.gather(at.X, at.Y, at.idx, batch, n, B, at.xT, at.S, at.y);
        passes.step(at.own, at.xT, at.S, at.y, at.base, at.b, at.P, at.T, at.U, out, k, n, B, w1, c0, c1);
        const gathered = Array.from(new Float32Array(memory.buffer, at.xT, n * B + 2 * B));
        results[backend] = { sums: sums(), gathered };
      }
      // the float64 reference written out for draw 0, from the same memory (independent of both kernels' loops)
      const { memory, at, B } = rsetcCase(50, n, k, batch, 11);
      const view = (offset: number, size: number) => new Float32Array(memory.buffer, offset, size);
      const [X, Y, own, base, b] = [
        view(at.X, 50 * n),
        view(at.Y, 50),
        view(at.own, k * n),
        view(at.base, k),
        view(at.b, k),
      ];
      const idx = new Int32Array(memory.buffer, at.idx, batch);
      const f = Math.fround;
      const draw0 = [0, 0, 0, 0, 0];
      for (const row of idx) {
        const x = Array.from(X.subarray(row * n, row * n + n));
        const S = f(x.reduce((sum, v) => sum + v, 0));
        const p = x.reduce((sum, v, i) => sum + own[i] * v, 0);
        const ax = base[0] * S + f(w1) * p;
        const t = Math.tanh(f(c0) * ax - f(c1) * b[0]);
        const z = Y[row] * t;
        const g = -Y[row] * (1 / (1 + Math.exp(z))) * (1 - t * t);
        [draw0[0], draw0[1], draw0[2], draw0[3], draw0[4]] = [
          draw0[0] + Math.log(1 + Math.exp(-z)),
          draw0[1] + g,
          draw0[2] + g * S,
          draw0[3] + g * p,
          draw0[4] + g * ax,
        ];
      }
      results.cpu.sums.slice(0, 5).forEach((v, i) => expect(v, `cpu row sum ${i} of draw 0`).toBeCloseTo(draw0[i], 10));
      expect(B).toBe(48);
      expect(results.wasm.gathered).toEqual(results.cpu.gathered);
      results.wasm.sums.forEach((v, i) =>
        expect(Math.abs(v - results.cpu.sums[i]), `row sum ${i % 5} of draw ${Math.floor(i / 5)}`).toBeLessThan(
          2e-5 * (1 + Math.abs(results.cpu.sums[i])),
        ),
      );
    });
  }
});
