import { quoteForMessage } from '@sgn/tensor';
import { adamChecks } from './papers/stochastic-adam/checks.js';
import { adamRealChecks } from './papers/stochastic-adam/real-checks.js';
import { directionalChecks } from './papers/directional/checks.js';
import { reluScalingCheck } from './papers/directional/relu-scaling.js';
import { lpChecks } from './papers/lp-sparse/checks.js';
import { rlcChecks } from './papers/rlc/checks.js';
import type { TheoryCheck } from './harness/check.js';

/** Every theory check sgn ships, in the order `sgn check --all` runs them. */
export const theoryChecks: readonly TheoryCheck[] = [
  ...lpChecks,
  ...adamChecks,
  ...adamRealChecks,
  ...directionalChecks,
  reluScalingCheck,
  ...rlcChecks,
];

/**
 * Finds checks by id or id prefix (`lp` selects every `lp.*` check).
 *
 * @param ids - ids or prefixes; empty selects all
 * @returns the checks, in registry order
 * @throws naming the unknown id and listing the known ones
 */
export function selectChecks(ids: readonly string[]): TheoryCheck[] {
  if (ids.length === 0) return [...theoryChecks];
  for (const id of ids) {
    if (!theoryChecks.some((c) => c.id === id || c.id.startsWith(`${id}.`))) {
      throw new Error(`unknown check ${quoteForMessage(id)}; known: ${theoryChecks.map((c) => c.id).join(', ')}`);
    }
  }
  return theoryChecks.filter((c) => ids.some((id) => c.id === id || c.id.startsWith(`${id}.`)));
}
