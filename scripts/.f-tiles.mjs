import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
const [base, outDir, scheme, which, ...paths] = process.argv.slice(2);
mkdirSync(outDir, { recursive: true });
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const vps = { desktop: [1280, 900, 1000], phone: [390, 844, 1300] };
for (const label of which.split(',')) {
  const [w, h, tile] = vps[label];
  const p = await b.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
  p.on('pageerror', (e) => console.log(`[pageerror ${label}] ${e.message}`));
  for (const path of paths) {
    await p.goto(base + path); await p.waitForTimeout(2500);
    const H = await p.evaluate(() => document.documentElement.scrollHeight);
    const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
    for (let y = 0, i = 0; y < H; y += tile, i++)
      await p.screenshot({ path: `${outDir}/${name}-${label}-${i}.png`, fullPage: true, clip: { x: 0, y, width: w, height: Math.min(tile, H - y) } });
  }
  await p.close();
}
await b.close();
