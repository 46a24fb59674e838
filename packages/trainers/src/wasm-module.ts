const compiled = new Map<string, WebAssembly.Module | null>();

/**
 * Compiles a kernel embedded by scripts/build-wasm.mjs (base64 module bytes), or returns null where WebAssembly or
 * its SIMD instructions are not available (the module does not validate). Each module is compiled once per process,
 * so later runs start from the code V8 has already optimized.
 */
export function compileWasm(base64: string): WebAssembly.Module | null {
  let module = compiled.get(base64);
  if (module === undefined) {
    const bytes = typeof WebAssembly === 'undefined' ? null : Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    module = bytes && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    compiled.set(base64, module);
  }
  return module;
}

/** Bytes of wasm32 memory pages. */
export const WASM_PAGE = 65_536;
/** The most pages wasm32 memory can hold (4 GiB). */
export const WASM_MAX_PAGES = 65_536;
