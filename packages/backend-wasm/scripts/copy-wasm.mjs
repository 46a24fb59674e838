// Ships tfjs's .wasm binaries inside this package (dist/wasm) so that src/index.ts can point at them with
// `new URL('./wasm/<file>', import.meta.url)`: a path in Node, an asset URL that bundlers (Vite, webpack) emit.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
const target = fileURLToPath(new URL('../dist/wasm/', import.meta.url));
await mkdir(target, { recursive: true });
for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
  await copyFile(join(source, file), join(target, file));
}
