// End to end: build the site, serve it on 127.0.0.1, open every page in Debian's chromium (no console errors, no
// broken links), run each live experiment on webgl and on wasm and check its result against the paper's numbers,
// and save a screenshot of each paper page in test-artifacts/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveSite } from '../scripts/serve.mjs';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = here('../test-artifacts/');
let browser: Browser;
let site: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `chromium not found at ${chromiumPath}: install Debian's chromium (scripts/setup.sh --test does) or set CHROMIUM_PATH`,
    );
  }
  execFileSync('pnpm', ['run', 'docs:build'], { cwd: here('..'), stdio: 'pipe' });
  site = await serveSite(here('../.vitepress/dist'));
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
  mkdirSync(artifacts, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A browser tab that records console errors, uncaught exceptions and failed responses, labelled by the path. */
async function newTab(): Promise<{ page: Page; errors: string[]; visit: (path: string) => Promise<void> }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  let current = '';
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${current}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${current}: uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${current}: HTTP ${response.status()} for ${response.url()}`);
  });
  const visit = async (path: string) => {
    current = path;
    const response = await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    if (!response || response.status() !== 200) errors.push(`${path}: HTTP ${response?.status()}`);
  };
  return { page, errors, visit };
}

/** Opens one page in a fresh tab. */
async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const tab = await newTab();
  await tab.visit(path);
  return tab;
}

describe('the docs site', () => {
  test('every page opens without console errors and every internal link resolves', async () => {
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    const problems: string[] = [];
    const tab = await newTab();
    while (queue.length > 0) {
      const path = queue.shift()!;
      await tab.visit(path);
      const hrefs = await tab.page.$$eval('a[href]', (links) => links.map((a) => (a as HTMLAnchorElement).href));
      for (const href of hrefs) {
        const url = new URL(href);
        if (url.origin !== site.url || seen.has(url.pathname)) continue;
        seen.add(url.pathname);
        const status = (await fetch(`${site.url}${url.pathname}`)).status;
        if (status !== 200) problems.push(`${path}: broken link ${url.pathname} (HTTP ${status})`);
        else if (url.pathname.endsWith('.html') || url.pathname.endsWith('/')) queue.push(url.pathname);
      }
    }
    await tab.page.close();
    problems.push(...tab.errors);
    expect(problems).toEqual([]);
    // the guide, the four paper pages and the generated API reference were all reached
    for (const page of [
      '/getting-started.html',
      '/papers/lp-sparse.html',
      '/papers/adam-batch.html',
      '/papers/rlc.html',
      '/papers/directional.html',
      '/api/theory.html',
    ]) {
      expect(seen, page).toContain(page);
    }
    expect(seen.size).toBeGreaterThan(20);
  });

  /** Runs the page's live experiment on a backend and returns its summary. */
  async function runDemo(
    path: string,
    demo: string,
    backend: 'webgl' | 'wasm',
    timeoutMs: number,
  ): Promise<{ summary: Record<string, unknown>; errors: string[]; page: Page }> {
    const { page, errors } = await open(path);
    const root = page.locator(`#demo-${demo}`);
    await root.locator('select[name="backend"]').selectOption(backend, { timeout: 30_000 });
    await root.locator('button[type="submit"]').click();
    await page.waitForFunction(
      (id) => ['done', 'error'].includes(document.querySelector(`#demo-${id}`)?.getAttribute('data-state') ?? ''),
      demo,
      { timeout: timeoutMs, polling: 250 },
    );
    const state = await root.getAttribute('data-state');
    if (state === 'error') errors.push(`${path}: demo failed: ${await root.locator('.error').textContent()}`);
    expect(await root.getAttribute('data-backend'), 'the demo ran on the chosen backend, without falling back').toBe(
      backend,
    );
    const summary = JSON.parse((await root.locator('.result-json').textContent()) ?? '{}') as Record<string, unknown>;
    console.log(`${demo} on ${backend}: ${JSON.stringify(summary)}`);
    expect(await root.locator('.plot svg').count(), 'every plot was drawn').toBeGreaterThan(0);
    return { summary, errors, page };
  }

  const screenshot = async (page: Page, name: string) => {
    await page.evaluate(() => window.scrollTo(0, 0)); // sticky header and sidebar render in place from the top
    await page.screenshot({ path: `${artifacts}${name}.png`, fullPage: true });
  };

  for (const backend of ['webgl', 'wasm'] as const) {
    test(`lp demo on ${backend}: Algorithm 1 ends at the exact minimizer's three knots`, async () => {
      const { summary, errors, page } = await runDemo('/papers/lp-sparse.html', 'lp', backend, 240_000);
      expect(errors).toEqual([]);
      // the exact minimizer of peak/plateau, from the closed form: knots -1, 1/2, 2 and V_p = 2 + 2^p at p = 0.4
      expect(summary.exactKnots).toBe('-1, 0.5, 2');
      expect(summary.exactLpCost as number).toBeCloseTo(2 + 2 ** 0.4, 3);
      expect(summary.activeNeurons).toBe(3);
      const knots = String(summary.knots).split(', ').map(Number);
      expect(knots).toHaveLength(3);
      [-1, 0.5, 2].forEach((knot, i) => expect(Math.abs(knots[i] - knot)).toBeLessThan(0.02));
      expect(summary.interpolationError as number).toBeLessThan(1e-2);
      if (backend === 'webgl') await screenshot(page, 'lp-sparse');
      await page.close();
    });

    test(`adam demo on ${backend}: full-batch Adam fails on test data, mini-batch Adam generalizes`, async () => {
      const { summary, errors, page } = await runDemo('/papers/adam-batch.html', 'adam', backend, 300_000);
      expect(errors).toEqual([]);
      expect(summary.fullBatchTrainError).toBe(0);
      expect(summary.miniBatchTrainError).toBe(0);
      expect(summary.fullBatchTestError as number).toBeGreaterThan(0.5);
      expect(summary.miniBatchTestError as number).toBeLessThan(0.05);
      if (backend === 'webgl') await screenshot(page, 'adam-batch');
      await page.close();
    });

    test(`rlc demo on ${backend}: the 8-parameter RSetC learns sign well above chance`, async () => {
      const { summary, errors, page } = await runDemo('/papers/rlc.html', 'rlc', backend, 240_000);
      expect(errors).toEqual([]);
      expect(summary.parameters).toBe(8);
      expect(summary.testAccuracy as number).toBeGreaterThan((summary.constantClassifier as number) + 0.2);
      if (backend === 'webgl') await screenshot(page, 'rlc');
      await page.close();
    });

    test(`directional demo on ${backend}: the depth-2 rate is within 5% of 2 c0 / π`, async () => {
      const { summary, errors, page } = await runDemo('/papers/directional.html', 'directional', backend, 240_000);
      expect(errors).toEqual([]);
      expect(summary.c0).toBe(1); // the circle: E‖Px‖ = 1
      expect(Math.abs((summary.fittedRate as number) - 2 / Math.PI) / (2 / Math.PI)).toBeLessThan(0.05);
      if (backend === 'webgl') await screenshot(page, 'directional');
      if (backend === 'wasm') {
        // the plots follow the theme and the width: dark ink on light, light ink on dark, redrawn at 390 px
        const plots = page.locator('#demo-directional .plot');
        const count = await plots.count();
        await page.evaluate(() => document.documentElement.classList.add('dark'));
        await page.waitForFunction(
          (n) => document.querySelectorAll('#demo-directional .plot[data-theme="dark"]').length === n,
          count,
          { timeout: 10_000 },
        );
        const ink = await plots.first().locator('svg text').first().getAttribute('fill');
        expect(ink, 'axis labels in light ink on the dark theme').toBe('#c8c8c8');
        await page.setViewportSize({ width: 390, height: 844 });
        await page.waitForFunction(
          () =>
            Array.from(document.querySelectorAll('#demo-directional .plot svg')).every(
              (svg) => svg.getBoundingClientRect().right <= 390,
            ),
          null,
          { timeout: 10_000 },
        );
        await screenshot(page, 'directional-dark-390');
      }
      await page.close();
    });
  }
});
