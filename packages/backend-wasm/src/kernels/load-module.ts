import { isNode } from '@sgn/tensor';

const modules = new Map<string, Promise<WebAssembly.Module | null>>();

/**
 * The compiled module of a kernel file shipped in dist/kernels (`url` from `new URL('./<file>.wasm',
 * import.meta.url)`, which bundlers emit as an asset), or null where WebAssembly or its SIMD instructions are not
 * available (the module does not validate). Read from disk under Node, fetched in browsers; each module is compiled
 * once per process, so later runs start from the code V8 has already optimized.
 */
export function loadKernelModule(url: URL): Promise<WebAssembly.Module | null> {
  let module = modules.get(url.href);
  if (!module) {
    module = readBytes(url).then((bytes) =>
      bytes && typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null,
    );
    modules.set(url.href, module);
  }
  return module;
}

async function readBytes(url: URL): Promise<Uint8Array<ArrayBuffer> | null> {
  if (isNode() && url.protocol === 'file:') {
    const specifier = 'node:fs/promises';
    const { readFile } = (await import(/* @vite-ignore */ specifier)) as typeof import('node:fs/promises');
    return new Uint8Array(await readFile(url));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the kernel ${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}
