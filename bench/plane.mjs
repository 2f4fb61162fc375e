// The plane's benchmark (issue 15), through the public automation hook (CONTRACT.md) as a reader's link drives it:
//   - field2d: training steps/s per objective at the page's default network (width 64, depth 2, batch 512, Adam), on the
//     backend `auto` picks;
//   - field2d's cost-of-dimension panel: ISM and SSM ms per training step for D = 2 … 128, read from the hook's
//     `dimCost` after a click on the panel's Measure button;
//   - sampling2d at n = 10⁵ on the exact score: particle-steps/s of run(), and the main thread's frame times while
//     the cloud plays, under Chromium's default compositing (sampling.mjs's second browser);
//   - sampling2d at n = 10⁵ on a learned score: Langevin with field2d's default network (width 64, depth 2), trained
//     briefly on the page and carried to sampling2d by the app's own navigation, and the engine that evaluated it.
import { median } from './browser.mjs';
import { frameWindows, launchDefaultCompositing } from './sampling.mjs';

export const PLANE_OBJECTIVES = ['ncsn', 'dsm', 'esm', 'ism', 'ssm'];
export const PLANE_SAMPLERS = ['langevin', 'annealed'];
const N = 100_000;
const REPEATS = 3;
/** Seconds each measured run aims at, sized from a short warm-up run. */
const TARGET_SECONDS = 2.5;
/** The annealed runs use the page's default L = 10 levels; `T` (steps per level) sets their length. */
const LEVELS = 10;

/** Opens a route in a page freshly (a full load, so no state of the previous route is left) and waits for `ready`. */
async function open(page, url, hash, ready) {
  await page.goto('about:blank');
  await page.goto(`${url}${hash}`);
  await page.waitForFunction(ready, null, { timeout: 120_000 });
}

const field2dReady = () =>
  window.scoreLab?.page() === 'field2d' &&
  window.scoreLab.backend().name !== 'none' &&
  window.scoreLab.metrics().mode === 'idle';

/**
 * One run() and the hook's stepsPerSec at its end. run() resolves when the worker has taken the steps; the last
 * progress report (which carries the rate) reaches the page in a batch a moment later, so this waits until the
 * published model is at the run's final step, as the field2d end-to-end test does.
 */
async function trainedRate(page) {
  const before = await page.evaluate(() => window.scoreLab.metrics().model?.version ?? 0);
  const started = Date.now();
  const { step } = await page.evaluate(() => window.scoreLab.run().then((m) => ({ step: m.step })));
  const seconds = (Date.now() - started) / 1000;
  // The final report of this run: a newer model than before the run, at the run's last step, with a rate. (Both
  // earlier conditions alone also match the report of run()'s configure, which keeps the previous run's weights and
  // step when the settings keep the network's shape, and carries a rate of 0 after the meter's reset.)
  const hook = await page
    .waitForFunction(
      ([s, v]) => {
        const m = window.scoreLab.metrics();
        return m.model?.step === s && m.model.version > v && m.stepsPerSec > 0 && m.stepsPerSec;
      },
      [step, before],
      { timeout: 60_000, polling: 50 },
    )
    .then((handle) => handle.jsonValue());
  return { hook, wall: step / seconds };
}

/** Steps/s of one objective: a warm-up run sizes REPEATS runs of about TARGET_SECONDS; their median. */
async function trainingSpeed(page, url, objective) {
  const hash = (steps) => `#/field2d?objective=${objective}&seed=1&steps=${steps}`;
  await open(page, url, hash(20), field2dReady);
  const warm = await trainedRate(page);
  const backend = await page.evaluate(() => window.scoreLab.backend());
  if (!(warm.hook > 0)) return { objective, started: false, backend };
  const steps = Math.max(20, Math.min(5000, Math.round(TARGET_SECONDS * warm.hook)));
  await open(page, url, hash(steps), field2dReady);
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await trainedRate(page));
  return {
    objective,
    started: true,
    steps,
    stepsPerSec: median(runs.map((r) => r.hook)),
    wallStepsPerSec: median(runs.map((r) => r.wall)),
    runs,
    backend,
  };
}

