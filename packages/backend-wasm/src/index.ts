/**
 * @sgn/backend-wasm: importing this module registers tfjs's WebAssembly backend (SIMD where available) under the
 * name `wasm` and tells it where its `.wasm` files are, with no network access:
 * - in Node, the files shipped in this package's `dist/wasm/` (threads are off under Node; SIMD is on);
 * - in a bundled page, `new URL('./wasm/<file>', import.meta.url)`: Vite and webpack emit the files as assets. With
 *   a bundler that does not (esbuild), copy `dist/wasm/` next to the bundle, or call {@link setWasmLocation}.
 *
 * It also registers sgn's WebAssembly SIMD kernels (compiled from wasm/*.wat at build time into dist/kernels/),
 * which engines find with `getSgnKernel` when wasm is the active backend; importing it imports @sgn/backend-cpu too.
 *
 * Activate it with `useBackend('wasm')` from `@sgn/tensor`.
 * @packageDocumentation
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { isNode } from '@sgn/tensor';
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

/**
 * Points the wasm backend at a folder (or URL prefix ending in `/`) that holds the three tfjs `.wasm` files.
 * Call it before `useBackend('wasm')` when the default location does not fit your deployment.
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
}

function defaultLocations(): Record<string, string> {
  const urls = {
    'tfjs-backend-wasm.wasm': new URL('./wasm/tfjs-backend-wasm.wasm', import.meta.url),
    'tfjs-backend-wasm-simd.wasm': new URL('./wasm/tfjs-backend-wasm-simd.wasm', import.meta.url),
    'tfjs-backend-wasm-threaded-simd.wasm': new URL('./wasm/tfjs-backend-wasm-threaded-simd.wasm', import.meta.url),
  };
  const out: Record<string, string> = {};
  for (const file of WASM_FILES) {
    const url = urls[file];
    // emscripten reads a file system path under Node and fetches a URL in browsers
    out[file] = isNode() && url.protocol === 'file:' ? decodeURIComponent(url.pathname) : url.href;
  }
  return out;
}

setWasmPaths(defaultLocations());
