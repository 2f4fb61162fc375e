/**
 * The measured `auto` in the real browser (wasm; WebGPU only on the software SwiftShader adapter here): a first
 * visit has one candidate and measures nothing; the re-measure button times the page's network on wasm and on the
 * software adapter, states the rates and keeps the fastest. (The cache across visits is covered by the unit
 * tests: here the software adapter's first step may outlast its share, and such a verdict is not kept.)
 */
import { expect, test, type Page } from '@playwright/test';
import { hook, openPage, watchErrors } from './helpers';

const backend = (page: Page) => hook<{ name: string; reason: string }>(page, 'backend()');

async function openTrain(page: Page): Promise<void> {
  await openPage(page, '#/train?objective=dsm&width=16&depth=1&batch=64&seed=2', 'sigmas');
  await page.waitForFunction(() => (window.scoreLab.backend() as { name: string }).name !== 'none');
}

const RATE = String.raw`[\d,.]+ steps/s`;

test('auto starts wasm at once without a hardware GPU, and re-measures on request with the software adapter', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openTrain(page);
  // No hardware GPU here: wasm is the only candidate of a first visit, and no time is spent measuring.
  const first = await backend(page);
  expect(first.name).toBe('wasm');
  expect(first.reason).toMatch(
    /^auto: no hardware GPU adapter \(fallback adapter only: .+\); wasm is the only candidate, nothing to measure; wasm /,
  );
  const badge = page.getByTestId('backend-badge');

  // Re-measure: training steps of the page's network are timed on wasm and on the software adapter.
  const button = page.getByTestId('backend-remeasure');
  await button.click();
  await expect(badge).toContainText('WebGPU (software adapter)', { timeout: 60_000 });
  await expect(button).toBeEnabled();
  const measured = await backend(page);
  expect(measured.name).toBe('wasm');
  // The software adapter either has a rate, slower than wasm's, or was given up during its warm-up step.
  const software = String.raw`(${RATE}|not measured \(its first step took over 1\.5 s\))`;
  expect(measured.reason).toMatch(
    new RegExp(`^auto, measured just now: wasm ${RATE} vs WebGPU \\(software adapter\\) ${software}`),
  );
  const rates = [...measured.reason.matchAll(/([\d,.]+) steps\/s/g)].map((m) =>
    Number(m[1].replace(/,/g, '')),
  );
  if (rates.length > 1) expect(rates[0]).toBeGreaterThan(rates[1]);
  expect(measured.reason).toContain('(training steps of dsm, one hidden layer of 16, batch 64)');

  // The run still trains on the chosen backend.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('train-step')).not.toHaveText('0');
  expect(errors).toEqual([]);
});

test('a forced backend shows no re-measure control and does not measure', async ({ page }) => {
  await openPage(page, '#/train?backend=cpu&width=16&depth=1', 'sigmas');
  await page.waitForFunction(() => (window.scoreLab.backend() as { name: string }).name === 'cpu');
  expect((await backend(page)).reason).toBe('asked for CPU; CPU (plain JavaScript)');
  await expect(page.getByTestId('backend-remeasure')).toHaveCount(0);
});
