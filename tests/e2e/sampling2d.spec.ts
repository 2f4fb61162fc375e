/**
 * The sampling2d page (issue 15): particles in the plane on the exact score, driven through the transport with
 * the mouse, finished through the hook's run(), a preset clicked, a link restored, and bad links answered.
 */
import { expect, test, type Page } from '@playwright/test';
import { hook, notices, openPage, typeValue, urlQuery, watchErrors } from './helpers';

interface Metrics {
  mode: string;
  step: number;
  totalSteps: number;
  n: number;
  modeWeights: number[];
  sw1: number;
  sw1Floor: number;
  mean: [number, number];
  exactMean: [number, number];
  cov: number[][];
  exactCov: number[][];
  fps: number;
  frameMs: { p50: number; p95: number };
  paintMs: { p50: number; p95: number };
  particleStepsPerSec: number;
  needsModel: boolean;
  scoreSource: 'learned' | 'exact';
  learnedRefusal: string | null;
  scoreEngine: string | null;
  error: string | null;
  stopped: string | null;
}

const metrics = (page: Page) => hook<Metrics>(page, 'metrics()');
const params = (page: Page) => hook<Record<string, unknown>>(page, 'params()');
/** The run's first frame (step 0, read-outs measured) is in: the transport can drive it. */
const paused = (page: Page) =>
  page.waitForFunction(() => {
    const m = (window as unknown as { scoreLab: { metrics(): { mode: string } } }).scoreLab.metrics();
    return m.mode === 'paused';
  });

