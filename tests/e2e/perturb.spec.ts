import { expect, test } from '@playwright/test';
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

interface PerturbMetrics {
  sigma: number;
  n: number;
  grid: { x: number[]; pdf: number[]; q: number[]; score: number[] };
  kde: { x: number[]; q: number[]; score: number[] };
  samples: number[];
}

const MIX = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];

/** q_σ and its score from SCIENCE.md §2, computed independently of the app. */
function exactQ(sigma: number, x: number) {
  const comps = MIX.map((c) => ({ ...c, v: c.std ** 2 + sigma ** 2 }));
  const terms = comps.map(
    (c) => (c.weight * Math.exp((-0.5 * (x - c.mean) ** 2) / c.v)) / Math.sqrt(2 * Math.PI * c.v),
  );
  const q = terms.reduce((a, b) => a + b, 0);
  return { q, score: comps.reduce((s, c, k) => s + (terms[k] / q) * ((c.mean - x) / c.v), 0) };
}

test('perturb page: grids agree with the closed form and the KDE with its samples', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/perturb?sigma=0.7&n=25&seed=3');
  const m = await hook<PerturbMetrics>(page, 'metrics()');
  expect(m.sigma).toBe(0.7);
  expect(m.grid.x.length).toBeGreaterThanOrEqual(401);
  for (const i of [0, 200, 400, 600, 800]) {
    const e = exactQ(0.7, m.grid.x[i]);
    expectClose(m.grid.q[i], e.q, 1e-9);
    expectClose(m.grid.score[i], e.score, 1e-7 * (1 + Math.abs(e.score)));
  }
  // The KDE recomputed here from the returned samples.
  expect(m.samples).toHaveLength(25);
  for (const i of [50, 300, 550]) {
    const x = m.kde.x[i];
    const k = m.samples.map((s) => Math.exp(-0.5 * ((x - s) / 0.7) ** 2) / (0.7 * Math.sqrt(2 * Math.PI)));
    expectClose(m.kde.q[i], k.reduce((a, b) => a + b, 0) / 25, 1e-9);
  }
  expect(errors).toEqual([]);
});

test('perturb page: the σ slider changes the figures and the URL; reload restores; seed reproduces', async ({
  page,
}) => {
  await openPage(page, '#/perturb');
  const before = await seriesPath(page, 'figure-perturb-density', 'q');
  await nudgeSlider(page, 'param-sigma', 60);
  await expect.poll(() => seriesPath(page, 'figure-perturb-density', 'q')).not.toBe(before);
  const sigma = Number((await urlQuery(page)).sigma);
  expect(sigma).toBeGreaterThan(0.5);
  const samples = (await hook<PerturbMetrics>(page, 'metrics()')).samples;

  await page.reload();
  await page.waitForFunction(() => window.scoreLab.metrics().grid !== undefined);
  const after = await hook<PerturbMetrics>(page, 'metrics()');
  expect(after.sigma).toBe(sigma);
  expect(after.samples).toEqual(samples);

  await page.getByTestId('new-seed').click();
  await expect.poll(async () => (await hook<PerturbMetrics>(page, 'metrics()')).samples).not.toEqual(samples);
});

test('perturb page: small multiples highlight the nearest σ and jump to theirs', async ({ page }) => {
  await openPage(page, '#/perturb?sigma=0.22');
  await expect(page.getByTestId('multiple-0.2')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('multiple-2').click();
  expect((await urlQuery(page)).sigma).toBe('2');
  await expect(page.getByTestId('multiple-2')).toHaveAttribute('aria-pressed', 'true');
});

test('perturb page: small σ makes the KDE score point at the nearest sample', async ({ page }) => {
  await openPage(page, '#/perturb?sigma=0.02&n=20&seed=5');
  const m = await hook<PerturbMetrics>(page, 'metrics()');
  // Just to the right of an isolated sample, the estimate's score ≈ (x_i − x)/σ² (strongly negative).
  const sorted = [...m.samples].sort((a, b) => a - b);
  // The sample whose nearest neighbour is farthest away (interior samples only).
  const isolation = (i: number) => Math.min(sorted[i] - sorted[i - 1], sorted[i + 1] - sorted[i]);
  let best = 1;
  for (let i = 2; i < sorted.length - 1; i++) if (isolation(i) > isolation(best)) best = i;
  const xi = sorted[best];
  const j = m.kde.x.findIndex((x) => x > xi + 0.005);
  const x = m.kde.x[j];
  expectClose(m.kde.score[j], (xi - x) / 0.02 ** 2, 0.05 * Math.abs((xi - x) / 0.02 ** 2));
});

test('perturb page: a malformed link shows notices and a working page', async ({ page }) => {
  const errors = watchErrors(page);
  await openBadLink(page, '#/perturb?sigma=-1&n=1e12&mix=abc', {
    named: ['sigma', 'n:', 'mix'],
    params: { sigma: 0.01, n: 5000 },
  });
  await expect(page.getByTestId('figure-kde-score').locator('[data-series="kdeScore"]')).toHaveCount(1);
  expect((await urlQuery(page)).n).toBe('5000');
  expect(errors).toEqual([]);
});
