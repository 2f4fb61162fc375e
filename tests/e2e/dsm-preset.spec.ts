import { expect, test } from '@playwright/test';
import { expectClose, hook, openPage, urlQuery, watchErrors } from './helpers';

interface DsmMetrics {
  sigma: number;
  grid: { x: number[]; score: number[] };
}

/** Score of q_σ for the default mixture (SCIENCE.md §2), written out independently of the app. */
function qScore(sigma: number, x: number): number {
  const comps = [
    { weight: 0.6, mean: 2, v: 0.25 + sigma * sigma },
    { weight: 0.4, mean: -2, v: 0.04 + sigma * sigma },
  ];
  const terms = comps.map((c) => (c.weight * Math.exp((-0.5 * (x - c.mean) ** 2) / c.v)) / Math.sqrt(c.v));
  const total = terms.reduce((a, b) => a + b, 0);
  return comps.reduce((s, c, k) => s + (terms[k] / total) * ((c.mean - x) / c.v), 0);
}

test('dsm page: the blog-figure preset sets σ² = 0.6 on the default mixture, in the URL and the hook', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // Start elsewhere: another σ and an edited mixture, which the preset must both replace.
  await openPage(page, '#/dsm?sigma=0.1&n=500&seed=4&mix=0.5:1:0.3,0.5:-1:0.3');
  await page.getByTestId('preset-blog').click();
  await expect.poll(async () => (await urlQuery(page)).sigma).toBe('0.7746');
  const query = await urlQuery(page);
  expect(query.mix).toBe('0.6:2:0.5,0.4:-2:0.2');
  expect(query.n).toBe('500');
  const m = await hook<DsmMetrics>(page, 'metrics()');
  expect(m.sigma ** 2).toBeCloseTo(0.6, 4);
  expect((await hook<{ sigma: number }>(page, 'params()')).sigma).toBe(0.7746);
  // The page now computes the exact score of q_σ for the default mixture at σ² = 0.6.
  for (const i of [
    0,
    Math.floor(m.grid.x.length / 3),
    Math.floor(m.grid.x.length / 2),
    m.grid.x.length - 1,
  ]) {
    const x = m.grid.x[i];
    expectClose(m.grid.score[i], qScore(Math.sqrt(0.6), x), 1e-3 * (1 + Math.abs(qScore(Math.sqrt(0.6), x))));
  }
  // The link reproduces the same state.
  await page.reload();
  await openPage(page, `#/dsm?${new URLSearchParams(query).toString()}`);
  expect((await hook<DsmMetrics>(page, 'metrics()')).sigma).toBe(0.7746);
  expect(errors).toEqual([]);
});
