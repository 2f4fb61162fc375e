import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions seen while the test ran; a finished page has none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Opens a hash route and waits until the page's probe answers the automation hook. */
export async function openPage(page: Page, hash: string, readyField = 'grid'): Promise<void> {
  await page.goto(`./${hash}`);
  await page.waitForFunction((field) => {
    const hook = (window as unknown as { scoreLab?: { metrics(): Record<string, unknown> } }).scoreLab;
    return hook !== undefined && hook.metrics()[field] !== undefined;
  }, readyField);
}

export async function hook<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(`window.scoreLab.${expression}`) as Promise<T>;
}

export async function notices(page: Page): Promise<string[]> {
  return hook<string[]>(page, 'notices()');
}

/** The query of the current hash route as an object. */
export async function urlQuery(page: Page): Promise<Record<string, string>> {
  const hash = await page.evaluate(() => window.location.hash);
  const q = hash.indexOf('?');
  return Object.fromEntries(new URLSearchParams(q >= 0 ? hash.slice(q + 1) : ''));
}

/** Moves a range slider with the keyboard (real input events), `steps` presses of the arrow key. */
export async function nudgeSlider(page: Page, testId: string, steps: number): Promise<void> {
  const range = page.getByTestId(`${testId}-range`);
  await range.focus();
  const key = steps > 0 ? 'ArrowRight' : 'ArrowLeft';
  for (let i = 0; i < Math.abs(steps); i++) await range.press(key);
}

/** Types a value into a slider's numeric field and commits it with Enter. */
export async function typeValue(page: Page, testId: string, value: string): Promise<void> {
  const input = page.getByTestId(`${testId}-input`);
  await input.fill(value);
  await input.press('Enter');
}

/** The `d` attribute of a chart series path, to detect that a figure changed. */
export async function seriesPath(page: Page, figure: string, series: string): Promise<string> {
  return (
    (await page
      .getByTestId(figure)
      .locator(`[data-series="${series}"] path.series-line`)
      .getAttribute('d')) ?? ''
  );
}

export function expectClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

/**
 * Opens a link with bad values and checks the page's answer to it: a notice naming each bad parameter (the first
 * one visible), and the values the page fell back to (clamped or defaults) in params(). Returns params() for the
 * page's own further checks.
 */
export async function openBadLink(
  page: Page,
  hash: string,
  expected: { named: string[]; params: Record<string, unknown> },
): Promise<Record<string, unknown>> {
  await openPage(page, hash);
  const texts = (await notices(page)).join('\n');
  for (const name of expected.named) expect(texts).toContain(name);
  const params = await hook<Record<string, unknown>>(page, 'params()');
  expect(params).toMatchObject(expected.params);
  await expect(page.getByTestId('notice').first()).toBeVisible();
  return params;
}

/** The centre of a figure's drag handle on screen, in page pixels. */
export async function handleCentre(
  page: Page,
  figure: string,
  id: string,
): Promise<{ x: number; y: number }> {
  const box = await page.locator(`[data-testid="${figure}"] [data-handle="${id}"] .handle-dot`).boundingBox();
  if (!box) throw new Error(`handle ${id} is not on screen`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A real drag of a handle: press on it, move by (dx, dy) in several events, release. */
export async function dragHandle(
  page: Page,
  figure: string,
  id: string,
  dx: number,
  dy: number,
): Promise<void> {
  const from = await handleCentre(page, figure, id);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps: 8 });
  await page.mouse.up();
}