/** The cost-of-dimension table: a real click on Measure, then the hook's dimCost once every D is timed. */
async function dimensionCost(page, url) {
  await open(page, url, '#/field2d', field2dReady);
  const backend = await page.evaluate(() => window.scoreLab.backend());
  const started = Date.now();
  await page.getByTestId('dimcost-measure').click();
  // The button is disabled while measuring and enabled again when the last dimension has been timed.
  await page.waitForFunction(
    () =>
      window.scoreLab.metrics().dimCost !== undefined &&
      !document.querySelector('[data-testid="dimcost-measure"]').disabled,
    null,
    { timeout: 600_000, polling: 500 },
  );
  const { D, ismMs, ssmMs } = await page.evaluate(() => window.scoreLab.metrics().dimCost);
  return {
    backend,
    seconds: (Date.now() - started) / 1000,
    rows: D.map((d, i) => ({ D: d, ismMs: ismMs[i], ssmMs: ssmMs[i], ratio: ismMs[i] / ssmMs[i] })),
    slopes: { ism: logLogSlope(D, ismMs), ssm: logLogSlope(D, ssmMs) },
  };
}

/** The least-squares slope of log y against log x: time per step grows about as D^slope. */
function logLogSlope(xs, ys) {
  const u = xs.map(Math.log);
  const v = ys.map(Math.log);
  const mu = u.reduce((a, b) => a + b, 0) / u.length;
  const mv = v.reduce((a, b) => a + b, 0) / v.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < u.length; i++) {
    num += (u[i] - mu) * (v[i] - mv);
    den += (u[i] - mu) ** 2;
  }
  return den > 0 ? num / den : null;
}

/** The link of one sampling2d run of about `steps` steps in all, on the exact score. */
function samplingHash(sampler, steps, seed) {
  const length =
    sampler === 'annealed'
      ? `levels=${LEVELS}&T=${Math.max(1, Math.round(steps / LEVELS))}`
      : `steps=${Math.max(1, steps)}`;
  return `#/sampling2d?sampler=${sampler}&n=${N}&${length}&score=true&seed=${seed}`;
}

const sampling2dReady = () =>
  window.scoreLab?.page() === 'sampling2d' && ['paused', 'playing'].includes(window.scoreLab.metrics().mode);

/** Particle-steps/s of run() at n = 10⁵: a warm-up run sizes REPEATS runs of about TARGET_SECONDS; their median. */
async function samplingSpeed(page, url, sampler) {
  await open(page, url, samplingHash(sampler, LEVELS, 1), sampling2dReady);
  const warm = await page.evaluate(() => window.scoreLab.run());
  const rate = warm.particleStepsPerSec;
  if (!(rate > 0)) return { sampler, started: false };
  const steps = Math.max(LEVELS, Math.round((TARGET_SECONDS * rate) / N));
  const runs = [];
  for (let i = 0; i < REPEATS; i++) {
    await open(page, url, samplingHash(sampler, steps, 1), sampling2dReady);
    runs.push((await page.evaluate(() => window.scoreLab.run())).particleStepsPerSec);
  }
  return { sampler, started: true, steps, rate: median(runs), runs };
}

/** Adam steps field2d trains before the learned rows: enough to publish a model; its quality does not set the speed. */
const LEARNED_TRAIN_STEPS = 100;

/**
 * Langevin at n = 10⁵ on field2d's default network: train it by run() on field2d, go to sampling2d through the
 * app's hash navigation (a reload would lose the tab's model), then a warm-up run sizes REPEATS runs of about
 * TARGET_SECONDS, each a change of seed in the link (which restarts the run on the same model).
 */
