/**
 * @sgn/tensor/testing: helpers for numeric tests on every backend (needs vitest for describeEachBackend).
 * @packageDocumentation
 */
export { describeEachBackend } from './describe-each-backend.js';
export { describeConformance } from './describe-conformance.js';
export { expectClose, expectNoLeak } from './expect-close.js';
export type { CloseOptions } from './expect-close.js';
export { conformanceCases, runConformance } from './conformance.js';
export type { ConformanceCase } from './conformance.js';
