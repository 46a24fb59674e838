// Compiles sgn's kernels from WebAssembly text (wasm/*.wat, SIMD and threads) with wabt into dist/kernels/*.wasm,
// at build time: nothing generated is committed. A module that imports shared memory is written twice, as written
// (`<name>-shared.wasm`, for worker threads) and with ordinary memory (`<name>.wasm`, for pages that are not
// cross-origin isolated).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import createWabt from 'wabt';

const root = new URL('..', import.meta.url);
const KERNELS = ['adam-pass', 'rsetc-step'];

const wabt = await createWabt();
const compile = (name, source) => {
  const module = wabt.parseWat(`${name}.wat`, source, { simd: true, threads: true });
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
};
mkdirSync(new URL('dist/kernels/', root), { recursive: true });
for (const name of KERNELS) {
  const text = readFileSync(new URL(`wasm/${name}.wat`, root), 'utf8');
  const sharedMemory = /\(memory \d+ \d+ shared\)/;
  if (sharedMemory.test(text)) writeFileSync(new URL(`dist/kernels/${name}-shared.wasm`, root), compile(name, text));
  writeFileSync(
    new URL(`dist/kernels/${name}.wasm`, root),
    compile(name, text.replace(/\(memory (\d+) (\d+) shared\)/, '(memory $1 $2)')),
  );
}
