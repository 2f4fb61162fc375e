// Training benchmarks through the public automation hook (CONTRACT.md): steps/s per backend and net size,
// the backend `auto` picks, and how fast NCSN training brings the Fisher divergence down.
import { median, openTrain } from './browser.mjs';

const BACKENDS = ['wasm', 'webgl', 'cpu', 'webgpu'];
const WIDTHS = [64, 128];
const REPEATS = 3;
/** Seconds of training per measured run (after a warm-up run that compiles kernels). */
const TARGET_SECONDS = 2.5;

/** DSM steps/s at batch 512 for a 2→W→W→1 net on one backend: median of REPEATS runs. */
export async function trainingSpeed(browser, url, backend, width) {
  const query = (steps) =>
    `objective=dsm&backend=${backend}&width=${width}&depth=2&batch=512&data=0&seed=1&steps=${steps}`;
  let page = await openTrain(browser, url, query(5));
  const used = await page.evaluate(() => window.scoreLab.backend());
  if (used.name !== backend) {
    await page.close();
    return { backend, width, started: false, note: used.reason };
  }
  // A short warm-up run compiles the kernels and sizes the measured runs to about TARGET_SECONDS each.
  const warm = await page.evaluate(() => window.scoreLab.run());
  await page.close();
  if (!(warm.stepsPerSec > 0)) {
    return { backend, width, started: false, note: `the warm-up run failed: ${warm.diverged ?? 'no speed'}` };
  }
  const steps = Math.max(5, Math.min(2000, Math.round(TARGET_SECONDS * warm.stepsPerSec)));
  page = await openTrain(browser, url, query(steps));
  await page.evaluate(() => window.scoreLab.run()); // warm-up in this page too
  const speeds = [];
  for (let i = 0; i < REPEATS; i++)
    speeds.push((await page.evaluate(() => window.scoreLab.run())).stepsPerSec);
  await page.close();
  return {
    backend,
    width,
    started: true,
    steps,
    stepsPerSec: median(speeds),
    runs: speeds,
    note: used.reason,
  };
}

/**
 * What `auto` picks on a first visit, and what the re-measure button then measures (every adapter, the software
 * one included) on the default network: the backend and its reason text, which states the measured rates.
 */
export async function autoChoice(browser, url) {
  const page = await openTrain(browser, url, 'objective=dsm&backend=auto&steps=5');
  const auto = await page.evaluate(() => window.scoreLab.backend());
  await page.getByTestId('backend-remeasure').click();
  await page.waitForFunction(() => /^auto, measured just now/.test(window.scoreLab.backend().reason), null, {
    timeout: 120_000,
  });
  const remeasured = await page.evaluate(() => window.scoreLab.backend());
  await page.close();
  return { auto, remeasured };
}

/** Plays the default NCSN run on `auto` and records the mean Fisher divergence against wall time. */
async function ncsnFisherTrace(browser, url, seconds = 12) {
  const page = await openTrain(browser, url, 'objective=ncsn&backend=auto&seed=1');
  await page.waitForFunction(() => window.scoreLab.metrics().fisherAtStart !== null);
  const start = await page.evaluate(() => window.scoreLab.metrics().fisherAtStart);
  const startMean = start.reduce((a, b) => a + b, 0) / start.length;
  await page.getByTestId('play').click();
  const t0 = Date.now();
  const trace = [];
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(250);
    const m = await page.evaluate(() => window.scoreLab.metrics());
    trace.push({ seconds: (Date.now() - t0) / 1000, step: m.evaluatedAtStep, meanFisher: m.meanFisher });
  }
  await page.getByTestId('pause').click();
  await page.close();
  const below = trace.find((p) => p.meanFisher !== null && p.meanFisher < 0.05 * startMean);
  return {
    startMeanFisher: startMean,
    secondsTo5Percent: below ? below.seconds : null,
    stepAt5Percent: below?.step ?? null,
    trace,
  };
}

export async function trainingBenchmarks(browser, url) {
  const speeds = [];
  for (const backend of BACKENDS) {
    for (const width of WIDTHS) {
      process.stdout.write(`  training ${backend} width ${width} … `);
      const r = await trainingSpeed(browser, url, backend, width);
      console.log(r.started ? `${r.stepsPerSec.toFixed(1)} steps/s` : `did not start (${r.note})`);
      speeds.push(r);
    }
  }
  const { auto, remeasured } = await autoChoice(browser, url);
  console.log(`  auto picked ${auto.name}: ${auto.reason}`);
  console.log(`  re-measured, ${remeasured.name}: ${remeasured.reason}`);
  process.stdout.write('  NCSN Fisher trace on auto … ');
  const ncsn = await ncsnFisherTrace(browser, url);
  console.log(
    ncsn.secondsTo5Percent === null
      ? 'did not reach 5% in 12 s'
      : `5% of step 0 after ${ncsn.secondsTo5Percent.toFixed(1)} s`,
  );
  return { speeds, auto, remeasured, ncsn };
}
