import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { expect, test } from '@playwright/test';

// The production build must work from any sub-folder of a plain static host (no special headers): serve dist/
// under /nested/folder/ with a minimal file server and use the app there.
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
const PREFIX = '/nested/folder/';
let server: Server;
let base = '';

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (!path.startsWith(PREFIX)) {
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join('dist', path.slice(PREFIX.length)));
    if (!file.startsWith('dist')) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${PREFIX}`;
});

test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

test('the static build works from a sub-folder, pages and training included', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}#/perturb?sigma=2`);
  await page.waitForFunction(() => window.scoreLab?.metrics().grid !== undefined);
  expect(await page.evaluate(() => window.scoreLab.params().sigma)).toBe(2);
  await page.goto(`${base}#/train?objective=dsm&width=16&batch=64&steps=20`);
  await page.waitForFunction(() => window.scoreLab.metrics().mode === 'idle', null, { timeout: 60_000 });
  const result = await page.evaluate(() => window.scoreLab.run());
  expect(result.step).toBe(20);
  expect(errors).toEqual([]);
});
