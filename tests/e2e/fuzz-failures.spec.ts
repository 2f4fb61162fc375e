/**
 * The failures a fuzzing pass found (issue 14), each reproduced in the browser: overflowing weights, giant values,
 * model files beyond the link limits, a lost WebGL context, and divergence as a notice on every page that runs.
 */
import { expect, test, type Page } from '@playwright/test';
import { hook, notices, openPage, watchErrors } from './helpers';

interface TrainMetrics {
  step: number;
  fisher: number[];
  mode: string;
  backend: string;
  diverged: string | null;
}

const trainMetrics = (page: Page) => hook<TrainMetrics>(page, 'metrics()');

async function openTrain(page: Page, query: string): Promise<void> {
  await page.goto('about:blank');
  await openPage(page, `#/train?${query}`, 'sigmas');
  await page.waitForFunction(() => {
    const m = window.scoreLab.metrics() as { mode?: string; fisher?: number[] };
    return m.mode === 'idle' && (m.fisher?.length ?? 0) > 0;
  });
}

/** Every number in a JSON value is finite (null allowed: the hook's "not measured yet"). */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

test('weights of 1e308 normalise with a notice; every page works and no engine message reaches the reader', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const mix = 'mix=1e308:0:1,1e308:1:1';
  for (const [route, ready] of [
    ['score', 'grid'],
    ['perturb', 'grid'],
    ['dsm', 'binned'],
    ['langevin', 'modeWeights'],
    ['annealed', 'level'],
    ['diffusion', 'w1'],
    ['train', 'sigmas'],
  ] as const) {
    await page.goto('about:blank');
    await openPage(page, `#/${route}?${mix}&n=500&steps=20`, ready);
    const params = await hook<{ mix: { weight: number }[] }>(page, 'params()');
    expect(params.mix.map((c) => c.weight)).toEqual([0.5, 0.5]);
    expect(
      (await notices(page)).some((n) => n.startsWith('mix:')),
      route,
    ).toBe(true);
    expect(allFinite(await hook(page, 'metrics()')), route).toBe(true);
    await expect(page.getByTestId('failed')).toHaveCount(0);
    const text = (await notices(page)).join(' ');
    expect(text).not.toMatch(/createExactScore|sum to zero|s = 0\)/);
  }
  expect(errors).toEqual([]);
});

test('a 100,000-character value is quoted by its prefix, wraps, and never widens the page', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const giant = 'A'.repeat(100_000);
  await openPage(page, `#/score?Z=${giant}&view=${giant}`, 'grid');
  const texts = await notices(page);
  expect(texts).toHaveLength(2);
  for (const t of texts) {
    expect(t.length).toBeLessThan(200);
    expect(t).toContain('100,000 characters');
  }
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  // On a phone too.
  await page.setViewportSize({ width: 390, height: 844 });
  const phone = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(phone).toBeLessThanOrEqual(0);
  // The dismiss button is on screen and works.
  const dismiss = page.getByTestId('notice').first().getByRole('button', { name: 'Dismiss notice' });
  await expect(dismiss).toBeInViewport();
  await dismiss.click();
  expect(await notices(page)).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('a model file loads through the file input with its step and Fisher divergence; one beyond the link limits is refused', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openTrain(page, 'objective=ncsn&width=16&depth=1&levels=3&batch=64&steps=60&seed=4');
  await page.getByTestId('step').click();
  await page.waitForFunction(() => (window.scoreLab.metrics() as { step: number }).step > 0);
  await page.waitForFunction(() => {
    const m = window.scoreLab.metrics() as { mode: string; evaluatedAtStep: number | null; step: number };
    return m.mode === 'idle' && m.evaluatedAtStep === m.step;
  });
  const trained = await trainMetrics(page);
  const download = page.waitForEvent('download');
  await page.getByTestId('save-model').click();
  const path = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const json = readFileSync(path, 'utf8');
  const file = JSON.parse(json);
  expect(file.step).toBe(trained.step);

  // A fresh page with other settings: loading brings back the model, its step and its Fisher divergence.
  await openTrain(page, 'objective=dsm&width=32&depth=2&seed=9');
  await page.getByTestId('model-file').setInputFiles({
    name: 'model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(json),
  });
  await expect.poll(async () => (await trainMetrics(page)).step).toBe(trained.step);
  await expect
    .poll(async () => (await trainMetrics(page)).fisher.map((f) => f.toPrecision(5)))
    .toEqual(trained.fisher.map((f) => f.toPrecision(5)));
  const params = await hook<Record<string, unknown>>(page, 'params()');
  expect(params.width).toBe(16);
  expect(params.objective).toBe('ncsn');
  // It stays loaded: writing its settings into the link did not start a fresh run.
  await page.waitForTimeout(500);
  expect((await trainMetrics(page)).step).toBe(trained.step);

  // A learning rate of 1 fits the network but not a link (at most 0.1): before, the file said "Loaded", the link
  // clamped lr and the page re-initialised a fresh network at step 0. Now it is refused and the model kept.
  const fast = JSON.stringify({ ...file, config: { ...file.config, lr: 1 } });
  await page.getByTestId('model-file').setInputFiles({
    name: 'fast.json',
    mimeType: 'application/json',
    buffer: Buffer.from(fast),
  });
  await expect
    .poll(async () => (await notices(page)).join(' '))
    .toMatch(/"fast\.json" was not loaded: .*lr 1 /);
  await page.waitForTimeout(500);
  expect((await trainMetrics(page)).step).toBe(trained.step);

  // Width 1024 is beyond a link's 256: refused, in one sentence, and the loaded model is kept.
  const wide = JSON.stringify({ ...file, config: { ...file.config, width: 1024 } });
  await page.getByTestId('model-file').setInputFiles({
    name: 'wide.json',
    mimeType: 'application/json',
    buffer: Buffer.from(wide),
  });
  await expect
    .poll(async () => (await notices(page)).join(' '))
    .toMatch(/"wide\.json" was not loaded: .*width 1024/);
  const refusal = (await notices(page)).find((n) => n.includes('wide.json')) ?? '';
  expect(refusal).not.toMatch(/\.\./);
  expect((await trainMetrics(page)).step).toBe(trained.step);
  expect((await hook<Record<string, unknown>>(page, 'params()')).width).toBe(16);

  // Not JSON at all: one period between the sentences.
  await page.getByTestId('model-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": '),
  });
  await expect.poll(async () => (await notices(page)).join(' ')).toMatch(/broken\.json/);
  const broken = (await notices(page)).find((n) => n.includes('broken.json')) ?? '';
  expect(broken).toMatch(/not valid JSON\. The current model is unchanged\.$/);
  expect(errors).toEqual([]);
});

