import { it } from 'vitest';
import type { BackendName } from '../backend.js';
import { conformanceCases } from './conformance.js';
import { describeEachBackend } from './describe-each-backend.js';
import { expectClose } from './expect-close.js';

/**
 * Declares the backend conformance suite ({@link conformanceCases}) as vitest tests on each named backend.
 *
 * @param backends - the backends to check; their packages must be imported by the test file
 * @example
 * ```ts
 * import '@sgn/backend-wasm';
 * describeConformance(['wasm']);
 * ```
 */
export function describeConformance(backends: readonly BackendName[]): void {
  describeEachBackend(backends, 'backend conformance', () => {
    for (const c of conformanceCases) {
      it(c.name, () => expectClose(c.run(), c.expected, { atol: c.atol, rtol: 1e-6, label: c.name }));
    }
  });
}
