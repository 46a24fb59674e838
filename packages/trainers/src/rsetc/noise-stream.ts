import { createRng, streamSeed, type Rng } from '@sgn/tensor';

/**
 * The noise stream of an RLC training run seeded `seed` (the named sub-stream 'noise'): `trainRlc`, the fused
 * RSetC engine and the bench's peers all draw the noise networks' inputs from it, which is what makes their
 * steps comparable one by one.
 *
 * @param seed - the run's seed (the batch order uses `createRng(seed)` itself)
 * @returns a fresh stream
 */
export function rlcNoiseStream(seed: number): Rng {
  return createRng(streamSeed(seed, 'noise'));
}
