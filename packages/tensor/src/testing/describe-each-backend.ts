import { beforeAll, describe } from 'vitest';
import { useBackend, type BackendName } from '../backend.js';

/**
 * Writes a numeric test once and runs it on each named backend: one `describe` block per backend, which activates
 * that backend before its tests. The test file imports the backend packages it names (e.g. `import
 * '@sgn/backend-wasm'`).
 *
 * @param backends - e.g. `['cpu', 'wasm']`
 * @param title - the block title; the backend name is appended
 * @param body - declares the tests; receives the backend name
 * @example
 * ```ts
 * describeEachBackend(['cpu', 'wasm'], 'relu', () => {
 *   it('clips negatives', () => expectClose(tf.relu(tf.tensor1d([-1, 2])), [0, 2]));
 * });
 * ```
 */
export function describeEachBackend(
  backends: readonly BackendName[],
  title: string,
  body: (backend: BackendName) => void,
): void {
  for (const backend of backends) {
    describe(`${title} [${backend}]`, () => {
      beforeAll(async () => {
        await useBackend(backend);
      });
      body(backend);
    });
  }
}
