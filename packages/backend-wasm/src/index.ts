/**
 * @sgn/backend-wasm: importing this module registers tfjs's WebAssembly backend (SIMD where available) under the
 * name `wasm` and tells it where its binaries are, with no network access and no bundler config:
 * - in Node, tfjs's own files in `@tensorflow/tfjs-backend-wasm/dist/` (threads are off under Node; SIMD is on);
 * - in a browser, the one binary this browser needs, from a JavaScript module of this package that holds its bytes
 *   (loaded on demand when the backend starts, then handed to tfjs as a `blob:` URL). A JavaScript module survives
 *   every bundler and Vite's dev pre-bundling unchanged, which a `.wasm` asset URL does not.
 * {@link setWasmLocation} points tfjs at served files instead.
 *
 * It also registers sgn's WebAssembly SIMD kernels (compiled from wasm/*.wat at build time and embedded the same
 * way), which engines find with `getSgnKernel` when wasm is the active backend; importing it imports
 * @sgn/backend-cpu too.
 *
 * Activate it with `useBackend('wasm')` from `@sgn/tensor`.
 * @packageDocumentation
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { isNode, tf } from '@sgn/tensor';
import { bytesFromBase64 } from './base64.js';
// sgn's kernels for this backend need the cpu backend's reference loops (and, as a fallback, its kernels)
import '@sgn/backend-cpu';
import './register-all.js';

/** The name this package registers. */
export const backendName = 'wasm';

const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;
type WasmFile = (typeof WASM_FILES)[number];

/** Each binary's embedded module, by a static specifier so that bundlers split each into a chunk of its own. */
const EMBEDDED: Record<WasmFile, () => Promise<{ wasm: string }>> = {
  'tfjs-backend-wasm.wasm': () => import('./embedded/tfjs-backend-wasm.js'),
  'tfjs-backend-wasm-simd.wasm': () => import('./embedded/tfjs-backend-wasm-simd.js'),
  'tfjs-backend-wasm-threaded-simd.wasm': () => import('./embedded/tfjs-backend-wasm-threaded-simd.js'),
};

/** tfjs-backend-wasm's registration priority (its backend_wasm.ts). */
const WASM_PRIORITY = 2;

let locationChosen = false;

/**
 * Points the wasm backend at a folder (or URL prefix ending in `/`) that serves the three tfjs `.wasm` files
 * (copy them from `@tensorflow/tfjs-backend-wasm/dist/`), instead of the binaries embedded in this package. Call it
 * before `useBackend('wasm')`.
 *
 * @param prefix - e.g. `'/assets/tfjs-wasm/'`
 * @example
 * ```ts
 * setWasmLocation('/static/wasm/');
 * await useBackend('wasm');
 * ```
 */
export function setWasmLocation(prefix: string): void {
  if (!prefix.endsWith('/')) throw new Error(`prefix must end with "/", got "${prefix}"`);
  setWasmPaths(prefix);
  locationChosen = true;
}

/** tfjs's own binaries on disk, found the way Node resolves the package (no copy of them ships here). */
function nodeLocations(): Record<WasmFile, string> {
  const { createRequire } = process.getBuiltinModule('node:module');
  const require = createRequire(import.meta.url);
  const out = {} as Record<WasmFile, string>;
  for (const file of WASM_FILES) out[file] = require.resolve(`@tensorflow/tfjs-backend-wasm/dist/${file}`);
  return out;
}

/** The binary tfjs will ask for here: the same rule as its `getPathToWasmBinary`, from the same flags. */
async function neededBinary(): Promise<WasmFile> {
  const [simd, threads] = await Promise.all([
    tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
    tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
  ]);
  if (simd && threads) return 'tfjs-backend-wasm-threaded-simd.wasm';
  return simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
}

/**
 * In a browser, tfjs's factory for `wasm` is wrapped so that, unless {@link setWasmLocation} chose served files,
 * the needed binary is decoded from its embedded module when the backend starts (only that one is loaded).
 */
function embedInBrowser(): void {
  const factory = tf.findBackendFactory(backendName);
  if (!factory) throw new Error('@tensorflow/tfjs-backend-wasm did not register the wasm backend');
  tf.removeBackend(backendName);
  tf.registerBackend(
    backendName,
    async () => {
      if (!locationChosen) {
        const file = await neededBinary();
        const { wasm } = await EMBEDDED[file]();
        const url = URL.createObjectURL(new Blob([bytesFromBase64(wasm)], { type: 'application/wasm' }));
        setWasmPaths(Object.fromEntries(WASM_FILES.map((name) => [name, url])) as Record<WasmFile, string>);
        locationChosen = true;
      }
      return factory();
    },
    WASM_PRIORITY,
  );
}

if (isNode()) setWasmPaths(nodeLocations());
else embedInBrowser();
