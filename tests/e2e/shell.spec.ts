import { expect, test } from '@playwright/test';
import { hook, notices, watchErrors } from './helpers';

test('start page lists every page: built ones as links, coming ones without links', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await expect(page.getByTestId('reading-path')).toBeVisible();
  const ids = ['score', 'perturb', 'dsm', 'train', 'langevin', 'annealed', 'schedules', 'diffusion'];
  for (const id of ids) {
    const item = page.getByTestId(`path-${id}`);
    await expect(item).toBeVisible();
    // A page that is not built yet says so and has no link anywhere (no placeholders); a built one links to it.
    const coming = (await item.getByText('coming').count()) > 0;
    await expect(item.locator('a')).toHaveCount(coming ? 0 : 1);
    await expect(page.getByTestId(`nav-${id}`)).toHaveCount(coming ? 0 : 1);
  }
  for (const built of ['score', 'perturb', 'dsm', 'train']) {
    await expect(page.getByTestId(`path-${built}`).locator('a')).toHaveAttribute(
      'href',
      new RegExp(`^#/${built}\\?`),
    );
  }
  expect(await hook<string>(page, 'page()')).toBe('home');
  expect(await hook<string>(page, 'version')).toMatch(/^\d+\.\d+\.\d+/);
  expect((await hook<{ name: string }>(page, 'backend()')).name).toBeTruthy();
  expect(errors).toEqual([]);
});

test('an unknown page falls back to the start page with a notice', async ({ page }) => {
  await page.goto('./#/nowhere?seed=3');
  await expect(page.getByTestId('reading-path')).toBeVisible();
  expect((await notices(page)).join(' ')).toContain('nowhere');
  await expect(page.getByTestId('notice').first()).toBeVisible();
});

test('navigation carries the mixture and seed to the next page', async ({ page }) => {
  await page.goto('./#/score?mix=0.5:1:0.3,0.5:-1:0.3&seed=42');
  await page.getByTestId('nav-score').waitFor();
  const href = await page.getByTestId('nav-score').getAttribute('href');
  expect(href).toContain('mix=0.5:1:0.3,0.5:-1:0.3');
  expect(href).toContain('seed=42');
});
