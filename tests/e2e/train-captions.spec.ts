import { expect, test } from '@playwright/test';
import { hook, openPage, urlQuery, watchErrors } from './helpers';

interface TrainMetrics {
  sigmas: number[];
  fisher: number[];
  meanFisher: number;
}

test('train page: the loss caption says what the exact score would score, per objective', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/train?objective=ncsn&levels=10&smin=0.05&smax=5', 'fisher');
  const caption = page.getByTestId('figure-loss').locator('figcaption');
  // NCSN: a positive floor, ½ (1 − σ² E[s²]) averaged over the levels (0.276 for these settings; unit tests
  // check the value through the engine's own loss).
  await expect(caption).toContainText('= 0.276');
  await expect(caption).toContainText('never reaches zero');
  await page.getByTestId('param-objective').getByText('ESM').click();
  await expect.poll(async () => (await urlQuery(page)).objective).toBe('esm');
  await expect(caption).toContainText('goes to zero');
  await page.getByTestId('param-objective').getByText('ISM').click();
  await expect(caption).toContainText('negative at its optimum');
  await expect(caption).toContainText('= -6.2');
  await page.getByTestId('param-objective').getByText('DSM', { exact: true }).click();
  // DSM at σ_min = 0.05: ½ (1 − σ² E_q[s²]) = 0.485.
  await expect(caption).toContainText('= 0.485');
  expect(errors).toEqual([]);
});

test('train page: the prose compares levels through σ²·D(σ), matching the hook', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/train?objective=ncsn&levels=4&smin=0.1&smax=2&steps=200&seed=3', 'fisher');
  const m = await hook<TrainMetrics>(page, 'run()');
  expect(m.sigmas).toHaveLength(4);
  const expected = m.sigmas.map((s, i) => s * s * m.fisher[i]);
  const readout = page.getByTestId('weighted-fisher');
  await expect.poll(async () => (await readout.textContent())?.split(', ').map(Number) ?? []).toHaveLength(4);
  const shown = ((await readout.textContent()) ?? '').split(', ').map(Number);
  // Two significant digits on the page.
  shown.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(0.05 * expected[i] + 1e-12));
  const share = Number(
    ((await page.getByTestId('smallest-level-share').textContent()) ?? '').replace('%', ''),
  );
  const total = m.fisher.reduce((a, b) => a + b, 0);
  expect(Math.abs(share - (100 * m.fisher[3]) / total)).toBeLessThanOrEqual(0.05 * share);
  expect(errors).toEqual([]);
});
