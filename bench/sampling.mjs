// Sampling benchmarks through the public automation hook (CONTRACT.md): particle-steps per second of the
// `langevin` page's run() for n = 10⁴, 10⁵, 10⁶ with the exact score and with a learned 2→64→64→1 score, per
// backend, and the main thread's frame times while 10⁵ particles animate.
//
// Everything happens in one page, moving between routes by hash, so the training worker keeps the model the
// first step trains and the sampler worker switches backends in place.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { FLAGS, median } from './browser.mjs';

const SIZES = [10_000, 100_000, 1_000_000];
const BACKENDS = ['wasm', 'cpu', 'webgl', 'webgpu'];
/** WebGPU on the software adapter is correct but very slow (BROWSER.md): 10⁴ particles only. */
const WEBGPU_MAX_N = 10_000;
/** Seconds of stepping each measured run aims at (after a short run that starts the backend and its kernels). */
const TARGET_SECONDS = 3;
/** A configuration whose warm-up predicts more than this many seconds for 2 steps is skipped. */
const MAX_SECONDS = 45;
const REPEATS = 3;

/** Moves the page to a route and waits until that route's probe answers with a frame of that setting. */
async function route(page, hash, check) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await page.waitForFunction(
    ({ n, score }) => {
      const m = window.scoreLab.metrics();
      return window.scoreLab.page() === 'langevin' && m.n === n && m.score === score && m.mode !== 'starting';
    },
    check,
    { timeout: 120_000 },
  );
}

async function runAt(page, { n, steps, backend, score }) {
  const scoreParam = score === 'exact' ? 'true' : 'learned';
  await route(page, `#/langevin?n=${n}&steps=${steps}&backend=${backend}&score=${scoreParam}&seed=1`, {
    n,
    score,
  });
  return page.evaluate(() => window.scoreLab.run());
}

/** particle-steps/s for one configuration: a warm-up, then REPEATS runs sized to TARGET_SECONDS. */
async function measure(page, config) {
  const { n } = config;
  const warmSteps = n >= 1_000_000 ? 1 : n >= 100_000 ? 3 : 10;
  const warm = await runAt(page, { ...config, steps: warmSteps });
  const used = await page.evaluate(() => window.scoreLab.backend());
  const rate = warm.particleStepsPerSec;
  const note =
    warm.engine === 'js'
      ? 'plain JavaScript'
      : warm.engine === 'fused'
        ? `fused kernels on ${used.name}`
        : `tensors on ${used.name}`;
  if (!(rate > 0)) return { ...config, started: false, note: used.reason };
  if ((2 * n) / rate > MAX_SECONDS)
    return {
      ...config,
      started: true,
      skipped: true,
      rate,
      engine: warm.engine,
      backendUsed: used.name,
      note,
    };
  const steps = Math.max(2, Math.min(20_000, Math.round((TARGET_SECONDS * rate) / n)));
  const rates = [];
  for (let i = 0; i < REPEATS; i++) rates.push((await runAt(page, { ...config, steps })).particleStepsPerSec);
  return {
    ...config,
    started: true,
    steps,
    rate: median(rates),
    runs: rates,
    engine: warm.engine,
    backendUsed: used.name,
    note,
  };
}

/**
 * The page's own rAF statistics (its last 3 s) while it plays, read in WINDOWS consecutive windows after a 2 s
 * start: medians across windows, and the worst window's p95. The caller has started playing; the page's hook
 * gives `fps` and `frameMs` (CONTRACT.md §2). Returns the summary and the last window's metrics.
 */
const WINDOWS = 3;
export async function frameWindows(page) {
  await page.waitForTimeout(2000);
  const windows = [];
  for (let i = 0; i < WINDOWS; i++) {
    await page.waitForTimeout(3100);
    windows.push(await page.evaluate(() => window.scoreLab.metrics()));
  }
  return {
    fps: median(windows.map((m) => m.fps)),
    frameMs: {
      p50: median(windows.map((m) => m.frameMs.p50)),
      p95: median(windows.map((m) => m.frameMs.p95)),
      worstP95: Math.max(...windows.map((m) => m.frameMs.p95)),
    },
    last: windows[windows.length - 1],
  };
}