export async function learnedSamplingSpeed(page, url, { blockWasm }) {
  await open(page, url, `#/field2d?objective=ncsn&seed=1&steps=${LEARNED_TRAIN_STEPS}`, field2dReady);
  await page.evaluate(() => window.scoreLab.run());
  await page.waitForFunction((s) => window.scoreLab.metrics().model?.step === s, LEARNED_TRAIN_STEPS, {
    timeout: 120_000,
  });
  // The JavaScript row: the wasm binaries refused from here on, so the sampler worker (started by the first learned
  // run) cannot start TensorFlow.js's wasm backend and evaluates the network in its blocked JavaScript loops.
  if (blockWasm) await page.route('**/*.wasm', (route) => route.abort());
  const learnedRun = async (steps, seed) => {
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, `#/sampling2d?sampler=langevin&n=${N}&steps=${steps}&score=learned&seed=${seed}`);
    await page.waitForFunction(
      (s) =>
        window.scoreLab.page() === 'sampling2d' &&
        window.scoreLab.metrics().mode === 'paused' &&
        window.scoreLab.metrics().totalSteps === s,
      steps,
      { timeout: 120_000 },
    );
    return page.evaluate(() => window.scoreLab.run());
  };
  const warm = await learnedRun(3, 1);
  if (!(warm.particleStepsPerSec > 0) || warm.scoreSource !== 'learned')
    return { started: false, engine: warm.scoreEngine ?? null, error: warm.error ?? null };
  const steps = Math.max(3, Math.round((TARGET_SECONDS * warm.particleStepsPerSec) / N));
  const runs = [];
  for (let i = 0; i < REPEATS; i++) runs.push(await learnedRun(steps, 2 + i));
  if (blockWasm) await page.unroute('**/*.wasm');
  return {
    started: true,
    steps,
    rate: median(runs.map((r) => r.particleStepsPerSec)),
    runs: runs.map((r) => r.particleStepsPerSec),
    engine: runs[0].scoreEngine,
  };
}

/** Frame times while 10⁵ particles play at the page's fastest speed (runs long enough to outlast the windows). */
async function samplingFrames(page, url, sampler) {
  await open(page, url, samplingHash(sampler, 20_000, 2), sampling2dReady);
  await page.getByTestId('speed').selectOption('fast');
  await page.getByTestId('play').click();
  const { fps, frameMs, last } = await frameWindows(page);
  await page.getByTestId('pause').click();
  return {
    sampler,
    fps,
    frameMs,
    paintMs: last.paintMs,
    particleStepsPerSec: last.particleStepsPerSec,
    steps: last.step,
  };
}

export async function planeBenchmarks(browser, url) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  const training = [];
  for (const objective of PLANE_OBJECTIVES) {
    process.stdout.write(`  field2d training ${objective} … `);
    const r = await trainingSpeed(page, url, objective);
    console.log(r.started ? `${r.stepsPerSec.toFixed(1)} steps/s on ${r.backend.name}` : 'did not start');
    training.push(r);
  }
  process.stdout.write('  field2d cost of dimension (Measure) … ');
  const dimCost = await dimensionCost(page, url);
  console.log(`${dimCost.seconds.toFixed(0)} s on ${dimCost.backend.name}`);
  const speeds = [];
  for (const sampler of PLANE_SAMPLERS) {
    process.stdout.write(`  sampling2d ${sampler} n=10⁵ exact … `);
    const r = await samplingSpeed(page, url, sampler);
    console.log(r.started ? `${(r.rate / 1e6).toFixed(2)} M particle-steps/s` : 'did not start');
    speeds.push(r);
  }
  const learned = [];
  for (const blockWasm of [false, true]) {
    process.stdout.write(
      `  sampling2d langevin n=10⁵ on field2d's default network${blockWasm ? ', wasm refused' : ''} … `,
    );
    const r = await learnedSamplingSpeed(page, url, { blockWasm });
    console.log(
      r.started
        ? `${(r.rate / 1e6).toFixed(3)} M particle-steps/s (${r.engine})`
        : `did not start (${r.error ?? r.engine})`,
    );
    learned.push({ ...r, blockWasm });
  }
  await page.close();

  const plain = await launchDefaultCompositing();
  const framesPage = await plain.newPage();
  framesPage.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  const frames = [];
  for (const sampler of PLANE_SAMPLERS) {
    process.stdout.write(`  sampling2d frames while 10⁵ particles play (${sampler}, default compositing) … `);
    const r = await samplingFrames(framesPage, url, sampler);
    console.log(
      `p50 ${r.frameMs.p50.toFixed(1)} ms, p95 ${r.frameMs.p95.toFixed(1)} ms, ${r.fps.toFixed(0)} fps`,
    );
    frames.push(r);
  }
  await plain.close();
  return { training, dimCost, speeds, frames, learned };
}

