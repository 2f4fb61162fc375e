import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('pageerror', (e) => console.log('PAGEERR', e.message));
await page.goto(`http://127.0.0.1:5306/#/diffusion?${process.argv[2]}`);
await page.waitForFunction(() => window.scoreLab?.metrics().w1 !== undefined, null, { timeout: 60000 });
await page.getByTestId('speed').selectOption('max');
await page.getByTestId('play').click();
for (let i = 0; i < 5; i++) {
  await page.waitForTimeout(2000);
  console.log(JSON.stringify(await page.evaluate(() => { const x = window.scoreLab.metrics(); return { mode: x.mode, t: x.t, pb: x.playback }; })));
}
await browser.close();
