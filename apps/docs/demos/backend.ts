import '@sgn/backend-cpu';
import '@sgn/backend-wasm';
import '@sgn/backend-webgl';
import { tf, useBackend, type BackendName } from '@sgn/tensor';

/** The backends a page offers, best first. */
export const PAGE_BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/**
 * Activates the wanted backend, or the next one in {@link PAGE_BACKENDS} that initializes here.
 *
 * @param wanted - webgl, wasm or cpu
 * @returns the active backend and, when it is not the wanted one, a sentence saying why
 */
export async function activateBackend(wanted: BackendName): Promise<{ active: BackendName; notice: string | null }> {
  const order = [wanted, ...PAGE_BACKENDS.filter((name) => name !== wanted)];
  const failures: string[] = [];
  for (const name of order) {
    try {
      const active = await useBackend(name);
      tf.env().set('PROD', true);
      return { active, notice: failures.length ? `${failures.join('; ')}: running on ${active} instead.` : null };
    } catch (error) {
      failures.push(`${name} is not available here (${(error as Error).message})`);
    }
  }
  throw new Error(`no tfjs backend initializes in this browser: ${failures.join('; ')}`);
}