test('a lost WebGL context: a notice, training carries on on another backend, and run() still resolves after Reset', async ({
  page,
}) => {
  await openTrain(page, 'backend=webgl&width=16&depth=1&levels=3&batch=64&steps=30&seed=2');
  expect((await trainMetrics(page)).backend).toBe('webgl');
  await page.getByTestId('play').click();
  await page.waitForFunction(() => (window.scoreLab.metrics() as { step: number }).step >= 20);

  // The worker that trains holds the WebGL backend; lose its context as a GPU-process crash would.
  let lost = false;
  for (const worker of page.workers()) {
    lost ||= await worker.evaluate(() => {
      const debug = (globalThis as { scoreLabDebug?: { loseWebGlContext(): boolean } }).scoreLabDebug;
      return debug?.loseWebGlContext() ?? false;
    });
  }
  expect(lost).toBe(true);
  await expect.poll(async () => (await notices(page)).join(' ')).toMatch(/WebGL context was lost/);
  await expect.poll(async () => (await trainMetrics(page)).backend, { timeout: 30_000 }).not.toBe('webgl');
  const moved = await trainMetrics(page);
  await expect
    .poll(async () => (await trainMetrics(page)).step, { timeout: 30_000 })
    .toBeGreaterThan(moved.step + 10);
  expect((await trainMetrics(page)).mode).toBe('playing');

  await page.getByTestId('pause').click();
  await page.getByTestId('reset').click();
  const result = await page.evaluate(() =>
    Promise.race([
      window.scoreLab.run(),
      new Promise((resolve) => setTimeout(() => resolve('timed out'), 60_000)),
    ]),
  );
  expect(result).not.toBe('timed out');
  expect((result as { step: number }).step).toBe(30);
});

test('divergence is a notice on train and diffusion, as on langevin and annealed', async ({ page }) => {
  await openTrain(page, 'objective=esm&lr=0.1&width=128&depth=4&batch=16&seed=2');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('diverged')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await notices(page)).join(' ')).toMatch(/diverged/);

  await page.goto('about:blank');
  await openPage(page, '#/diffusion?sde=ddpm&schedule=geometric&sampler=sde&steps=10&n=5000', 'w1');
  await expect(page.getByTestId('diverged')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await notices(page)).join(' ')).toMatch(/unstable/);

  for (const [route, ready] of [
    ['langevin', 'modeWeights'],
    ['annealed', 'level'],
  ] as const) {
    await page.goto('about:blank');
    await openPage(page, `#/${route}?n=500&eps=5`, ready);
    await expect(page.getByTestId('diverged')).toBeVisible({ timeout: 30_000 });
    await expect.poll(async () => (await notices(page)).join(' ')).toMatch(/stopped at step/);
  }
});
