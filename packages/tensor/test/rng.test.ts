import { describe, expect, it } from 'vitest';
import { createRng, streamSeed } from '../src/index.js';

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = createRng(123).uniformArray(50);
    const b = createRng(123).uniformArray(50);
    const c = createRng(124).uniformArray(50);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    // seeds that differ only above 2^32 must differ too
    expect(createRng(2 ** 32 + 5).nextUint32()).not.toBe(createRng(5).nextUint32());
  });

  it('uniform has mean 1/2 and variance 1/12 within 5 standard errors', () => {
    const n = 200_000;
    const u = createRng(1).uniformArray(n);
    let sum = 0;
    let sumSq = 0;
    for (const x of u) {
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const variance = sumSq / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Var of (U - 1/2)^2 is 1/180, so the variance estimate has standard error sqrt(1/180/n)
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('normal has the moments of N(mean, std^2): mean, variance 4, fourth moment 3 sigma^4', () => {
    const n = 200_000;
    const z = createRng(2).normalArray(n, 1, 2);
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (const x of z) {
      const c = x - 1;
      m1 += c;
      m2 += c * c;
      m4 += c ** 4;
    }
    m1 /= n;
    m2 /= n;
    m4 /= n;
    expect(Math.abs(m1)).toBeLessThan(5 * Math.sqrt(4 / n));
    // Var((Z sigma)^2) = 2 sigma^4 = 32
    expect(Math.abs(m2 - 4)).toBeLessThan(5 * Math.sqrt(32 / n));
    // Var((Z sigma)^4) = (105 - 9) sigma^8 = 96 * 256
    expect(Math.abs(m4 - 48)).toBeLessThan(5 * Math.sqrt((96 * 256) / n));
  });

  it('integer is uniform on [low, high): chi-square over 7 cells below the 0.999 quantile', () => {
    const rng = createRng(3);
    const counts = new Array(7).fill(0);
    const n = 70_000;
    for (let i = 0; i < n; i++) {
      const k = rng.integer(-3, 4);
      expect(Number.isInteger(k) && k >= -3 && k < 4).toBe(true);
      counts[k + 3]++;
    }
    const expected = n / 7;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(22.46); // chi-square, 6 degrees of freedom, 0.999 quantile
  });

  it('shuffle returns a permutation and leaves the input alone; every position is uniform', () => {
    const rng = createRng(4);
    const items = [0, 1, 2, 3];
    const firstCounts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const s = rng.shuffle(items);
      expect([...s].sort()).toEqual(items);
      firstCounts[s[0]]++;
    }
    expect(items).toEqual([0, 1, 2, 3]);
    const chi2 = firstCounts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(16.27); // 3 degrees of freedom, 0.999 quantile
  });

  it('choice draws k distinct indices, each index with probability k/n', () => {
    const rng = createRng(5);
    const hits = new Array(10).fill(0);
    const trials = 20_000;
    for (let t = 0; t < trials; t++) {
      const c = rng.choice(10, 3);
      expect(new Set(c).size).toBe(3);
      for (const i of c) hits[i]++;
    }
    // each index is included with probability 0.3: binomial sd sqrt(trials * 0.21)
    for (const h of hits) expect(Math.abs(h - trials * 0.3)).toBeLessThan(5 * Math.sqrt(trials * 0.21));
  });

  it('fork gives a stream independent of the parent that is itself reproducible', () => {
    const a = createRng(9);
    const child = a.fork().uniformArray(5);
    const again = createRng(9).fork().uniformArray(5);
    expect(Array.from(child)).toEqual(Array.from(again));
    expect(Array.from(child)).not.toEqual(Array.from(createRng(9).uniformArray(5)));
  });

  it('gives the bits of a plain transcription of the documented algorithm (xoshiro128**, polar method, series log)', () => {
    // the reference: the algorithm as the Rng docs state it, written the obvious way (state in a Uint32Array, the
    // log's 32-bit words through a DataView, the series as a loop); the library's version is the same arithmetic
    // arranged for speed, so every bit must agree
    const reference = (seed: number) => {
      const state = new Uint32Array(4);
      let mix = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x27d4eb2d);
      for (let i = 0; i < 4; i++) {
        mix = (mix + 0x9e3779b9) | 0;
        let z = mix;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
        state[i] = (z ^ (z >>> 16)) >>> 0;
      }
      const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
      const next = () => {
        const result = Math.imul(rotl(Math.imul(state[1], 5), 7), 9) >>> 0;
        const t = state[1] << 9;
        state[2] ^= state[0];
        state[3] ^= state[1];
        state[1] ^= state[2];
        state[0] ^= state[3];
        state[2] ^= t;
        state[3] = rotl(state[3], 11);
        return result;
      };
      const unit = () => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
      const view = new DataView(new ArrayBuffer(8));
      const log = (x: number) => {
        view.setFloat64(0, x);
        const high = view.getUint32(0);
        let e = ((high >>> 20) & 0x7ff) - 1023;
        view.setUint32(0, (high & 0x000fffff) | 0x3ff00000);
        let m = view.getFloat64(0);
        if (m > Math.SQRT2) {
          m /= 2;
          e += 1;
        }
        const s = (m - 1) / (m + 1);
        let [term, sum] = [s, 0];
        for (let k = 1; k <= 23; k += 2) {
          sum += term / k;
          term *= s * s;
        }
        return e * 6.9314718036912381649e-1 + (2 * sum + e * 1.9082149292705877e-10);
      };
      const normal = () => {
        for (;;) {
          const u = 2 * unit() - 1;
          const v = 2 * unit() - 1;
          const s = u * u + v * v;
          if (s > 0 && s < 1) return u * Math.sqrt((-2 * log(s)) / s);
        }
      };
      return { next, unit, normal };
    };
    for (const seed of [0, 1, 42, 2 ** 40 + 7]) {
      const [ours, theirs] = [createRng(seed), reference(seed)];
      const normals = ours.normalArray(20_000);
      const differing = Array.from(normals).filter((value) => !Object.is(value, theirs.normal())).length;
      expect(differing, `seed ${seed}: normals that differ`).toBe(0);
      for (let i = 0; i < 100; i++) expect(ours.uniform()).toBe(theirs.unit());
      expect(ours.nextUint32()).toBe(theirs.next());
    }
  });

  it('rejects bad arguments with a message naming the argument and the value', () => {
    expect(() => createRng(-1)).toThrow('seed must be a non-negative integer below 2^53, got -1');
    expect(() => createRng(1.5)).toThrow('got 1.5');
    expect(() => createRng(0).choice(3, 4)).toThrow('k <= n, got k = 4, n = 3');
    expect(() => createRng(0).integer(2, 2)).toThrow('low < high, got [2, 2)');
    expect(() => createRng(0).normalArray(-2)).toThrow('n must be a non-negative integer, got -2');
  });
});

