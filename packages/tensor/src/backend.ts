import * as tf from '@tensorflow/tfjs-core';

/** The backends sgn supports, each provided by a package `@sgn/backend-<name>`. */
export const BACKEND_NAMES = ['cpu', 'wasm', 'webgl'] as const;

/** One of {@link BACKEND_NAMES}. */
export type BackendName = (typeof BACKEND_NAMES)[number];

/** True when running under Node.js (where webgl is not available). */
export function isNode(): boolean {
  const candidate = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof candidate?.versions?.node === 'string';
}

/**
 * The sgn backends whose package has been imported here (and so are registered with tfjs), in
 * {@link BACKEND_NAMES} order. Registration alone does not initialize a backend: see {@link useBackend}.
 *
 * @returns the registered backend names, e.g. `['cpu', 'wasm']`
 * @example
 * ```ts
 * import '@sgn/backend-cpu';
 * registeredBackends(); // ['cpu']
 * ```
 */
export function registeredBackends(): BackendName[] {
  return BACKEND_NAMES.filter((name) => tf.findBackendFactory(name) != null);
}

/**
 * Loads and activates a backend and waits until it is ready.
 *
 * The backend's package must have been imported (it registers the backend as a side effect), e.g.
 * `import '@sgn/backend-wasm'`. Fails with an error that names what is available when the name is unknown, when
 * webgl is asked for under Node, when the package was not imported, or when the backend cannot initialize here.
 *
 * @param name - `'cpu'`, `'wasm'` or `'webgl'`
 * @returns the name of the active backend
 * @example
 * ```ts
 * import '@sgn/backend-wasm';
 * await useBackend('wasm'); // 'wasm'
 * ```
 */
export async function useBackend(name: string): Promise<BackendName> {
  if (!(BACKEND_NAMES as readonly string[]).includes(name)) {
    throw new Error(`backend must be one of ${BACKEND_NAMES.join(', ')}, got "${name}"`);
  }
  if (name === 'webgl' && isNode()) {
    throw new Error('backend "webgl" needs a browser with WebGL; under Node use cpu or wasm');
  }
  const registered = registeredBackends();
  if (!registered.includes(name as BackendName)) {
    throw new Error(
      `backend "${name}" is not loaded: import '@sgn/backend-${name}' first ` +
        `(loaded here: ${registered.length > 0 ? registered.join(', ') : 'none'})`,
    );
  }
  const ok = await tf.setBackend(name);
  if (!ok) {
    throw new Error(`backend "${name}" failed to initialize here (loaded: ${registered.join(', ')})`);
  }
  await tf.ready();
  return tf.getBackend() as BackendName;
}
