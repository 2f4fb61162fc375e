// Where the primary figure and the play button sit on the first screen of a phone (390 × 844), page by page.
// Usage: node scripts/first-screen.mjs <baseUrl>     e.g. node scripts/first-screen.mjs http://127.0.0.1:4173/
// The page list is the app's own: the site navigation's links (data-testid="nav-<id>"), which the app draws from
// its reading path for every built page, so a new page is measured as soon as it is in the navigation.
// Prints one row per page: the top and bottom (CSS px from the top of the screen, before any scroll) of the primary
// figure (the first chart in the figure column) and of the play/pause button in the transport bar, "—" where the
// page has none, and whether each lies wholly on the first screen.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const [base] = process.argv.slice(2);
if (!base) {
  console.error('usage: node scripts/first-screen.mjs <baseUrl>');
  process.exit(2);
}
const PHONE = { width: 390, height: 844 };
const executablePath =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--no-first-run'] });
const page = await browser.newPage({ viewport: PHONE, deviceScaleFactor: 1 });
page.on('pageerror', (e) => console.error(`[pageerror] ${e.message}`));

await page.goto(base);
await page.waitForSelector('[data-testid^="nav-"]');
const ids = await page.$$eval('[data-testid^="nav-"]', (links) =>
  links.map((a) => a.getAttribute('data-testid').slice('nav-'.length)),
);

/** Top and bottom of the first visible element matching the selector, rounded to CSS px; null when none. */
async function box(selector) {
  const el = page.locator(selector).first();
  if ((await el.count()) === 0 || !(await el.isVisible())) return null;
  const b = await el.boundingBox();
  return b && { top: Math.round(b.y), bottom: Math.round(b.y + b.height) };
}

const onScreen = (b) => (b === null ? '—' : b.top >= 0 && b.bottom <= PHONE.height ? 'yes' : 'no');
const span = (b) => (b === null ? '—' : `${b.top}–${b.bottom}`);
const rows = [['page', 'figure top–bottom', 'on screen', 'play top–bottom', 'on screen']];
for (const id of ids) {
  await page.goto('about:blank');
  await page.goto(`${base}#/${id}`);
  // The primary figure is the first figure's chart in the figure column (as tests/e2e/layout.spec.ts reads it):
  // its SVG, or for a figure drawn only on a canvas, that canvas.
  const chart = '[data-testid="figures"] figure .figure-canvas';
  await page.waitForSelector(`${chart} :is(svg.chart, canvas)`, { timeout: 30_000 }).catch(() => {});
  const read = async () => [
    (await box(`${chart} svg.chart`)) ?? (await box(`${chart} canvas`)),
    await box('[data-testid="transport"] :is([data-testid="play"], [data-testid="pause"])'),
  ];
  // Notices and prompts may still appear above the figure while the page loads: read until two reads 200 ms
  // apart agree (at most 5 s).
  let [f, p] = await read();
  for (let i = 0; i < 25; i++) {
    await page.waitForTimeout(200);
    const [f2, p2] = await read();
    const same = JSON.stringify([f, p]) === JSON.stringify([f2, p2]);
    [f, p] = [f2, p2];
    if (same) break;
  }
  rows.push([id, span(f), onScreen(f), span(p), onScreen(p)]);
}
await browser.close();

const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
