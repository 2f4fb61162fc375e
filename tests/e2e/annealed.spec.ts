import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hook, notices, openPage, watchErrors } from './helpers';

interface SamplingMetrics {
  step: number;
  n: number;
  modeWeights: number[];
  w1: number;
  ks: number;
  mean: number;
  std: number;
  particleStepsPerSec: number;
  fps: number;
  frameMs: { p50: number; p95: number };
  done: boolean;
  level: number;
  levels: number;
}

const metrics = (page: Page) => hook<SamplingMetrics>(page, 'metrics()');

/** The figures run() must reproduce exactly for one URL and backend. */
function deterministic(m: SamplingMetrics) {
  const { step, n, modeWeights, w1, ks, mean, std, level } = m;
  return { step, n, modeWeights, w1, ks, mean, std, level };
}

test('annealed page: levels advance, each leaves a snapshot; metrics follow the contract', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/annealed?n=2000&levels=6&T=60&seed=3', 'level');
  await expect.poll(async () => (await metrics(page)).level, { timeout: 20_000 }).toBeGreaterThan(2);
  const m = await metrics(page);
  expect(m.levels).toBe(6);
  expect(m.modeWeights).toHaveLength(2);
  for (const field of ['step', 'n', 'w1', 'ks', 'mean', 'std', 'particleStepsPerSec', 'fps'] as const)
    expect(Number.isFinite(m[field]), field).toBe(true);
  expect(m.frameMs.p95).toBeGreaterThanOrEqual(m.frameMs.p50);
  await expect(page.getByTestId('level-strip').locator('.samp-strip-item.reached')).not.toHaveCount(0);
  await expect(page.getByTestId('level-strip').locator('.samp-strip-item')).toHaveCount(6);
  await expect(page.getByTestId('figure-step-sizes').locator('circle.point')).toHaveCount(6);
  await page.getByTestId('speed').selectOption('max');
  await expect.poll(async () => (await metrics(page)).done, { timeout: 20_000 }).toBe(true);
  await expect(page.getByTestId('level-strip').locator('.samp-strip-item.reached')).toHaveCount(6);
  expect(
    await page
      .getByTestId('figure-weight-history')
      .locator('[data-series="share-0"] path.series-line')
      .count(),
  ).toBe(1);
  expect(errors).toEqual([]);
});

test('annealed page: run() is deterministic and recovers the weights of separated modes', async ({
  page,
}) => {
  const link =
    '#/annealed?mix=0.2:-5:1,0.8:5:1&n=10000&eps=0.002&smin=0.1&smax=10&levels=20&T=100&init=uniform:-8:8&seed=1';
  await openPage(page, link, 'level');
  const a = await hook<SamplingMetrics>(page, 'run()');
  expect(a.step).toBe(2000);
  expect(a.level).toBe(20);
  expect(Math.abs(a.modeWeights[0] - 0.2)).toBeLessThanOrEqual(0.03);
  await expect(page.getByTestId('weight-verdict')).toContainText('within');
  await page.goto('about:blank');
  await openPage(page, link, 'level');
  const b = await hook<SamplingMetrics>(page, 'run()');
  expect(deterministic(b)).toEqual(deterministic(a));
});

test('annealed page: a bad link shows notices; too large a step stops with the reset panel', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/annealed?smin=3&smax=0.5&levels=0&T=abc&n=500', 'level');
  const texts = (await notices(page)).join('\n');
  expect(texts).toContain('levels:');
  expect(texts).toContain('T:');
  expect(texts).toContain('swapped');
  const params = await hook<Record<string, number>>(page, 'params()');
  expect(params.levels).toBe(1);
  expect(params.T).toBe(100);
  await expect.poll(async () => (await metrics(page)).done, { timeout: 20_000 }).toBe(true);

  await openPage(page, '#/annealed?n=500&eps=5', 'level');
  expect((await notices(page)).join('\n')).toMatch(/Level 1/);
  await expect(page.getByTestId('diverged')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('diverged-reason')).toContainText('level 1');
  await page.getByTestId('diverged-reset').click();
  await expect(page.getByTestId('diverged')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('annealed page has no detectable accessibility violations, light or dark', async ({ page }) => {
  // Light while the run is paused part-way (levels still to come: their labels once faded to 2.3:1), dark once it
  // has ended (every level's snapshot drawn).
  await openPage(page, '#/annealed?n=2000&levels=4&T=400', 'level');
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('level-strip').locator('.samp-strip-item:not(.reached)')).not.toHaveCount(0);
  for (const scheme of ['light', 'dark'] as const) {
    if (scheme === 'dark') {
      await page.getByTestId('speed').selectOption('max');
      await page.getByTestId('play').click();
      await expect.poll(async () => (await metrics(page)).done, { timeout: 30_000 }).toBe(true);
    }
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa'])
      .exclude('.katex')
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`,
    );
    expect(summary, scheme).toEqual([]);
  }
});
