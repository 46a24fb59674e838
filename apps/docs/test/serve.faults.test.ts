// The preview server's faults (each crashed or leaked before it moved to sirv): bad paths, a folder named like a
// page, traversal out of the root, headers on errors, a port in use.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite, SITE_HEADERS } from '../scripts/serve.mjs';

/** GET with the raw path as written (no URL normalization by the client). */
function fetchRaw(
  url: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    get(`${url}${path}`, (response) => {
      let body = '';
      response.on('data', (chunk) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    }).on('error', reject);
  });
}

describe('the docs preview server', () => {
  const parent = mkdtempSync(join(tmpdir(), 'sgn-serve-'));
  const root = join(parent, 'dist');
  let site: { url: string; close: () => Promise<void> };
  beforeAll(async () => {
    mkdirSync(join(root, 'guide'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(root, 'guide', 'cli.html'), '<h1>cli</h1>');
    mkdirSync(join(root, 'x.html'));
    mkdirSync(join(parent, 'dist-private'));
    writeFileSync(join(parent, 'dist-private', 'secret.txt'), 'secret');
    site = await serveSite(root);
  });
  afterAll(() => site.close());

  it('serves pages with COOP/COEP and nosniff, clean URLs included', async () => {
    for (const path of ['/', '/guide/cli', '/guide/cli.html']) {
      const response = await fetchRaw(site.url, path);
      expect(response.status, path).toBe(200);
      for (const [name, value] of Object.entries(SITE_HEADERS))
        expect(response.headers[name], `${path} ${name}`).toBe(value);
    }
  });

  it.each([
    ['/%', 'a bad percent-encoding (URIError before)'],
    ['/x.html', 'a folder named like a page (EISDIR before)'],
    ['/..%2fdist-private%2fsecret.txt', 'an encoded traversal to a sibling folder (served it before)'],
    ['/../dist-private/secret.txt', 'a plain traversal'],
    ['/nope<script>', 'a missing page whose path is markup (echoed before)'],
  ])('GET %s (%s): a status, never a crash; the error carries the headers and echoes nothing', async (path) => {
    const response = await fetchRaw(site.url, path);
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('script');
    for (const [name, value] of Object.entries(SITE_HEADERS)) expect(response.headers[name], name).toBe(value);
    // the server is still up
    expect((await fetchRaw(site.url, '/')).status).toBe(200);
  });

  it('a port in use is one line and exit 2', () => {
    const script = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));
    const port = new URL(site.url).port;
    const run = spawnSync(process.execPath, [script, port, root], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`cannot serve on 127.0.0.1:${port}: the port is in use\n`);
  });
});
