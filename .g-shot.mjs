import { chromium } from '@playwright/test';
const [url, out, scheme = 'light', width = '1280'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: +width, height: 900 }, colorScheme: scheme });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(url);
await page.waitForFunction(() => ['paused', 'done'].includes(window.scoreLab?.metrics?.().mode), null, { timeout: 60000 });
if (process.env.PLAY) {
  await page.getByTestId('play').click();
  await page.waitForTimeout(+process.env.PLAY);
  console.log(JSON.stringify(await page.evaluate(() => { const m = window.scoreLab.metrics(); return { step: m.step, fps: m.fps, frameMs: m.frameMs, rate: m.particleStepsPerSec, sw1: m.sw1, paint: m.paintMs }; })));
}
await page.getByTestId('figure-sampling2d').scrollIntoViewIfNeeded();
await page.screenshot({ path: out, fullPage: false });
await browser.close();
