import { kernels } from '../embedded/kernels.js';
import { bytesFromBase64 } from '../base64.js';

const modules = new Map<string, WebAssembly.Module | null>();

/**
 * The compiled module of one of sgn's kernels (`'adam-pass'`, `'adam-pass-shared'`, `'rsetc-step'`, embedded in
 * this package as base64 at build time, so no bundler or server has to deliver a file), or null where WebAssembly
 * or its SIMD instructions are not available (the module does not validate). Each module is compiled once per
 * process, so later runs start from the code V8 has already optimized.
 */
export function loadKernelModule(name: string): WebAssembly.Module | null {
  let module = modules.get(name);
  if (module === undefined) {
    const encoded = kernels[name];
    if (encoded === undefined)
      throw new Error(`no sgn kernel named "${name}" (have ${Object.keys(kernels).join(', ')})`);
    const bytes = bytesFromBase64(encoded);
    module = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
    modules.set(name, module);
  }
  return module;
}
