/**
 * Compiles a kernel embedded by scripts/build-wasm.mjs (base64 module bytes), or returns null where WebAssembly or
 * its SIMD instructions are not available (the module does not validate).
 */
export function compileWasm(base64: string): WebAssembly.Module | null {
  if (typeof WebAssembly === 'undefined') return null;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
}

/** Bytes of wasm32 memory pages. */
export const WASM_PAGE = 65_536;
/** The most pages wasm32 memory can hold (4 GiB). */
export const WASM_MAX_PAGES = 65_536;
