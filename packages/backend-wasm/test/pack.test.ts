// A user installs the published tarballs into their own project and runs plain Node (no bundler, no vitest).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packagesDir = fileURLToPath(new URL('../../', import.meta.url));
let scratch = '';

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('packed @sgn/tensor + backends in a scratch project', () => {
  it('computes the same gradient on cpu and wasm from a plain node ESM script', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'sgn-pack-'));
    const tarballs: string[] = [];
    for (const name of ['tensor', 'backend-cpu', 'backend-wasm']) {
      execFileSync('pnpm', ['pack', '--pack-destination', scratch], { cwd: join(packagesDir, name), stdio: 'pipe' });
    }
    for (const file of await readdir(scratch)) if (file.endsWith('.tgz')) tarballs.push(`./${file}`);
    expect(tarballs).toHaveLength(3);
    await writeFile(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
      cwd: scratch,
      stdio: 'pipe',
    });
    await writeFile(
      join(scratch, 'main.js'),
      [
        "import '@sgn/backend-cpu';",
        "import '@sgn/backend-wasm';",
        "import { tf, useBackend } from '@sgn/tensor';",
        'const out = {};',
        "for (const name of ['cpu', 'wasm']) {",
        '  await useBackend(name);',
        '  // d/dx sum(x^3 + relu(x)) = 3x^2 + 1[x > 0]',
        '  const g = tf.grad((x) => tf.sum(tf.add(tf.pow(x, 3), tf.relu(x))));',
        '  out[name] = Array.from(g(tf.tensor1d([-2, 0.5, 3])).dataSync());',
        '}',
        'console.log(JSON.stringify(out));',
      ].join('\n'),
    );
    const stdout = execFileSync(process.execPath, ['main.js'], { cwd: scratch, encoding: 'utf8' });
    const result = JSON.parse(stdout) as Record<string, number[]>;
    for (const name of ['cpu', 'wasm']) {
      const [a, b, c] = result[name];
      expect(a).toBeCloseTo(12, 5);
      expect(b).toBeCloseTo(1.75, 5);
      expect(c).toBeCloseTo(28, 5);
    }
  }, 300_000);
});
