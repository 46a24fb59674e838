// Serves the built site (.vitepress/dist, or the folder given) on 127.0.0.1: `node scripts/serve.mjs [port] [folder]`. The end-to-end test
// imports `serveSite`. The file serving is sirv's (a maintained static server: path decoding, containment in the
// root, directories, content types); this file only adds the headers every response carries (COOP/COEP, which
// let tfjs-wasm use threads where browsers support them, and nosniff) and a 404 that does not echo the path.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** The headers of every response, files and errors alike. */
export const SITE_HEADERS = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'x-content-type-options': 'nosniff',
};

/**
 * Serves a folder of static files.
 *
 * @param {string} root - the folder
 * @param {number} port - 0 for any free port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveSite(root, port = 0) {
  const files = sirv(resolve(root), {
    extensions: ['html'],
    dotfiles: false,
    setHeaders: (response) => {
      for (const [name, value] of Object.entries(SITE_HEADERS)) response.setHeader(name, value);
    },
  });
  const notFound = (response, status = 404) => {
    response.writeHead(status, { ...SITE_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    response.end(status === 404 ? 'not found\n' : 'bad request\n');
  };
  const server = createServer((request, response) => {
    try {
      // sirv decodes the path itself; a path that does not decode (e.g. "/%") is a bad request, not a crash
      decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      notFound(response, 400);
      return;
    }
    files(request, response, () => notFound(response));
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      done({ url: `http://127.0.0.1:${actual}`, close: () => new Promise((closed) => server.close(() => closed())) });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = process.argv[3]
    ? resolve(process.argv[3])
    : fileURLToPath(new URL('../.vitepress/dist', import.meta.url));
  if (!existsSync(root)) {
    console.error(`no built site at ${root}: run pnpm docs:build first`);
    process.exit(2);
  }
  const port = Number(process.argv[2] ?? 4173);
  try {
    const { url } = await serveSite(root, port);
    console.log(`serving ${root} at ${url}`);
  } catch (error) {
    console.error(
      `cannot serve on 127.0.0.1:${port}: ${error.code === 'EADDRINUSE' ? 'the port is in use' : error.message}`,
    );
    process.exit(2);
  }
}
