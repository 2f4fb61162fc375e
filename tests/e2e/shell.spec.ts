import { expect, test } from '@playwright/test';
import { READING_PATH } from '../../src/app/pages';
import { hook, notices, openPage, watchErrors } from './helpers';

test('start page lists every page of the reading path in order: built ones as links, coming ones without', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('./');
  await expect(page.getByTestId('reading-path')).toBeVisible();
  // Which pages are built comes from the app's own list (a page is built when it has a component), not from
  // what the start page shows, so a page that lost its link or gained a "coming" badge fails here.
  const items = page.locator('[data-testid^="path-"]');
  await expect(items).toHaveCount(READING_PATH.length);
  for (const [i, entry] of READING_PATH.entries()) {
    const item = page.getByTestId(`path-${entry.id}`);
    await expect(items.nth(i)).toHaveAttribute('data-testid', `path-${entry.id}`);
    await expect(item).toContainText(entry.title);
    if (entry.component) {
      await expect(item.getByText('coming', { exact: true })).toHaveCount(0);
      await expect(item.locator('a')).toHaveAttribute('href', new RegExp(`^#/${entry.id}\\?`));
      await expect(page.getByTestId(`nav-${entry.id}`)).toHaveCount(1);
    } else {
      // A page that is not built says so and has no link anywhere (no placeholders).
      await expect(item.getByText('coming', { exact: true })).toHaveCount(1);
      await expect(item.locator('a')).toHaveCount(0);
      await expect(page.getByTestId(`nav-${entry.id}`)).toHaveCount(0);
    }
  }
  expect(await hook<string>(page, 'page()')).toBe('home');
  expect(await hook<string>(page, 'version')).toMatch(/^\d+\.\d+\.\d+/);
  // The start page loads no tensor library, and the hook says so rather than naming a backend.
  expect(await hook<{ name: string }>(page, 'backend()')).toMatchObject({ name: 'none' });
  expect(errors).toEqual([]);
});

test('once a training job has run, backend() names the tensor backend that ran it, as the badge does', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/train?objective=dsm&width=8&depth=1&batch=32&steps=12&seed=7', 'sigmas');
  const result = await hook<{ step: number }>(page, 'run()');
  expect(result.step).toBe(12);
  const backend = await hook<{ name: string; reason: string }>(page, 'backend()');
  expect(['webgpu', 'wasm', 'webgl', 'cpu']).toContain(backend.name);
  expect(backend.reason.length).toBeGreaterThan(10);
  await expect(page.getByTestId('backend-badge')).toContainText(backend.name);
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
