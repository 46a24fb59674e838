// Opens a report written by `sgn reproduce` in Debian's chromium from disk, with every network request refused (a
// report must draw offline), and counts the charts vega-embed drew.
import { pathToFileURL } from 'node:url';
import { launchChromium } from './chromium.js';

/**
 * Loads `file` and waits for every `.chart` to be embedded (or 30 s); returns how many were, how many
 * show a drawn vega view with vega-embed's menu, and the page's errors and any request that left the disk.
 */
export async function openReport(file: string): Promise<{ embedded: number; problems: string[]; drawn: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.route(/^(?!file:)/, (route) => {
      problems.push(`network request: ${route.request().url()}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    const total = await page.locator('.chart').count();
    await page
      .waitForFunction((n) => document.querySelectorAll('.chart[data-embedded="true"]').length === n, total, {
        timeout: 30_000,
      })
      .catch(() => undefined);
    const embedded = await page.locator('.chart[data-embedded="true"]').count();
    // each embedded chart is vega-embed's: a drawn view (its SVG or canvas) beside the actions menu
    const drawn = await page
      .locator('.chart[data-embedded="true"].vega-embed:has(.vega-actions) :is(svg.marks, canvas.marks)')
      .count();
    return { embedded, problems, drawn };
  } finally {
    await browser.close();
  }
}
