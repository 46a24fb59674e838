import { adamDemo } from './adam.js';
import { directionalDemo } from './directional.js';
import { lpDemo } from './lp.js';
import { rlcDemo } from './rlc.js';
import type { Demo } from './types.js';

/** Every live experiment of the docs site, by id. */
export const demos: Record<string, Demo> = Object.fromEntries(
  [lpDemo, adamDemo, rlcDemo, directionalDemo].map((demo) => [demo.id, demo]),
);
