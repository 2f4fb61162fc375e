// Screenshots of pages at desktop and phone width, for a person to look at.
// Usage: node scripts/screenshots.mjs <baseUrl> <outDir> <hashPath> [<hashPath> …]
//   e.g. node scripts/screenshots.mjs http://127.0.0.1:4173/ shots '#/score' '#/perturb?sigma=2'
import { existsSync, mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [base, outDir, ...paths] = process.argv.slice(2);
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
mkdirSync(outDir, { recursive: true });
const scheme = process.env.SCHEME ?? 'light';
for (const [label, width, height] of [
  ['desktop', 1280, 900],
  ['phone', 390, 844],
]) {
  const page = await browser.newPage({
    viewport: { width, height },
    deviceScaleFactor: 1,
    colorScheme: scheme,
  });
  page.on('console', (m) => m.type() === 'error' && console.log(`[console ${label}] ${m.text()}`));
  page.on('pageerror', (e) => console.log(`[pageerror ${label}] ${e.message}`));
  for (const path of paths) {
    await page.goto(base + path);
    await page.waitForTimeout(Number(process.env.WAIT ?? 800));
    const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    await page.screenshot({ path: `${outDir}/${name}-${label}.png`, fullPage: process.env.FULL !== '0' });
  }
  await page.close();
}
await browser.close();
