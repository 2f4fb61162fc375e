import { expect, test, type Page } from '@playwright/test';
import {
  expectClose,
  hook,
  openBadLink,
  nudgeSlider,
  openPage,
  seriesPath,
  urlQuery,
  watchErrors,
} from './helpers';

interface DsmMetrics {
  sigma: number;
  n: number;
  binned: {
    x: number[];
    meanTarget: number[];
    count: number[];
    stderr: (number | null)[];
    exact: number[];
    outside: number;
  };
  grid: { x: number[]; score: number[] };
  mse: number;
  mseNoise: number;
  mode: string;
  samples?: { x: number[]; xTilde: number[]; target: number[] };
}

const MIX = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];

/** Score of q_σ from SCIENCE.md §2, written out independently: the mixture with variances s_k² + σ². */
function qScore(sigma: number, x: number): number {
  const comps = MIX.map((c) => ({ ...c, v: c.std * c.std + sigma * sigma }));
  const terms = comps.map((c) => (c.weight * Math.exp((-0.5 * (x - c.mean) ** 2) / c.v)) / Math.sqrt(c.v));
  const total = terms.reduce((a, b) => a + b, 0);
  return comps.reduce((s, c, k) => s + (terms[k] / total) * ((c.mean - x) / c.v), 0);
}

const metrics = (page: Page) => hook<DsmMetrics>(page, 'metrics()');

test('dsm page: loads cleanly; metrics agree with the closed-form score of q_σ', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/dsm?sigma=0.4&n=5000&seed=3');
  const m = await metrics(page);
  expect(m.sigma).toBe(0.4);
  expect(m.n).toBe(5000);
  expect(m.grid.x.length).toBeGreaterThanOrEqual(401);
  for (const i of [0, 150, 400, 650, m.grid.x.length - 1]) {
    const e = qScore(0.4, m.grid.x[i]);
    expectClose(m.grid.score[i], e, 1e-6 * (1 + Math.abs(e)));
  }
  const { x, meanTarget, count, exact, outside } = m.binned;
  expect(meanTarget).toHaveLength(x.length);
  expect(count).toHaveLength(x.length);
  expect(count.reduce((a, b) => a + b, 0) + outside).toBe(5000);
  // Well-filled bins sit within a few standard errors of the exact bin average.
  for (let b = 0; b < x.length; b++) {
    if (count[b] < 200) continue;
    expect(Math.abs(meanTarget[b] - exact[b])).toBeLessThan(5 * m.binned.stderr[b]!);
  }
  expect(m.mse).toBeGreaterThan(0);
  expect(await hook<string>(page, 'page()')).toBe('dsm');
  await expect(page.getByTestId('gap-mse')).toBeVisible();
  expect(errors).toEqual([]);
});

test('dsm page: moving σ changes the figures and the link; reload restores it', async ({ page }) => {
  await openPage(page, '#/dsm');
  const before = await seriesPath(page, 'figure-dsm-pairs', 'score');
  const sigma0 = (await metrics(page)).sigma;
  await nudgeSlider(page, 'param-sigma', -25);
  await expect.poll(() => seriesPath(page, 'figure-dsm-pairs', 'score')).not.toBe(before);
  const query = await urlQuery(page);
  expect(Number(query.sigma)).toBeLessThan(sigma0);
  const m = await metrics(page);
  expect(m.sigma).toBe(Number(query.sigma));

  await page.reload();
  await page.waitForFunction(() => window.scoreLab.metrics().grid !== undefined);
  expect((await urlQuery(page)).sigma).toBe(query.sigma);
  expect((await metrics(page)).sigma).toBe(m.sigma);
  expect(await seriesPath(page, 'figure-dsm-pairs', 'score')).not.toBe(before);
});