const f = (v, digits = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

/** The plane's section of bench/results.md. */
export function planeReport({ training, dimCost, speeds, frames, learned }) {
  const backend = training.find((r) => r.started)?.backend;
  const lines = [
    '## The plane (field2d, sampling2d): training per objective, the cost of dimension, 10⁵ particles',
    '',
    `field2d's default network (width 64, depth 2, batch 512, Adam), seed 1, trained by run() on the backend auto picks: ` +
      `**${backend?.name ?? '–'}** (${backend?.reason ?? '–'}). Median of ${REPEATS} runs; SSM with the page's ` +
      'default of one Rademacher projection.',
    '',
    "steps/s: the hook's `stepsPerSec` at the end of the run (the worker's steps over its last 2 s of wall time,",
    "progress reports to the page included); run() steps/s: the run's steps over run()'s wall time (configuring",
    'and resetting the network included).',
    '',
    '| objective | steps/s (hook) | run() steps/s | steps per run |',
    '|---|---|---|---|',
    ...training.map((r) =>
      r.started
        ? `| ${r.objective} | ${f(r.stepsPerSec)} | ${f(r.wallStepsPerSec)} | ${r.steps} |`
        : `| ${r.objective} | did not start | – | – |`,
    ),
    '',
    `### Cost of dimension (field2d's Measure button, on ${dimCost.backend.name}; ${f(dimCost.seconds, 0)} s in all)`,
    '',
    'One training step of ISM (exact trace: one tangent pass per coordinate) and of SSM (one projection), width 64,',
    'depth 2, batch 128, on the isotropic two-mode mixture in D dimensions; the median of three timed chunks.',
    '',
    '| D | ISM ms/step | SSM ms/step | ISM / SSM |',
    '|---|---|---|---|',
    ...dimCost.rows.map((r) => `| ${r.D} | ${f(r.ismMs, 2)} | ${f(r.ssmMs, 2)} | ${f(r.ratio, 2)} |`),
    '',
    `Least-squares slopes on the log-log plot: ISM's time per step grows about as D^${f(dimCost.slopes.ism, 2)}, ` +
      `SSM's as D^${f(dimCost.slopes.ssm, 2)} (1: a cost proportional to D; 0: a cost that does not depend on D).`,
    '',
    '### sampling2d at n = 100,000 on the exact score',
    '',
    'run(): million particle-steps per second, median of 3 runs. Frames: the page playing at its fastest speed',
    "under Chromium's default compositing; medians over three 3-second windows of the page's own frame",
    "statistics, the worst window's p95 beside them, and the main thread's paint time per frame (last 120 paints).",
    '',
    '| sampler | run() particle-steps/s (M) | fps | frame p50 (ms) | frame p95 (ms) | worst p95 (ms) | paint p50 / p95 (ms) | particle-steps/s while playing (M) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const sampler of PLANE_SAMPLERS) {
    const s = speeds.find((r) => r.sampler === sampler);
    const fr = frames.find((r) => r.sampler === sampler);
    lines.push(
      `| ${sampler} | ${s?.started ? f(s.rate / 1e6, 2) : 'did not start'} | ${f(fr?.fps)} | ${f(fr?.frameMs.p50)} | ` +
        `${f(fr?.frameMs.p95)} | ${f(fr?.frameMs.worstP95)} | ${f(fr?.paintMs?.p50)} / ${f(fr?.paintMs?.p95)} | ` +
        `${f(fr ? fr.particleStepsPerSec / 1e6 : null, 2)} |`,
    );
  }
  lines.push('');
  if (learned) {
    const tensor = learned.find((r) => !r.blockWasm);
    const js = learned.find((r) => r.blockWasm);
    const row = (label, r) =>
      r?.started
        ? `| ${label} | ${f(r.rate / 1e6, 3)} | ${r.steps} | ${r.engine} |`
        : `| ${label} | did not start | – | ${r?.error ?? r?.engine ?? '–'} |`;
    lines.push(
      `### sampling2d at n = 100,000 on a learned score`,
      '',
      `Langevin on field2d's default network (ncsn, width 64, depth 2, ${LEARNED_TRAIN_STEPS} Adam steps), reached through`,
      "the app's navigation; run() particle-steps/s, median of 3 runs (one network evaluation per particle-step). The",
      'second row refuses the wasm binaries to the page (page.route), so the sampler worker falls back to its',
      'JavaScript forward, as it does wherever wasm cannot start.',
      '',
      "| forward | run() particle-steps/s (M) | steps per run | network evaluated with (the hook's scoreEngine) |",
      '|---|---|---|---|',
      row('TensorFlow.js', tensor),
      row('JavaScript', js),
      '',
      tensor?.started && js?.started
        ? `TensorFlow.js on wasm / JavaScript: **${f(tensor.rate / js.rate, 1)}×**.`
        : '',
      '',
    );
  }
  return lines;
}