/** A mouse click at the centre of an element, as a person makes it. */
async function click(page: Page, testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not on screen`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

test('sampling2d: 10⁵ particles play under the mouse; a smaller run ends on the exact mixture', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openPage(page, '#/sampling2d?sampler=pc&steps=60&n=100000', 'sw1');
  await paused(page);
  expect((await metrics(page)).step).toBe(0);
  await click(page, 'play');
  await expect(page.getByTestId('pause')).toBeVisible();
  // Wait on the hook, not the clock: at least two steps taken and frames recorded.
  await page.waitForFunction(() => {
    const m = (window as unknown as { scoreLab: { metrics(): Metrics } }).scoreLab.metrics();
    return m.step >= 2 && m.fps > 0;
  });
  await click(page, 'pause');
  await expect(page.getByTestId('play')).toBeVisible();
  const played = await metrics(page);
  expect(played.mode).toBe('paused');
  expect(played.particleStepsPerSec).toBeGreaterThan(0);
  test.info().annotations.push({
    type: 'frames at n = 10⁵',
    description: `fps ${played.fps.toFixed(1)}, frame p50 ${played.frameMs.p50.toFixed(1)} ms, p95 ${played.frameMs.p95.toFixed(1)} ms, paint p50 ${played.paintMs.p50.toFixed(1)} ms, p95 ${played.paintMs.p95.toFixed(1)} ms, ${played.particleStepsPerSec.toExponential(2)} particle-steps/s`,
  });

  // Typing a smaller n starts a fresh run; run() takes it to the end at full speed.
  await typeValue(page, 'param-n', '2000');
  await expect.poll(async () => (await urlQuery(page)).n).toBe('2000');
  await paused(page);
  const done = await hook<Metrics>(page, 'run()');
  expect(done.mode).toBe('done');
  expect(done.step).toBe(60);
  expect(done.n).toBe(2000);
  // One run of 2000 exact samples spreads 0.4–2.6 floors (tests/unit/plane/sliced.test.ts).
  expect(done.sw1).toBeLessThan(3 * done.sw1Floor);
  // π = (0.5, 0.3, 0.2); a weight's sampling sd at n = 2000 is at most √(0.25/2000) ≈ 0.011.
  [0.5, 0.3, 0.2].forEach((w, k) => expect(Math.abs(done.modeWeights[k] - w)).toBeLessThan(0.05));
  // The mean's sd is √(Σ_xx/n) ≈ √(5/2000) ≈ 0.05 per coordinate.
  for (const c of [0, 1]) expect(Math.abs(done.mean[c] - done.exactMean[c])).toBeLessThan(0.25);
  await expect(page.getByTestId('readout-step')).toHaveText('60 / 60');
  expect(errors).toEqual([]);
});

test('sampling2d: the two-mode preset clicked keeps the wrong weights, and its link restores the same run', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openPage(page, '#/sampling2d?n=500&sampler=ode&steps=20', 'sw1');
  await click(page, 'preset-toy-langevin');
  await expect.poll(async () => (await urlQuery(page)).sampler).toBe('langevin');
  expect(await params(page)).toMatchObject({
    sampler: 'langevin',
    eps: 0.1,
    steps: 300,
    init: 'uniform:-8:8',
  });
  // Fewer particles and steps than the preset's, typed in, to keep the test short.
  await typeValue(page, 'param-n', '1000');
  await typeValue(page, 'param-steps', '100');
  await expect.poll(async () => (await urlQuery(page)).steps).toBe('100');
  await paused(page);
  const first = await hook<Metrics>(page, 'run()');
  // π = (0.2, 0.8), but a uniform start on [−8, 8]² splits about evenly and the modes never exchange particles.
  expect(first.modeWeights[0]).toBeGreaterThan(0.35);
  expect(first.step).toBe(100);

  const link = await page.evaluate(() => window.location.href);
  await page.goto('about:blank');
  await page.goto(link);
  await page.waitForFunction(() => (window as unknown as { scoreLab?: unknown }).scoreLab !== undefined);
  await paused(page);
  const again = await hook<Metrics>(page, 'run()');
  expect(again.modeWeights).toEqual(first.modeWeights);
  expect(again.sw1).toBe(first.sw1);
  expect(again.cov).toEqual(first.cov);

  // The start editor: a point start typed in puts every particle at (−5, −5), inside the 0.2 mode's basin, so the
  // same Langevin run now gives that mode nearly all the mass (the uniform start above gave it about half).
  await expect(page.getByTestId('init-plane')).toContainText('[-8, 8]²');
  await page.getByTestId('init-kind').getByText('Point', { exact: true }).click();
  const x0 = page.getByTestId('init-x0');
  await x0.fill('-5');
  await x0.press('Enter');
  await expect.poll(async () => (await urlQuery(page)).init).toBe('point:-5');
  await expect(page.getByTestId('init-plane')).toContainText('(-5, -5)');
  await paused(page);
  const pointed = await hook<Metrics>(page, 'run()');
  expect(pointed.step).toBe(100);
  expect(pointed.modeWeights[0]).toBeGreaterThan(0.95);
  expect(errors).toEqual([]);
});

test('sampling2d: a network trained on field2d samples Langevin at the default n, and the VE SDE once σ_min is inside its range', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // A small ncsn network on the ladder 0.1 … 8 (field2d's defaults), trained a few steps: the test is of the
  // plumbing and the σ-range rule, not of the network's quality.
  await openPage(page, '#/field2d?objective=ncsn&width=16&depth=1&batch=64&lr=0.01&backend=wasm');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => (window.scoreLab.metrics() as { step: number }).step >= 5, undefined, {
    timeout: 45_000,
    polling: 100,
  });
  await page.getByTestId('pause').click();
  await expect
    .poll(
      async () =>
        ((m) => m.mode === 'idle' && m.model?.step === m.step)(
          await hook<{ mode: string; step: number; model?: { step: number } }>(page, 'metrics()'),
        ),
      { timeout: 20_000 },
    )
    .toBe(true);

  await page.getByTestId('nav-sampling2d').click();
  await page.waitForFunction(() => window.scoreLab.page() === 'sampling2d');
  await page.getByTestId('param-sampler').getByText('Langevin', { exact: true }).click();
  await page.getByTestId('param-score').getByText('Learned').click();
  await typeValue(page, 'param-steps', '20');
  await expect(page.getByTestId('learned-active')).toContainText('smallest trained σ, 0.1');
  // The default n = 10⁴ on the network: it finishes and its read-outs are measured.
  await expect
    .poll(async () => ((m) => `${m.n} ${m.scoreSource} ${m.totalSteps}`)(await metrics(page)))
    .toBe('10000 learned 20');
  const langevin = await hook<Metrics>(page, 'run()');
  expect(langevin).toMatchObject({
    mode: 'done',
    step: 20,
    n: 10_000,
    scoreSource: 'learned',
    stopped: null,
  });
  expect(Number.isFinite(langevin.sw1)).toBe(true);
  expect(langevin.modeWeights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  await expect(page.getByTestId('readout-learned')).toBeVisible();
  // The network runs in the engine worker's learned-sampler role, on TensorFlow.js's wasm backend.
  expect(langevin.scoreEngine).toMatch(/^TensorFlow\.js on wasm with SIMD/);
  await expect(page.getByTestId('readout-engine')).toContainText('TensorFlow.js on wasm');

  // The reverse SDE on a learned score runs VE from σ_max = 5 to σ_min = 0.05: 0.05 is below the trained 0.1.
  await page.getByTestId('param-sampler').getByText('SDE').click();
  await typeValue(page, 'param-n', '500');
  const refused = page.getByTestId('learned-unsupported');
  await expect(refused).toContainText('σ from 0.05 to 5');
  await expect(refused).toContainText('trained on σ from 0.1 to 8');
  await expect(refused).toContainText('Set σ_min here to at least 0.1');
  expect((await metrics(page)).learnedRefusal).toMatch(/reverse VE SDE/);
  expect((await hook<Metrics>(page, 'run()')).step).toBe(0);
  // σ_min raised to the trained floor on the slider the notice points to: the run goes ahead on the network.
  await typeValue(page, 'param-smin', '0.1');
  await expect(refused).toBeHidden();
  await expect(page.getByTestId('learned-active')).toContainText(
    'VE process from σ_max = 5 down to σ_min = 0.1',
  );
  await expect.poll(async () => ((m) => `${m.n} ${m.scoreSource}`)(await metrics(page))).toBe('500 learned');
  const sde = await hook<Metrics>(page, 'run()');
  expect(sde).toMatchObject({ mode: 'done', step: 20, n: 500, scoreSource: 'learned', learnedRefusal: null });
  expect(sde.mean.every(Number.isFinite)).toBe(true);
  expect(errors).toEqual([]);
});

test('sampling2d: a bad link gives notices and a working page; a learned score with no model says so', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(
    page,
    '#/sampling2d?sampler=ddpm&n=5&steps=5000&eps=abc&smin=3&smax=1&mix2=banana&init=uniform:5:1',
    'sw1',
  );
  const text = (await notices(page)).join('\n');
  for (const name of ['n', 'steps', 'eps', 'smin', 'mix2', 'init'])
    expect(text).toMatch(new RegExp(`\\b${name}\\b`));
  expect(await params(page)).toMatchObject({
    n: 100,
    steps: 1000,
    eps: 5e-4,
    smin: 1,
    smax: 3,
    init: 'uniform:-6:6',
  });
  await expect(page.getByTestId('notice').first()).toBeVisible();
  await paused(page);
  const done = await hook<Metrics>(page, 'run()');
  expect(done.mode).toBe('done');
  expect(done.step).toBe(1000);

  await page.getByTestId('param-score').getByText('Learned').click();
  await expect(page.getByTestId('learned-missing')).toBeVisible();
  // DDPM on its schedule needs σ up to about 157, beyond any network the field page trains: the page says so
  // even before there is a model, and samples nothing.
  await expect(page.getByTestId('learned-unsupported')).toContainText('σ from 0.01 to 157');
  await expect(page.getByTestId('prose-link-field2d').first()).toHaveAttribute('href', /#\/field2d/);
  expect((await metrics(page)).needsModel).toBe(true);
  expect(errors).toEqual([]);
});

test('sampling2d: where wasm cannot start, a learned run samples with the JavaScript forward and says why', async ({
  page,
}) => {
  await openPage(page, '#/field2d?objective=ncsn&width=16&depth=1&batch=64&steps=10&backend=wasm', 'grid');
  // run() resolves with the run's last report applied: the published model and the rate are the final ones.
  const trained = await hook<{ step: number; stepsPerSec: number; model: { step: number } }>(page, 'run()');
  expect(trained.step).toBe(10);
  expect(trained.model.step).toBe(10);
  expect(trained.stepsPerSec).toBeGreaterThan(0);
  // The learned sampler worker starts with the first learned run: from here on it gets no wasm binary.
  await page.route('**/*.wasm', (route) => route.abort());
  await page.getByTestId('nav-sampling2d').click();
  await page.waitForFunction(() => window.scoreLab.page() === 'sampling2d');
  await page.getByTestId('param-sampler').getByText('Langevin', { exact: true }).click();
  await typeValue(page, 'param-n', '1000');
  await typeValue(page, 'param-steps', '10');
  await page.getByTestId('param-score').getByText('Learned').click();
  await expect.poll(async () => ((m) => `${m.n} ${m.scoreSource}`)(await metrics(page))).toBe('1000 learned');
  const done = await hook<Metrics>(page, 'run()');
  expect(done).toMatchObject({ mode: 'done', step: 10, error: null });
  expect(done.sw1).toBeGreaterThan(0);
  expect(done.scoreEngine).toMatch(/^plain JavaScript .*: The wasm backend could not start/);
  await expect(page.getByTestId('readout-engine')).toContainText('plain JavaScript');
});
