// Debian's chromium for the tests that open pages (the consumer's vite pages, the reports), through playwright-core.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless chromium, or throws naming the package to install and the variable to set. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `chromium not found at ${chromiumPath}: install Debian's chromium (scripts/setup.sh --test does) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
}
