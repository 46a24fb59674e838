// The browser half of the consumer test: run the scratch project's own vite (dev server or preview of its build) as
// a child process, the way a user would, and read what a page wrote into #out in Debian's chromium.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { launchChromium } from '../chromium.js';

/**
 * The environment for a child vite: no colours, so its messages read the same under a terminal, a pipe or a CI that
 * sets FORCE_COLOR (vite's colours wrap the port number in escape codes).
 */
export function plainEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return env;
}

/** A child's output without terminal escape codes, whatever the environment asked for. */
export function plainText(text: string): string {
  return stripVTControlCharacters(text);
}

/** A TCP port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts `vite <command>` of the project (`dev` or `preview`) on a free port; resolves once it listens. */
export async function startVite(
  project: string,
  command: 'dev' | 'preview',
): Promise<{ url: string; stop: () => void; log: () => string }> {
  const port = await freePort();
  const vite = join(project, 'node_modules', 'vite', 'bin', 'vite.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [vite, ...(command === 'dev' ? [] : ['preview']), '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: project, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  const url = `http://127.0.0.1:${port}/`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`vite ${command} did not start in 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += plainText(chunk.toString());
      if (output.includes(`:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`vite ${command} exited with ${code}:\n${output}`)));
  });
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
  };
  return { url, stop, log: () => output };
}

/**
 * Opens `url` in headless chromium and waits until the page's `#out` says `done` or `error`; returns its text and
 * every console error and failed response (a favicon aside) the page produced.
 */
export async function readPage(url: string): Promise<{ text: string; problems: string[] }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        problems.push(`HTTP ${response.status()} for ${response.url()}`);
      }
      const type = response.headers()['content-type'] ?? '';
      if (response.url().split('?')[0].endsWith('.wasm') && !type.startsWith('application/wasm')) {
        problems.push(`${response.url()} served as ${type}`);
      }
    });
    await page.goto(url);
    await page.waitForFunction(() => /^(done|error)/.test(document.getElementById('out')?.textContent ?? ''), null, {
      timeout: 60_000,
    });
    return { text: (await page.textContent('#out')) ?? '', problems };
  } finally {
    await browser.close();
  }
}