describe('portableLog', () => {
  it('matches Math.log to 4e-16 relative (or 1e-16 absolute near 1) over many magnitudes', async () => {
    const { portableLog } = await import('../src/rng.js');
    const rng = createRng(6);
    for (let i = 0; i < 20_000; i++) {
      const x = Math.exp(rng.uniform(-700, 700));
      const exact = Math.log(x);
      expect(Math.abs(portableLog(x) - exact)).toBeLessThanOrEqual(Math.max(4e-16 * Math.abs(exact), 1e-16));
    }
    for (const x of [1, 2, 0.5, Math.E, 1 + 2 ** -52, 1 - 2 ** -53]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(2e-16);
    }
    expect(() => portableLog(0)).toThrow('positive finite normal number, got 0');
  });
});

describe('explicit sub-streams', () => {
  it('split(k) gives the parent stream’s next k forks, each reproducible', () => {
    const [first, second] = createRng(3).split(2);
    const parent = createRng(3);
    const [a, b] = [parent.fork(), parent.fork()];
    expect(Array.from(first.uniformArray(4))).toEqual(Array.from(a.uniformArray(4)));
    expect(Array.from(second.uniformArray(4))).toEqual(Array.from(b.uniformArray(4)));
    expect(Array.from(createRng(3).split(2)[1].uniformArray(4))).not.toEqual(
      Array.from(createRng(3).split(2)[0].uniformArray(4)),
    );
    expect(() => createRng(3).split(-1)).toThrow('k must be a non-negative integer, got -1');
  });

  it('streamSeed follows its documented algorithm (splitmix32 over the seed words, then the name)', () => {
    // an independent transcription of splitmix32 (Steele, Lea & Flood 2014, 32-bit variant)
    const mix = (state: number): [number, number] => {
      const next = (state + 0x9e3779b9) >>> 0;
      let z = next;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return [next, (z ^ (z >>> 16)) >>> 0];
    };
    const reference = (seed: number, name: string) => {
      let [state, out] = mix((seed % 2 ** 32) ^ 0x5eed5eed);
      [state, out] = mix(state ^ out ^ Math.floor(seed / 2 ** 32));
      for (const unit of Array.from(name, (c) => c.charCodeAt(0))) [state, out] = mix(state ^ out ^ unit);
      return out >>> 1;
    };
    for (const [seed, name] of [
      [0, 'noise'],
      [7, 'test-set'],
      [2 ** 40 + 5, 'votes-m11'],
      [1, 'a'],
    ] as const) {
      expect(streamSeed(seed, name)).toBe(reference(seed, name));
    }
  });

  it('streamSeed gives every (seed, name) its own seed, so seed s’s noise is not seed s + 1’s init', () => {
    const names = ['init', 'noise', 'votes', 'test-set', 'points', 'order', 'a', 'b', 'ab', 'ba'];
    const seen = new Set<number>();
    for (let seed = 0; seed < 100; seed++) for (const name of names) seen.add(streamSeed(seed, name));
    expect(seen.size).toBe(1000);
    expect(streamSeed(4, 'noise')).not.toBe(streamSeed(5, 'init'));
    expect(() => streamSeed(-1, 'noise')).toThrow('seed must be a non-negative integer below 2^53, got -1');
    expect(() => streamSeed(1, '')).toThrow('stream must be a non-empty name');
  });
});
