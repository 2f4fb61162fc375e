import { expect, test, type Page } from '@playwright/test';
import { hook, notices, openPage, urlQuery, watchErrors } from './helpers';

interface DiffusionMetrics {
  step: number;
  totalSteps: number;
  n: number;
  modeWeights: number[] | null;
  w1: number | null;
  ks: number | null;
  mean: number | null;
  std: number | null;
  particleStepsPerSec: number;
  sampler: string;
  steps: number;
  score: string;
  resultScore: string;
  diverged: string | null;
  table: { key: string; w1: number | null; score: string }[];
}

const metrics = (page: Page) => hook<DiffusionMetrics>(page, 'metrics()');
const run = (page: Page) => hook<DiffusionMetrics>(page, 'run()');

/** A fresh document on a diffusion link, waiting for its first finished run. */
async function openDiffusion(page: Page, query: string): Promise<void> {
  await page.goto('about:blank');
  await openPage(page, `#/diffusion?${query}`, 'w1');
}

// The engine's bounds (tests/unit/diffusion-samplers.test.ts): with the exact score and 1000 steps W1 < 0.05 at
// n = 10⁴; the sampling noise floor alone is 0.007–0.044.
const W1_BOUND = 0.05;

test('diffusion page: exact-score runs for ancestral and the ODE reach the engine bound, deterministically', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openDiffusion(page, 'sde=ddpm&schedule=linear&T=1000&sampler=ancestral&steps=1000&n=10000&seed=1');
  const a = await run(page);
  expect(a.step).toBe(1000);
  expect(a.n).toBe(10_000);
  expect(a.w1!).toBeLessThan(W1_BOUND);
  expect(Math.abs(a.modeWeights![0] - 0.6)).toBeLessThan(0.03);
  expect(a.particleStepsPerSec).toBeGreaterThan(0);
  for (const key of ['ks', 'mean', 'std'] as const) expect(Number.isFinite(a[key])).toBe(true);
  const again = await run(page);
  expect(again.w1).toBe(a.w1);

  await openDiffusion(page, 'sde=vp&sampler=ode&solver=heun&steps=1000&n=10000&seed=1');
  const ode = await run(page);
  expect(ode.sampler).toBe('ode');
  expect(ode.w1!).toBeLessThan(W1_BOUND);
  await page.reload();
  await page.waitForFunction(() => window.scoreLab?.metrics().w1 !== undefined);
  expect((await run(page)).w1).toBe(ode.w1);
  await expect(page.getByTestId('figure-paths').locator('path.heatmap-path')).toHaveCount(40);
  expect(errors).toEqual([]);
});

test('diffusion page: controls update the figures, the URL and the table; reload restores', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openDiffusion(page, 'steps=20&n=2000');
  const pathsBefore = await page
    .getByTestId('figure-paths')
    .locator('path.heatmap-path')
    .first()
    .getAttribute('d');
  await page.getByTestId('sampler').getByText('PF ODE').click();
  await page.waitForFunction(() => {
    const m = window.scoreLab.metrics() as { resultScore?: string; table: unknown[] };
    return m.table.length === 2;
  });
  expect((await urlQuery(page)).sampler).toBe('ode');
  const pathsAfter = await page
    .getByTestId('figure-paths')
    .locator('path.heatmap-path')
    .first()
    .getAttribute('d');
  expect(pathsAfter).not.toBe(pathsBefore);
  // Same seed, same starting noise: the first point of a path (t = 1) is the same for both samplers.
  expect(pathsAfter!.split('L')[0]).toBe(pathsBefore!.split('L')[0]);
  await expect(page.getByTestId('table-row')).toHaveCount(2);

  await page.getByTestId('param-steps-input').fill('50');
  await page.getByTestId('param-steps-input').press('Enter');
  await page.waitForFunction(() => (window.scoreLab.metrics() as { totalSteps?: number }).totalSteps === 50);
  expect((await urlQuery(page)).steps).toBe('50');
  await expect(page.getByTestId('table-row')).toHaveCount(3);

  await page.reload();
  await page.waitForFunction(() => (window.scoreLab.metrics() as { totalSteps?: number }).totalSteps === 50);
  const m = await metrics(page);
  expect(m.sampler).toBe('ode');
  expect(m.steps).toBe(50);
  await page.getByTestId('clear-table').click();
  await expect(page.getByTestId('table-row')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('diffusion page: a bad link gives notices and a working page; a diverging run says so, with a reset', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openDiffusion(page, 'sampler=magic&steps=-3&n=1e12&sde=zz&T=7&seed=2');
  const text = (await notices(page)).join(' ');
  expect(text).toMatch(/sampler/);
  expect(text).toMatch(/steps/);
  expect(text).toMatch(/n/);
  expect(text).toMatch(/sde/);
  const params = await hook<Record<string, unknown>>(page, 'params()');
  expect(params.sampler).toBe('ancestral');
  expect(params.sde).toBe('ddpm');
  expect(params.steps).toBe(1);
  expect(params.n).toBe(1_000_000);

  await openDiffusion(page, 'sde=ddpm&schedule=geometric&sampler=sde&steps=10&n=5000');
  const m = await metrics(page);
  expect(m.diverged).toMatch(/unstable/);
  expect(Number.isFinite(m.w1)).toBe(true);
  await expect(page.getByTestId('diverged')).toBeVisible();
  await page.getByTestId('reset-sampler').click();
  await page.waitForFunction(() => (window.scoreLab.metrics() as { diverged?: unknown }).diverged === null);
  expect((await urlQuery(page)).sampler).toBe('ancestral');
  expect(errors).toEqual([]);
});

test('diffusion page: a tiny ε-model trains, and the learned score samples', async ({ page }) => {
  const errors = watchErrors(page);
  await openDiffusion(page, 'sde=ddpm&T=100&steps=50&n=2000&width=16&train=300&seed=3');
  const exact = await metrics(page);
  await page.getByTestId('score').getByText('Learned ε-model').click();
  await expect(page.getByTestId('needs-model')).toBeVisible();
  const learned = await run(page);
  expect(learned.resultScore).toBe('learned');
  expect(learned.step).toBe(50);
  expect(Number.isFinite(learned.w1)).toBe(true);
  // 300 steps of a width-16 network: a rough model, but the samples land near the data (an untrained network
  // leaves them spread like the prior, W1 ≈ 1.5).
  expect(learned.w1!).toBeLessThan(1);
  expect(learned.w1).not.toBe(exact.w1);
  await expect(page.getByTestId('model-status')).toContainText('ε-model ready');
  await expect(page.getByTestId('table-row')).toHaveCount(2);
  expect(errors).toEqual([]);
});
