// tfjs-core ships its gradient (and chained-op) registrations as extensionless ESM inside a CommonJS package, which plain Node
// cannot load. We bundle them (platform-neutral, no `require`) into dist/register-gradients.js, replacing what tsc
// emitted for src/register-gradients.ts. The bundle carries its own copy of the ops it needs; tfjs keeps its engine
// and registries on the global object, so the registrations land in the same registry as the app's tfjs-core.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const outfile = fileURLToPath(new URL('../dist/register-gradients.js', import.meta.url));
await build({
  stdin: {
    contents: [
      "import '@tensorflow/tfjs-core/dist/register_all_gradients.js';",
      "import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';",
    ].join('\n'),
    resolveDir: fileURLToPath(new URL('..', import.meta.url)),
  },
  bundle: true,
  platform: 'neutral',
  format: 'esm',
  mainFields: ['module', 'main'],
  outfile,
  logLevel: 'warning',
  legalComments: 'none',
});
// tsc's source map described the unbundled file; it no longer applies.
await rm(`${outfile}.map`, { force: true });
