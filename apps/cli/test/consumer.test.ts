// An outsider's project: every published package packed into a registry-like folder, installed with npm (not the
// workspace), then (a) a plain Node ESM script trains a model on the wasm and cpu backends, (b) a typed consumer
// passes `tsc --noEmit` under nodenext and bundler resolution, (c) the project's own vite 7, with no config, serves
// (dev server, pre-bundling on) and builds a page that trains the same model on wasm in chromium, to the same loss.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainEnv, plainText, readPage, startVite } from './consumer/vite-page.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** The vite a user would install: the version this repository builds with. */
const viteVersion = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
).devDependencies.vite;
const PUBLISHED = [
  'tensor',
  'backend-cpu',
  'backend-wasm',
  'data',
  'models',
  'optimizers',
  'regularizers',
  'theory',
  'trainers',
] as const;
let scratch = '';
let nodeWasm: { first: number; last: number } | null = null;

/** The training both consumers run: y = |x| on five points, a width-8 network, 2000 full-batch adam steps. */
const FIT = [
  "import '@sgn/backend-wasm';",
  "import { applyUnivariateRelu, initUnivariateRelu } from '@sgn/models';",
  "import { adam, train } from '@sgn/optimizers';",
  "import { tf, useBackend } from '@sgn/tensor';",
  'export async function fit(name) {',
  '  await useBackend(name);',
  '  const data = { x: tf.tensor1d([-2, -1, 0, 1, 2]), y: tf.tensor1d([2, 1, 0, 1, 2]) };',
  '  const result = await train({',
  '    params: initUnivariateRelu({ width: 8, seed: 0 }),',
  '    data,',
  "    batchSize: 'full',",
  '    steps: 2000,',
  '    seed: 0,',
  '    optimizer: adam({ learningRate: 0.01 }),',
  '    loss: (p, batch) => tf.mean(tf.square(tf.sub(applyUnivariateRelu(p, batch.x), batch.y))),',
  '  });',
  '  tf.dispose([data.x, data.y]);',
  '  return { first: result.history[0].loss, last: result.history.at(-1).loss, backend: tf.getBackend() };',
  '}',
].join('\n');

const PAGE =
  '<!doctype html><html><body><pre id="out">running</pre><script type="module" src="/main.js"></script></body></html>';
let project = '';

/** Bytes under a folder. */
function size(folder: string): number {
  let total = 0;
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? size(path) : stat.size;
  }
  return total;
}

