// Serves the built site (.vitepress/dist) on 127.0.0.1 with no dependencies: `node scripts/serve.mjs [port]`.
// The end-to-end test imports `serveSite`. Any static file server works; this one also sends the COOP/COEP
// headers that let tfjs-wasm use threads in browsers that support them.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain',
};

/**
 * Serves a folder of static files.
 *
 * @param {string} root - the folder
 * @param {number} port - 0 for any free port
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serveSite(root, port = 0) {
  const base = resolve(root);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    else if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(file).pipe(response);
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
  const root = fileURLToPath(new URL('../.vitepress/dist', import.meta.url));
  if (!existsSync(root)) {
    console.error(`no built site at ${root}: run pnpm docs:build first`);
    process.exit(2);
  }
  const { url } = await serveSite(root, Number(process.argv[2] ?? 4173));
  console.log(`serving ${root} at ${url}`);
}