/**
 * A second browser with Chromium's default compositing: the flags that give WebGL and WebGPU a software device
 * (--use-angle=swiftshader …) also make Chromium composite the page through SwiftShader GL, which on 2 cores
 * competes with the sampler worker and drops frames (p95 ≈ 100–180 ms at full speed, measured), while Chromium's
 * own default on a machine without a GPU composites in software and keeps 60 fps.
 */
export function launchDefaultCompositing() {
  return chromium.launch({
    executablePath:
      process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
    args: FLAGS.filter((flag) => !/angle|swiftshader|webgpu/.test(flag)),
  });
}

/** fps and frame time p50/p95 while 10⁵ particles play at full speed on the langevin page. */
async function frameTimes(page, { backend, score }) {
  const n = 100_000;
  const scoreParam = score === 'exact' ? 'true' : 'learned';
  await route(page, `#/langevin?n=${n}&steps=20000&backend=${backend}&score=${scoreParam}&seed=2`, {
    n,
    score,
  });
  await page.getByTestId('speed').selectOption('max');
  const mode = await page.evaluate(() => window.scoreLab.metrics().mode);
  if (mode !== 'playing') await page.getByTestId('play').click();
  const { fps, frameMs, last } = await frameWindows(page);
  await page.getByTestId('pause').click();
  return {
    backend,
    score,
    n,
    engine: last.engine,
    fps,
    frameMs,
    particleStepsPerSec: last.particleStepsPerSec,
    steps: last.step,
  };
}

export async function samplingBenchmarks(browser, url) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  // A learned model to sample with: the train page's default 2→64→64→1 NCSN network, trained for the 1,000 steps
  // the sampling pages ask for before they sample with a network (sampling-shared/samplerRun.ts, TRAIN_MIN_STEPS).
  await page.goto(`${url}#/train?steps=1000`);
  await page.waitForFunction(() => window.scoreLab.metrics().mode === 'idle', null, { timeout: 120_000 });
  await page.evaluate(() => window.scoreLab.run());

  const speeds = [];
  for (const score of ['exact', 'learned']) {
    for (const backend of BACKENDS) {
      for (const n of SIZES) {
        if (backend === 'webgpu' && n > WEBGPU_MAX_N) continue;
        process.stdout.write(`  sampling ${score} ${backend} n=${n} … `);
        const r = await measure(page, { score, backend, n });
        console.log(
          !r.started
            ? `did not start (${r.note})`
            : r.skipped
              ? `skipped (≈ ${(n / r.rate).toFixed(1)} s per step)`
              : `${(r.rate / 1e6).toFixed(2)} M particle-steps/s (${r.note})`,
        );
        speeds.push(r);
      }
    }
  }

  // Frame times need a second browser (launchDefaultCompositing says why). Both are reported.
  const frames = [];
  const plain = await launchDefaultCompositing();
  for (const [label, b] of [
    ['default compositing', plain],
    ['SwiftShader GL compositing', browser],
  ]) {
    const framesPage = b === browser ? page : await b.newPage();
    if (b !== browser) {
      await framesPage.goto(`${url}#/train?steps=1000`);
      await framesPage.waitForFunction(() => window.scoreLab.metrics().mode === 'idle', null, {
        timeout: 120_000,
      });
      await framesPage.evaluate(() => window.scoreLab.run());
    }
    for (const config of [
      { backend: 'auto', score: 'exact' },
      { backend: 'wasm', score: 'learned' },
    ]) {
      process.stdout.write(
        `  frames while 10⁵ particles play (${config.score}, ${config.backend}, ${label}) … `,
      );
      const r = await frameTimes(framesPage, config);
      console.log(
        `p50 ${r.frameMs.p50.toFixed(1)} ms, p95 ${r.frameMs.p95.toFixed(1)} ms, ${r.fps.toFixed(0)} fps`,
      );
      frames.push({ ...r, compositing: label });
    }
  }
  await plain.close();
  await page.close();
  return { speeds, frames };
}
