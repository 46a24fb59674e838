// The conformance suite on webgl (and cpu, wasm) in a real headless chromium, driven by playwright-core.
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@sgn/tensor';
import { conformanceCases } from '@sgn/tensor/conformance';
import { expectClose } from '@sgn/tensor/testing';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface SuiteResult {
  registered: string[];
  webglVersion: number;
  results: Record<string, { name: string; values: number[] }[]>;
  leaks: Record<string, number>;
  conv: Record<string, number[][]>;
  rng: { uniform: number[]; normal: number[]; choice: number[] };
}

let dir = '';
let server: Server;
let browser: Browser;
let suite: SuiteResult;
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `chromium not found at ${chromiumPath}: install Debian's chromium (scripts/setup.sh does) or set CHROMIUM_PATH`,
    );
  }
  dir = await mkdtemp(join(tmpdir(), 'sgn-webgl-'));
  await build({
    entryPoints: [fileURLToPath(new URL('./browser-entry.ts', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    mainFields: ['browser', 'module', 'main'],
    outfile: join(dir, 'suite.js'),
    logLevel: 'error',
  });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="suite.js"></script>',
  );
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };
  server = createServer(async (request, response) => {
    const path = join(dir, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
    try {
      const body = await readFile(path.endsWith('/') ? join(path, 'index.html') : path);
      response.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = await browser.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'runSgnBrowserSuite' in globalThis);
  suite = (await page.evaluate('globalThis.runSgnBrowserSuite()')) as SuiteResult;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('backends in headless chromium', () => {
  it('registers cpu, wasm and webgl, with WebGL 2', () => {
    expect(suite.registered).toEqual(['cpu', 'wasm', 'webgl']);
    expect(suite.webglVersion).toBe(2);
    expect(consoleErrors).toEqual([]);
  });

  for (const backend of ['cpu', 'wasm', 'webgl']) {
    it(`${backend}: every conformance case matches its derived answer and leaks nothing`, () => {
      conformanceCases.forEach((c, i) => {
        expect(suite.results[backend][i].name).toBe(c.name);
        expectClose(suite.results[backend][i].values, c.expected, {
          atol: c.atol,
          rtol: 1e-6,
          label: `${backend} ${c.name}`,
        });
      });
      expect(suite.leaks[backend]).toBe(0);
    });
  }

  it('the three backends agree within 1e-5 relative to each case scale', () => {
    const cpu = suite.results.cpu;
    for (const backend of ['wasm', 'webgl']) {
      suite.results[backend].forEach((result, i) => {
        const scale = Math.max(1, ...cpu[i].values.map(Math.abs));
        expectClose(result.values, cpu[i].values, {
          atol: 1e-5 * scale,
          rtol: 0,
          label: `${backend} vs cpu: ${result.name}`,
        });
      });
    }
  });

  it("the image CNN's convolution and its three gradients on wasm and webgl equal cpu's (tested by hand in Node)", () => {
    const names = ['output', 'input gradient', 'kernel gradient', 'bias gradient'];
    for (const backend of ['wasm', 'webgl']) {
      suite.conv[backend].forEach((values, i) => {
        const reference = suite.conv.cpu[i];
        expect(values).toHaveLength(reference.length);
        const scale = Math.max(1, ...reference.map(Math.abs));
        expectClose(values, reference, { atol: 1e-5 * scale, rtol: 0, label: `${backend} ${names[i]}` });
      });
    }
  });

  it('createRng gives the same numbers in the browser as in Node', () => {
    const rng = createRng(2024);
    expect(suite.rng.uniform).toEqual(Array.from(rng.uniformArray(20)));
    expect(suite.rng.normal).toEqual(Array.from(rng.normalArray(20)));
    expect(suite.rng.choice).toEqual(rng.choice(100, 10));
  });
});