test('dsm page: a bad link shows notices and a working page', async ({ page }) => {
  const errors = watchErrors(page);
  await openBadLink(page, '#/dsm?sigma=-1&n=1e12&seed=abc', {
    named: ['sigma', 'n', 'seed'],
    params: { sigma: 0.01, n: 200_000, seed: 1 },
  });
  const m = await metrics(page);
  expect(m.n).toBe(200_000);
  await expect(page.getByTestId('figure-dsm-average').locator('[data-series="score"]')).toHaveCount(1);
  expect(await page.getByTestId('figure-dsm-average').locator('path.errorbar').count()).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});

test('dsm page: run() is deterministic for a link and returns its pairs', async ({ page }) => {
  const link = '#/dsm?sigma=0.3&n=3000&seed=42';
  await openPage(page, link);
  const a = await hook<DsmMetrics>(page, 'run()');
  expect(a.samples!.x).toHaveLength(3000);
  expect(a.samples!.xTilde).toHaveLength(3000);
  for (const i of [0, 17, 2999]) {
    expectClose(a.samples!.target[i], (a.samples!.x[i] - a.samples!.xTilde[i]) / 0.09, 1e-9);
  }
  await page.goto('about:blank');
  await openPage(page, link);
  const b = await hook<DsmMetrics>(page, 'run()');
  expect(b.samples).toEqual(a.samples);
  expect(b.binned).toEqual(a.binned);
  expect(b.mse).toBe(a.mse);
  // A different seed draws different pairs.
  await openPage(page, '#/dsm?sigma=0.3&n=3000&seed=43');
  const c = await hook<DsmMetrics>(page, 'run()');
  expect(c.samples!.x[0]).not.toBe(a.samples!.x[0]);
});

test('dsm page: hovering an arrow shows its pair and the exact score at x̃', async ({ page }) => {
  await openPage(page, '#/dsm?sigma=0.5&n=2000&seed=1');
  await expect(page.getByTestId('pair-target')).toHaveCount(0);
  const arrow = page.getByTestId('figure-dsm-pairs').locator('path.arrow-hit').nth(3);
  await arrow.hover({ force: true });
  await expect(page.getByTestId('pair-target')).toBeVisible();
  const x = Number(await page.getByTestId('pair-x').textContent());
  const xTilde = Number(await page.getByTestId('pair-xtilde').textContent());
  const target = Number(await page.getByTestId('pair-target').textContent());
  const score = Number(await page.getByTestId('pair-score').textContent());
  // Read-outs are rounded to 3 significant digits.
  expectClose(target, (x - xTilde) / 0.25, 0.03 * Math.abs(target) + 0.05);
  expectClose(score, qScore(0.5, xTilde), 0.03 * Math.abs(score) + 0.05);
  await expect(page.getByTestId('figure-dsm-pairs').locator('path.arrow.dsm-hot')).toHaveCount(1);
});

test('dsm page: play keeps adding samples; space pauses; reset starts over', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/dsm?sigma=0.5&n=100&seed=2');
  await page.getByTestId('play').click();
  await expect.poll(async () => Number((await urlQuery(page)).n), { timeout: 10_000 }).toBeGreaterThan(400);
  expect((await metrics(page)).mode).toBe('playing');
  await page.locator('h1').click();
  await page.keyboard.press(' ');
  await expect.poll(async () => (await metrics(page)).mode).toBe('idle');
  const paused = Number((await urlQuery(page)).n);
  await page.waitForTimeout(600);
  expect(Number((await urlQuery(page)).n)).toBe(paused);
  const m = await metrics(page);
  expect(m.n).toBe(paused);
  // The link after playing reproduces the same pairs as a fresh load of it.
  const played = await hook<DsmMetrics>(page, 'run()');
  await page.goto('about:blank');
  await openPage(page, `#/dsm?sigma=0.5&n=${paused}&seed=2`);
  expect((await hook<DsmMetrics>(page, 'run()')).samples).toEqual(played.samples);
  await page.getByTestId('reset').click();
  expect((await urlQuery(page)).n).toBe('50');
  await page.getByTestId('resample').click();
  expect((await urlQuery(page)).seed).not.toBe('2');
  expect(errors).toEqual([]);
});
