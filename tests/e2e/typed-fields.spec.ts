import { expect, test } from '@playwright/test';
import { hook, openPage, urlQuery, watchErrors } from './helpers';

/*
 * Typed fields keep what the reader types until it is committed, and show the link's value again once the link
 * changes for any other reason (a commit, a kind switch, play, a new link). Both fields derive what they show
 * from the link plus a draft, with no effect copying the link into state.
 */

test('initial-distribution fields: a refused pair is explained and kept; the link shows only what was accepted', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/langevin?init=uniform:-3:3&n=1000&seed=1', 'step');
  const a = page.getByTestId('init-a');
  const b = page.getByTestId('init-b');
  await expect(a).toHaveValue('-3');
  await expect(b).toHaveValue('3');

  // a ≥ b is refused: the reason is shown, the typed text stays, the link keeps the last good start.
  await a.fill('5');
  await a.press('Enter');
  await expect(page.getByTestId('init-editor').getByRole('alert')).toBeVisible();
  await expect(a).toHaveValue('5');
  expect((await urlQuery(page)).init).toBe('uniform:-3:3');

  // Fixing b commits both numbers and clears the message.
  await b.fill('9');
  await b.press('Enter');
  await expect(page.getByTestId('init-text')).toHaveText('uniform:5:9');
  await expect(page.getByTestId('init-editor').getByRole('alert')).toHaveCount(0);
  expect((await urlQuery(page)).init).toBe('uniform:5:9');

  // Switching the kind starts from that kind's own numbers.
  await page.getByTestId('init-kind').getByText('Normal', { exact: true }).click();
  await expect(page.getByTestId('init-text')).toHaveText('normal:0:1');
  await expect(page.getByTestId('init-m')).toHaveValue('0');
  await expect(page.getByTestId('init-s')).toHaveValue('1');

  // A new link replaces the fields, even with an unfinished edit in them.
  await page.getByTestId('init-s').fill('-2');
  await page.evaluate(() => {
    window.location.hash = '#/langevin?init=point:2.5&seed=1';
  });
  await expect(page.getByTestId('init-x0')).toHaveValue('2.5');
  await expect(page.getByTestId('init-kind-point')).toBeChecked();
  expect(errors).toEqual([]);
});

test('a slider field shows the new value when play or a step changes it, and a typed value once committed', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/dsm?sigma=0.5&n=1000&seed=4', 'grid');
  const field = page.getByTestId('param-n-input');
  await expect(field).toHaveValue('1000');
  // Step grows n by the page's factor (⌈1.3 n⌉); the field follows without being touched.
  await page.getByTestId('step').click();
  await expect(field).toHaveValue('1300');
  // Typing is kept as typed until Enter, then the field shows the store's (clamped) value.
  await field.fill('999999999');
  await expect(field).toHaveValue('999999999');
  await field.press('Enter');
  const max = await hook<{ n: number }>(page, 'metrics()').then((m) => m.n);
  expect(max).toBe(200_000);
  await expect(field).toHaveValue('200000');
  expect(errors.filter((e) => !/clamp/i.test(e))).toEqual([]);
});
