import * as tf from '@tensorflow/tfjs-core';

/**
 * A seeded stream of random numbers. Every random thing in sgn (data generators, initializers, mini-batch order)
 * draws from one of these, so the same seed gives the same numbers in Node and in a browser.
 *
 * Algorithm (fixed; changing it changes every result sgn has published):
 * - state: xoshiro128** (Blackman & Vigna, 2018), four 32-bit words, filled by four splitmix32 steps started from
 *   `low ^ imul(high, 0x27d4eb2d)`, where low and high are the seed's 32-bit halves;
 * - `uniform`: 53 random bits from two outputs, `(a >>> 5) * 2^26 + (b >>> 6)` over 2^53, in [0, 1);
 * - `normal`: Marsaglia's polar method, one normal per accepted pair: u, v uniform in [-1, 1), s = u² + v², retry
 *   unless 0 < s < 1, return `u sqrt(-2 ln(s) / s)`; the logarithm is `portableLog` (+ - * / sqrt only), not `Math.log`;
 * - `integer`: rejection sampling on 32-bit outputs (unbiased);
 * - `shuffle` / `choice`: Fisher–Yates (full / partial) driven by `integer`.
 * Only integer arithmetic, + - * / and `Math.sqrt` are used: IEEE-754 rounds these exactly, so every engine gives
 * the same bits. (`Math.log` and `Math.cos` are not specified to the last bit: Node 20 and Chromium 156 differ.)
 */
export interface Rng {
  /** The seed this stream was created from. */
  readonly seed: number;
  /** The next raw 32-bit output, an integer in [0, 2^32). */
  nextUint32(): number;
  /** A uniform number in [low, high). */
  uniform(low?: number, high?: number): number;
  /** A normal number with the given mean and standard deviation. */
  normal(mean?: number, std?: number): number;
  /** A uniform integer in [low, high). */
  integer(low: number, high: number): number;
  /** A new array with the items of `items` in uniformly random order (the input is not changed). */
  shuffle<T>(items: readonly T[]): T[];
  /** `k` distinct indices from [0, n), in the order drawn (sampling without replacement). */
  choice(n: number, k: number): number[];
  /** `n` uniform numbers in [low, high). */
  uniformArray(n: number, low?: number, high?: number): Float64Array;
  /** `n` normal numbers with the given mean and standard deviation. */
  normalArray(n: number, mean?: number, std?: number): Float64Array;
  /** An independent stream derived from this one's next outputs (for giving a sub-task its own seed). */
  fork(): Rng;
  /** `k` independent streams forked from this one in order (JAX's `split`): sub-tasks each get their own. */
  split(k: number): Rng[];
}

// one float64 and its two 32-bit words (typed arrays use the platform's byte order: find the high word's index)
const float = new Float64Array(1);
const words = new Uint32Array(float.buffer);
float[0] = 1;
const HIGH = words[1] === 0x3ff00000 ? 1 : 0;
const LN2_HI = 6.9314718036912381649e-1; // fdlibm's split of ln 2: LN2_HI * e is exact for |e| < 2^11
const LN2_LO = 1.9082149292705877e-10;

/**
 * The natural logarithm of a positive, finite, normal number from + - * / alone, so that it gives the same bits
 * on every JavaScript engine (accurate to a few ulp). Writes x = m 2^e with m in [sqrt(1/2), sqrt(2)) and sums
 * ln m = 2 atanh(s) = 2 (s + s^3/3 + ... + s^23/23) with s = (m - 1)/(m + 1), |s| <= 0.172.
 *
 * @param x - a positive finite normal number
 * @returns ln x
 */
export function portableLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x) || x < 2.2250738585072014e-308) {
    throw new Error(`portableLog needs a positive finite normal number, got ${x}`);
  }
  float[0] = x;
  const high = words[HIGH];
  let exponent = ((high >>> 20) & 0x7ff) - 1023;
  words[HIGH] = (high & 0x000fffff) | 0x3ff00000;
  let m = float[0];
  if (m > Math.SQRT2) {
    m /= 2;
    exponent += 1;
  }
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let k = 1; k <= 23; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return exponent * LN2_HI + (2 * sum + exponent * LN2_LO);
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

function checkCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${value}`);
  }
}

/**
 * Creates a seeded random stream; see {@link Rng} for the algorithm.
 *
 * @param seed - an integer in [0, 2^53); different seeds give independent-looking streams
 * @returns the stream
 * @throws when `seed` is not a non-negative safe integer
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.normal(); // same number on every machine and in every browser
 * rng.choice(10, 3); // three distinct indices in [0, 10)
 * ```
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative integer below 2^53, got ${seed}`);
  }
  const low = seed >>> 0;
  const high = Math.floor(seed / 4294967296) >>> 0;
  let mix = low ^ Math.imul(high, 0x27d4eb2d);
  const state = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(mix);
    mix = next;
    state[i] = out;
  }
  if ((state[0] | state[1] | state[2] | state[3]) === 0) state[0] = 1;
  // the state as four int32 locals (faster than typed-array slots; the same bits)
  let [s0, s1, s2, s3] = [state[0] | 0, state[1] | 0, state[2] | 0, state[3] | 0];

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const unit = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
  const integer = (lowBound: number, highBound: number): number => {
    if (!Number.isSafeInteger(lowBound) || !Number.isSafeInteger(highBound) || highBound <= lowBound) {
      throw new Error(`integer range must be integers with low < high, got [${lowBound}, ${highBound})`);
    }
    const range = highBound - lowBound;
    if (range > 4294967296) throw new Error(`integer range must span at most 2^32 values, got ${range}`);
    const limit = 4294967296 - (4294967296 % range);
    for (;;) {
      const x = nextUint32();
      if (x < limit) return lowBound + (x % range);
    }
  };
  const normal = (mean = 0, std = 1): number => {
    for (;;) {
      const u = 2 * unit() - 1;
      const v = 2 * unit() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return mean + std * u * Math.sqrt((-2 * portableLog(s)) / s);
    }
  };
  const uniform = (lowBound = 0, highBound = 1): number => lowBound + (highBound - lowBound) * unit();

  return {
    seed,
    nextUint32,
    uniform,
    normal,
    integer,
    shuffle<T>(items: readonly T[]): T[] {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = integer(0, i + 1);
        const tmp = out[i];
        out[i] = out[j];
        out[j] = tmp;
      }
      return out;
    },
    choice(n: number, k: number): number[] {
      checkCount('n', n);
      checkCount('k', k);
      if (k > n) throw new Error(`choice without replacement needs k <= n, got k = ${k}, n = ${n}`);
      // a partial Fisher-Yates over the pool 0..n-1 with only the moved slots stored: the same draws and the same
      // result as swapping in a full array, in O(k) instead of O(n) (patch images pick 100 of 10^4 coordinates)
      const moved = new Map<number, number>();
      const chosen = new Array<number>(k);
      for (let i = 0; i < k; i++) {
        const j = integer(i, n);
        const atI = moved.get(i) ?? i;
        chosen[i] = moved.get(j) ?? j;
        moved.set(j, atI);
      }
      return chosen;
    },
    uniformArray(n: number, lowBound = 0, highBound = 1): Float64Array {
      checkCount('n', n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = uniform(lowBound, highBound);
      return out;
    },
    normalArray(n: number, mean = 0, std = 1): Float64Array {
      checkCount('n', n);
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = normal(mean, std);
      return out;
    },
    fork(): Rng {
      return createRng((nextUint32() >>> 11) * 4294967296 + nextUint32());
    },
    split(k: number): Rng[] {
      checkCount('k', k);
      return Array.from({ length: k }, () => this.fork());
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function shapeSize(shape: readonly number[]): number {
  for (const dim of shape) checkCount('shape entry', dim);
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * A float32 tensor of normal numbers drawn from `rng` in row-major order.
 *
 * @param rng - the stream to draw from
 * @param shape - the tensor's shape
 * @param std - standard deviation (default 1); `mean` default 0
 * @returns a new tensor the caller owns
 * @example
 * ```ts
 * const w = normalTensor(createRng(0), [20, 1000], 0.01);
 * ```
 */
export function normalTensor(rng: Rng, shape: readonly number[], std = 1, mean = 0): tf.Tensor {
  return tf.tensor(Float32Array.from(rng.normalArray(shapeSize(shape), mean, std)), shape.slice());
}

/**
 * A float32 tensor of uniform numbers in [low, high) drawn from `rng` in row-major order.
 *
 * @param rng - the stream to draw from
 * @param shape - the tensor's shape
 * @param low - lower bound (default 0)
 * @param high - upper bound (default 1)
 * @returns a new tensor the caller owns
 * @example
 * ```ts
 * const b = uniformTensor(createRng(0), [80], -1, 1);
 * ```
 */
export function uniformTensor(rng: Rng, shape: readonly number[], low = 0, high = 1): tf.Tensor {
  return tf.tensor(Float32Array.from(rng.uniformArray(shapeSize(shape), low, high)), shape.slice());
}

/**
 * The seed of unit `index` of a run seeded `seed`: the index-th integer of `createRng(seed)`, so any unit can be
 * recomputed alone (resume) and matches the restart seeds of the sequential experiments.
 *
 * @param seed - the run's seed
 * @param index - the unit (restart) index, 0-based
 * @returns an integer in [0, 2^31)
 * @example
 * const seeds = [0, 1, 2].map((r) => unitSeed(7, r)); // the first three integers of createRng(7)
 */
export function unitSeed(seed: number, index: number): number {
  const rng = createRng(seed);
  for (let i = 0; i < index; i++) rng.integer(0, 2 ** 31);
  return rng.integer(0, 2 ** 31);
}

/**
 * The seed of the named sub-stream `stream` of a run seeded `seed` (as numpy's SeedSequence spawn keys or JAX's
 * `fold_in`): splitmix32 steps over the seed's two words and then the name's UTF-16 code units, so every
 * (seed, name) pair gets its own stream. This replaces seed arithmetic (`seed + 1` for the noise made seed s's
 * noise the init stream of seed s + 1).
 *
 * @param seed - the run's seed, an integer in [0, 2^53)
 * @param stream - the sub-stream's name, e.g. `'noise'`, `'test-set'`, `'votes-m11'`
 * @returns an integer seed in [0, 2^31)
 * @example
 * ```ts
 * const noise = createRng(streamSeed(7, 'noise'));
 * const test = patchImages({ ...settings, seed: streamSeed(7, 'test-set') });
 * ```
 */
export function streamSeed(seed: number, stream: string): number {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new Error(`seed must be a non-negative integer below 2^53, got ${seed}`);
  }
  if (stream.length === 0) throw new Error('stream must be a non-empty name');
  let [state, out] = splitmix32((seed >>> 0) ^ 0x5eed5eed);
  [state, out] = splitmix32(state ^ out ^ (Math.floor(seed / 4294967296) >>> 0));
  for (let i = 0; i < stream.length; i++) [state, out] = splitmix32(state ^ out ^ stream.charCodeAt(i));
  return out >>> 1;
}
