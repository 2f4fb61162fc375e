// The dsm-frames section of npm run bench (--only=dsmframes): the main thread's frame times while the dsm page plays,
// at a desktop (1280 × 900) and a phone (390 × 844) viewport, under Chromium's default compositing (on a machine
// without a GPU, software compositing; the WebGL/WebGPU flags' SwiftShader GL compositing is left out, as the
// sampling section explains why it is slower and not what a reader's browser does).
//
// One play: a click on the page's Play button grows the pairs from 50 to 200,000 (about 8 s) and stops by itself.
// The page's own frame statistics (hook metrics().frameMs, CONTRACT.md §2) cover the play's last 3 seconds, where n,
// and so the drawing, is largest. Each viewport gets REPEATS plays in one page (Reset, then Play); the table gives
// the median p50 and p95 over them and the worst p95.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { FLAGS, median } from './browser.mjs';

const REPEATS = 3;
const VIEWPORTS = [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 390, height: 844 }],
];

/** Plays the dsm page to its end once and returns the page's frame statistics of the play's last 3 s. */
async function onePlay(page) {
  await page.getByTestId('reset').click();
  await page.waitForFunction(() => window.scoreLab.metrics().n === 50, null, { timeout: 30_000 });
  await page.getByTestId('play').click();
  await page.waitForFunction(() => window.scoreLab.metrics().mode === 'finished', null, { timeout: 120_000 });
  return page.evaluate(() => {
    const m = window.scoreLab.metrics();
    return { n: m.n, fps: m.fps, frameMs: m.frameMs };
  });
}

export async function dsmFrameBenchmarks(url) {
  const browser = await chromium.launch({
    executablePath:
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: FLAGS.filter((flag) => !/angle|swiftshader|webgpu/.test(flag)),
  });
  const rows = [];
  try {
    for (const [label, viewport] of VIEWPORTS) {
      const page = await browser.newPage({ viewport });
      page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
      await page.goto(`${url}#/dsm`);
      await page.waitForFunction(() => window.scoreLab?.page() === 'dsm' && window.scoreLab.metrics().n > 0);
      const plays = [];
      for (let i = 0; i < REPEATS; i++) {
        const r = await onePlay(page);
        console.log(
          `  dsm play to ${r.n.toLocaleString('en')} pairs (${label}, ${viewport.width} px): frame p50 ${r.frameMs.p50.toFixed(1)} ms, p95 ${r.frameMs.p95.toFixed(1)} ms, ${r.fps.toFixed(0)} fps`,
        );
        plays.push(r);
      }
      rows.push({
        viewport: label,
        width: viewport.width,
        height: viewport.height,
        plays: plays.length,
        fps: median(plays.map((p) => p.fps)),
        frameMs: {
          p50: median(plays.map((p) => p.frameMs.p50)),
          p95: median(plays.map((p) => p.frameMs.p95)),
          worstP95: Math.max(...plays.map((p) => p.frameMs.p95)),
        },
      });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { compositing: 'default', rows };
}

export function dsmFramesReport(dsmFrames) {
  const f = (v) => Number(v).toFixed(1);
  return [
    `## DSM page: frame times while Play grows the pairs from 50 to 200,000, median of ${dsmFrames.rows[0]?.plays ?? 0} plays`,
    '',
    "The page's own frame statistics over each play's last 3 s (the largest n); Chromium's default compositing.",
    '',
    '| viewport | fps | frame p50 (ms) | frame p95 (ms) | worst p95 (ms) |',
    '|---|---|---|---|---|',
    ...dsmFrames.rows.map(
      (r) =>
        `| ${r.width} × ${r.height} | ${f(r.fps)} | ${f(r.frameMs.p50)} | ${f(r.frameMs.p95)} | ${f(r.frameMs.worstP95)} |`,
    ),
    '',
  ];
}
