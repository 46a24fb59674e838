// Times each paper page's live experiment at its default settings, on each backend, in Debian's chromium (headless,
// WebGL through SwiftShader), from the built site: `pnpm --filter @sgn/docs docs:build` first, then
// `node scripts/time-live.mjs` (or `pnpm docs:time` at the root). Prints the backend the page picks by default (the
// fastest in its one-time probe) and, per page and backend, the time the page reports ("Done in X s"). Run on
// purpose, on a quiet machine: a measurement, not a test.
/* global document -- the page functions run in the browser */
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serveSite } from './serve.mjs';

const PAGES = [
  ['/papers/lp-sparse.html', 'lp-peak-plateau'],
  ['/papers/adam-batch.html', 'adam-batch'],
  ['/papers/directional.html', 'directional-figure1'],
  ['/papers/rlc.html', 'rlc-training'],
];
const BACKENDS = ['wasm', 'webgl', 'cpu'];

const site = await serveSite(fileURLToPath(new URL('../.vitepress/dist', import.meta.url)));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const state = (page, id) => page.locator(`#live-${id}`).getAttribute('data-state');
  const until = (page, id, states, timeout) =>
    page.waitForFunction(
      ([id, states]) => states.includes(document.querySelector(`#live-${id}`)?.getAttribute('data-state') ?? ''),
      [id, states],
      { timeout, polling: 50 },
    );
  // the first page times the backends once (remembered in the profile, as for a reader)
  const first = await context.newPage();
  await first.goto(`${site.url}${PAGES[0][0]}`);
  await until(first, PAGES[0][1], ['idle', 'error'], 120_000);
  console.log(`default backend: ${await first.locator('.probe').textContent()}`);
  await first.close();
  console.log(['page', ...BACKENDS].join('\t'));
  for (const [path, id] of PAGES) {
    const cells = [];
    for (const backend of BACKENDS) {
      const page = await context.newPage();
      await page.goto(`${site.url}${path}?backend=${backend}`);
      await until(page, id, ['idle', 'error'], 120_000);
      await page.locator(`#live-${id} button[name="run"]`).click();
      await until(page, id, ['done', 'error', 'stopped'], 600_000);
      const status = (await page.locator(`#live-${id} .status, #live-${id} .error`).first().textContent()) ?? '';
      const seconds = /Done in ([\d.]+) s/.exec(status)?.[1];
      cells.push((await state(page, id)) === 'done' && seconds ? `${seconds} s` : `failed: ${status.trim()}`);
      await page.close();
    }
    console.log([id, ...cells].join('\t'));
  }
} finally {
  await browser.close();
  await site.close();
}
