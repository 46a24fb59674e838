// Every TypeScript example in the guides and READMEs runs as written: each ```ts block of getting-started.md,
// guide/*.md, the repository's README.md and every package's README.md is written to a module of its own and
// imported in Node (wasm and cpu are registered by the snippets that need them).
import '@sgn/backend-cpu';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tf, useBackend } from '@sgn/tensor';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = `${root}test/.snippets/`;
const pages = [
  'getting-started.md',
  ...readdirSync(`${root}guide`).map((name) => `guide/${name}`),
  '../../README.md',
  ...readdirSync(`${root}../../packages`)
    .filter((name) => existsSync(`${root}../../packages/${name}/README.md`))
    .map((name) => `../../packages/${name}/README.md`),
];
const snippets = pages.flatMap((page) =>
  [...readFileSync(`${root}${page}`, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((match, i) => ({
    page,
    index: i,
    code: match[1],
  })),
);

beforeAll(async () => {
  mkdirSync(scratch, { recursive: true });
  await useBackend('cpu');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

it('the guides hold examples', () => {
  expect(snippets.length).toBeGreaterThanOrEqual(8);
});

it.each(snippets.map((s) => [`${s.page} #${s.index + 1}`, s] as const))('%s runs', async (_name, snippet) => {
  const file = `${scratch}${snippet.page.replace(/^(\.\.\/)+/, '').replace(/[/.]/g, '-')}-${snippet.index}.ts`;
  writeFileSync(file, `${snippet.code}\nexport {};\n`);
  const log = console.log;
  console.log = () => {};
  try {
    await import(/* @vite-ignore */ file);
  } finally {
    console.log = log;
    await useBackend('cpu');
  }
  expect(tf.getBackend()).toBe('cpu');
});