/** Every file under a folder whose name ends with `suffix`. */
function filesEnding(folder: string, suffix: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(suffix));
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'sgn-consumer-'));
  const registry = join(scratch, 'registry');
  project = join(scratch, 'project');
  mkdirSync(registry);
  mkdirSync(project);
  for (const name of PUBLISHED) {
    execFileSync('pnpm', ['pack', '--pack-destination', registry], {
      cwd: join(root, 'packages', name),
      stdio: 'pipe',
    });
  }
  // the tarballs' own dependencies on each other (pnpm pack writes their versions) resolve to the folder, as a
  // registry would serve them
  const tarballs = Object.fromEntries(
    readdirSync(registry).map((file) => [
      `@sgn/${file.replace(/^sgn-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
      file,
    ]),
  );
  const dependency = (name: string) => `file:../registry/${tarballs[name]}`;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'consumer',
      private: true,
      type: 'module',
      dependencies: Object.fromEntries(
        ['@sgn/tensor', '@sgn/backend-cpu', '@sgn/backend-wasm', '@sgn/data', '@sgn/models', '@sgn/optimizers'].map(
          (n) => [n, dependency(n)],
        ),
      ),
      devDependencies: { vite: viteVersion },
      overrides: Object.fromEntries(Object.keys(tarballs).map((n) => [n, dependency(n)])),
    }),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project, stdio: 'pipe' });
}, 300_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a consumer project installs the packed packages with npm', () => {
  it('installs every package it needs and its dependencies, LICENSE and sources included; reports the size', () => {
    const installed = readdirSync(join(project, 'node_modules', '@sgn')).sort();
    // @sgn/models needs @sgn/tensor only; the backends and the data are the consumer's choice
    expect(installed).toEqual(['backend-cpu', 'backend-wasm', 'data', 'models', 'optimizers', 'tensor']);
    for (const name of installed) {
      const folder = join(project, 'node_modules', '@sgn', name);
      expect(readdirSync(folder)).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist', 'src']));
    }
    const sgnBytes = size(join(project, 'node_modules', '@sgn'));
    const tfjsBytes = size(join(project, 'node_modules', '@tensorflow'));
    const allBytes = size(join(project, 'node_modules'));
    const wasm = filesEnding(join(project, 'node_modules'), '.wasm');
    console.log(
      `consumer install: @sgn ${(sgnBytes / 2 ** 20).toFixed(2)} MiB, @tensorflow ${(tfjsBytes / 2 ** 20).toFixed(1)} MiB, node_modules (vite included) ${(allBytes / 2 ** 20).toFixed(1)} MiB, ${wasm.length} .wasm files: ${wasm.join(', ')}`,
    );
    expect(sgnBytes).toBeGreaterThan(0);
    // each binary ships once: sgn's packages carry none of their own (the browser gets tfjs's bytes and sgn's
    // kernels from JavaScript modules; Node reads tfjs's files), so every .wasm here is tfjs-backend-wasm's
    expect(filesEnding(join(project, 'node_modules', '@sgn'), '.wasm')).toEqual([]);
  });

  it('a plain Node ESM script trains a univariate ReLU network with adam on wasm and cpu, to the same loss', () => {
    writeFileSync(join(project, 'fit.js'), FIT);
    writeFileSync(
      join(project, 'train.js'),
      [
        "import '@sgn/backend-cpu';",
        "import { fit } from './fit.js';",
        "console.log(JSON.stringify({ cpu: await fit('cpu'), wasm: await fit('wasm') }));",
      ].join('\n'),
    );
    const losses = JSON.parse(
      execFileSync(process.execPath, ['train.js'], { cwd: project, encoding: 'utf8' }),
    ) as Record<string, { first: number; last: number }>;
    console.log(`consumer training: ${JSON.stringify(losses)}`);
    for (const name of ['cpu', 'wasm']) expect(losses[name].last).toBeLessThan(1e-2 * losses[name].first);
    expect(Math.abs(losses.cpu.last - losses.wasm.last)).toBeLessThan(1e-3);
    nodeWasm = losses.wasm;
  }, 120_000);

  it.each(['dev', 'preview'] as const)(
    'vite %s, with no config, serves a page that trains the same network on wasm in chromium, to the Node loss',
    async (command) => {
      expect(nodeWasm, 'the Node training test runs first').not.toBeNull();
      writeFileSync(join(project, 'index.html'), PAGE);
      writeFileSync(
        join(project, 'main.js'),
        [
          "import { fit } from './fit.js';",
          "const out = document.getElementById('out');",
          "fit('wasm').then((loss) => { out.textContent = `done ${JSON.stringify(loss)}`; },",
          '  (error) => { out.textContent = `error ${error.message}`; });',
        ].join('\n'),
      );
      if (command === 'preview') {
        const build = spawnSync(process.execPath, [join(project, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
          cwd: project,
          env: plainEnv(),
          encoding: 'utf8',
        });
        // vite warns about the embedded binaries' chunks (415-581 kB, over its 500 kB advice); nothing else
        expect(build.status, build.stderr).toBe(0);
        expect(
          plainText(build.stderr)
            .replace(/\(!\) Some chunks are larger than 500 kB[^]*?chunkSizeWarningLimit\.\n/, '')
            .trim(),
        ).toBe('');
        const assets = readdirSync(join(project, 'dist', 'assets'));
        console.log(
          `consumer vite build: ${assets.length} assets, ${assets.filter((a) => a.endsWith('.wasm')).length} .wasm`,
        );
      }
      const server = await startVite(project, command);
      try {
        const { text, problems } = await readPage(server.url);
        console.log(`consumer page (vite ${command}): ${text}`);
        expect(problems).toEqual([]);
        expect(text).toMatch(/^done /);
        const loss = JSON.parse(text.slice(5)) as { first: number; last: number; backend: string };
        expect(loss.backend).toBe('wasm');
        // the same wasm binary and the same float32 operations in the same order as under Node
        expect(Math.abs(loss.first - nodeWasm!.first)).toBeLessThan(1e-6 * nodeWasm!.first);
        expect(Math.abs(loss.last - nodeWasm!.last)).toBeLessThan(1e-6 * nodeWasm!.first);
      } finally {
        server.stop();
      }
    },
    180_000,
  );

  it.each([
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])(
    'a typed consumer passes tsc --noEmit under %s resolution',
    (name, resolution) => {
      writeFileSync(
        join(project, 'typed.ts'),
        [
          "import { initUnivariateRelu, type UnivariateReluParams } from '@sgn/models';",
          "import { adam, chain, clipByGlobalNorm, scaleByAdam, scaleByLearningRate, type TrainMetrics } from '@sgn/optimizers';",
          "import { tf, useBackend, type BackendName } from '@sgn/tensor';",
          "import { peakPlateau } from '@sgn/data';",
          "// a generator's output passes straight to tfjs (its arrays are plain number[])",
          'const points = peakPlateau();',
          'export const data = { x: tf.tensor1d(points.x), y: tf.tensor1d(points.y) };',
          "const backend: BackendName = 'wasm';",
          'await useBackend(backend);',
          'const params: UnivariateReluParams = initUnivariateRelu({ width: 4, seed: 1 });',
          'const optimizer = chain(clipByGlobalNorm(1), scaleByAdam(), scaleByLearningRate(1e-3));',
          'const report = (m: TrainMetrics): number => m.loss + m.gradientNorm;',
          'export const used = [params.w.shape, optimizer, adam({ learningRate: 1 }), report, tf.scalar(1)];',
        ].join('\n'),
      );
      writeFileSync(
        join(project, `tsconfig.${name}.json`),
        JSON.stringify({
          // skipLibCheck: tfjs-core 4.22's own hash_util.d.ts names the type `Long` it does not depend on
          compilerOptions: {
            ...resolution,
            target: 'es2022',
            strict: true,
            noEmit: true,
            skipLibCheck: true,
            types: [],
          },
          files: ['typed.ts'],
        }),
      );
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const run = spawnSync(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], { cwd: project, encoding: 'utf8' });
      expect(`${run.status} ${run.stdout}${run.stderr}`).toBe('0 ');
    },
    120_000,
  );
});
