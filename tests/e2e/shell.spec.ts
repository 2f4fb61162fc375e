import { expect, test } from '@playwright/test';
import { hook, notices, watchErrors } from './helpers';

test('start page lists built pages as links and coming pages without links', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await expect(page.getByTestId('reading-path')).toBeVisible();
  await expect(page.getByTestId('path-score').locator('a')).toHaveCount(1);
  // Pages not built yet are listed, with no link anywhere.
  await expect(page.getByTestId('path-diffusion').locator('a')).toHaveCount(0);
  await expect(page.getByTestId('path-diffusion')).toContainText('coming');
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
