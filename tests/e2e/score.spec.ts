import { expect, test } from '@playwright/test';
import {
  expectClose,
  hook,
  notices,
  openBadLink,
  nudgeSlider,
  openPage,
  seriesPath,
  typeValue,
  urlQuery,
  watchErrors,
} from './helpers';

interface ScoreMetrics {
  grid: { x: number[]; pdf: number[]; logpdf: number[]; score: number[] };
}

const DEFAULT_MIX = '0.6:2:0.5,0.4:-2:0.2';

/** The mixture pdf and score computed independently here, from the formulas of SCIENCE.md §1. */
function exact(mix: { weight: number; mean: number; std: number }[], x: number) {
  const terms = mix.map(
    (c) => (c.weight * Math.exp(-0.5 * ((x - c.mean) / c.std) ** 2)) / (c.std * Math.sqrt(2 * Math.PI)),
  );
  const pdf = terms.reduce((a, b) => a + b, 0);
  const score = mix.reduce((s, c, k) => s + (terms[k] / pdf) * ((c.mean - x) / c.std ** 2), 0);
  return { pdf, score };
}

test('score page: metrics grid agrees with the closed form', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/score');
  const m = await hook<ScoreMetrics>(page, 'metrics()');
  expect(m.grid.x.length).toBeGreaterThanOrEqual(401);
  const mix = [
    { weight: 0.6, mean: 2, std: 0.5 },
    { weight: 0.4, mean: -2, std: 0.2 },
  ];
  for (const i of [0, 100, 250, 400, 555, m.grid.x.length - 1]) {
    const e = exact(mix, m.grid.x[i]);
    expectClose(m.grid.pdf[i], e.pdf, 1e-9);
    expectClose(Math.exp(m.grid.logpdf[i]), e.pdf, 1e-9);
    if (e.pdf > 1e-12) expectClose(m.grid.score[i], e.score, 1e-6 * (1 + Math.abs(e.score)));
  }
  expect(await hook<string>(page, 'page()')).toBe('score');
  expect(errors).toEqual([]);
});

test('score page: moving a slider changes the figure and the URL; reload restores it', async ({ page }) => {
  await openPage(page, '#/score');
  const before = await seriesPath(page, 'figure-density', 'density');
  await nudgeSlider(page, 'mean-0', -40);
  await expect.poll(() => seriesPath(page, 'figure-density', 'density')).not.toBe(before);
  const query = await urlQuery(page);
  expect(query.mix).not.toBe(DEFAULT_MIX);
  const params = await hook<{ mix: { mean: number }[] }>(page, 'params()');
  expect(params.mix[0].mean).toBeLessThan(2);

  await page.reload();
  await page.waitForFunction(() => window.scoreLab.metrics().grid !== undefined);
  expect((await urlQuery(page)).mix).toBe(query.mix);
  expect((await hook<{ mix: { mean: number }[] }>(page, 'params()')).mix[0].mean).toBe(params.mix[0].mean);
});

test('score page: scaling by Z moves the density but never the score', async ({ page }) => {
  await openPage(page, '#/score');
  const density = await seriesPath(page, 'figure-density', 'density');
  const score = await seriesPath(page, 'figure-score', 'score');
  await typeValue(page, 'param-Z', '3');
  await expect.poll(() => seriesPath(page, 'figure-density', 'density')).not.toBe(density);
  expect(await seriesPath(page, 'figure-score', 'score')).toBe(score);
  expect((await urlQuery(page)).Z).toBe('3');
  // Log view: the curve shifts by log Z.
  await page.getByTestId('param-view').getByText('Log').click();
  expect((await urlQuery(page)).view).toBe('log');
  await expect(page.getByTestId('figure-density').locator('[data-series="normalised"]')).toHaveCount(1);
});

test('score page: adding and removing components keeps the weights normalised', async ({ page }) => {
  await openPage(page, '#/score');
  await page.getByTestId('add-component').click();
  await expect(page.getByTestId('component-2')).toBeVisible();
  let mix = (await hook<{ mix: { weight: number }[] }>(page, 'params()')).mix;
  expect(mix).toHaveLength(3);
  expectClose(
    mix.reduce((s, c) => s + c.weight, 0),
    1,
    1e-9,
  );
  await page.getByTestId('remove-component-0').click();
  mix = (await hook<{ mix: { weight: number }[] }>(page, 'params()')).mix;
  expect(mix).toHaveLength(2);
  expectClose(
    mix.reduce((s, c) => s + c.weight, 0),
    1,
    1e-9,
  );
});

test('score page: hovering shows the probe read-out with the exact score', async ({ page }) => {
  await openPage(page, '#/score');
  const box = (await page.getByTestId('figure-score').locator('rect.hover-target').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
  await expect(page.getByTestId('probe-score')).toBeVisible();
  const x = Number(await page.getByTestId('probe-x').textContent());
  const shown = Number(await page.getByTestId('probe-score').textContent());
  const e = exact(
    [
      { weight: 0.6, mean: 2, std: 0.5 },
      { weight: 0.4, mean: -2, std: 0.2 },
    ],
    x,
  );
  // The read-out rounds x and s to 3 significant digits.
  expectClose(shown, e.score, 0.02 * Math.abs(e.score) + 0.05);
});

test('score page: a malformed link shows notices and a working page', async ({ page }) => {
  const errors = watchErrors(page);
  const params = await openBadLink(page, '#/score?mix=abc&view=sideways&Z=1e9&seed=-4', {
    named: ['mix', 'view', 'Z', 'seed'],
    params: { view: 'density', Z: 100, seed: 0 },
  });
  expect(params.mix as unknown[]).toHaveLength(2);
  await expect(page.getByTestId('figure-density').locator('[data-series="density"]')).toHaveCount(1);
  // A component with std ≤ 0 is rejected with a notice; the rest is kept.
  await openPage(page, '#/score?mix=0.5:0:-1,0.5:1:0.5');
  expect((await notices(page)).join(' ')).toContain('std ≤ 0');
  expect((await hook<{ mix: unknown[] }>(page, 'params()')).mix).toHaveLength(1);
  expect(errors).toEqual([]);
});
