import { expect, test, type Page } from '@playwright/test';
import { hook, openPage } from './helpers';

interface SamplerMetrics {
  step: number;
  mode?: string;
}

const step = async (page: Page) => (await hook<SamplerMetrics>(page, 'metrics()')).step ?? 0;

test('annealed page: no verdict on the mode weights until the run has ended', async ({ page }) => {
  // Slow motion (5 steps/s, chosen with the real control) holds the run early on long enough to look.
  await openPage(page, '#/annealed?n=2000', 'mode');
  await page.getByTestId('speed').selectOption('5');
  await expect.poll(() => step(page)).toBeGreaterThan(3);
  const verdict = page.getByTestId('weight-verdict');
  await expect(verdict).not.toContainText('Off by');
  await expect(verdict).not.toContainText('within ±');
  await expect(verdict).toContainText(/step \d+ of 1,?000/);
  await expect(page.locator('[data-testid="mode-weights"] .samp-weight.off')).toHaveCount(0);
  // Run to the end at full speed: now the verdict is given.
  await page.getByTestId('speed').selectOption('max');
  await expect(verdict).toContainText(/within ±|Off by/, { timeout: 60_000 });
});

test('langevin page: no verdict while paused mid-run either', async ({ page }) => {
  await openPage(page, '#/langevin?n=2000&init=point:-2', 'mode');
  await page.getByTestId('speed').selectOption('5');
  await expect.poll(() => step(page)).toBeGreaterThan(2);
  await page.keyboard.press('Space');
  const verdict = page.getByTestId('weight-verdict');
  // Every particle starts in the narrow mode at −2: its share is 1 against π = 0.4, far off, but the run is young.
  await expect(verdict).not.toContainText('Off by');
  await expect(page.locator('[data-testid="mode-weights"] .samp-weight.off')).toHaveCount(0);
});

test('langevin page: an untrained network is not used for the learned score', async ({ page }) => {
  await page.goto('about:blank');
  // The train page makes a step-0 model as soon as it opens; then the reader follows the link to Langevin.
  await openPage(page, '#/train', 'sigmas');
  await page.waitForFunction(() => (window.scoreLab.metrics() as { mode?: string }).mode === 'idle');
  await page.evaluate(() => {
    window.location.hash = '#/langevin?score=learned';
  });
  const gate = page.getByTestId('needs-model');
  await expect(gate).toBeVisible();
  // It says how good the model is, and offers to train it.
  await expect(gate).toContainText(/step 0\b/);
  await expect(gate).toContainText(/Fisher/);
  await expect(gate.getByTestId('train-defaults')).toBeVisible();
  // No run on screen, so no caption can blame Langevin for the network.
  await expect(page.getByTestId('weight-verdict')).not.toContainText('Plain Langevin');
  expect(await step(page)).toBe(0);
  await gate.getByTestId('train-defaults').click();
  await expect(page.getByTestId('training')).toBeVisible();
  await expect
    .poll(async () => Number(await page.getByTestId('training-step').textContent()), {
      timeout: 30_000,
    })
    .toBeGreaterThan(0);
});

test('langevin page: the auto speed keeps its promise or says how long the run takes', async ({ page }) => {
  // Two separated modes, the slowest case (41 s against a promised 6 s).
  await openPage(page, '#/langevin', 'mode');
  await page.getByTestId('preset-wrong-weights').click();
  await expect.poll(() => step(page)).toBeGreaterThan(0);
  const label = page.getByTestId('run-eta');
  await expect(label).toBeVisible();
  // The estimate once the rate has been measured for a couple of seconds.
  await page.waitForTimeout(2500);
  const text = (await label.textContent()) ?? '';
  const read = Date.now();
  const estimate = Number(/≈ ([\d.]+) s/.exec(text)?.[1]);
  expect(estimate).toBeGreaterThan(0);
  await expect
    .poll(async () => (await hook<SamplerMetrics>(page, 'metrics()')).mode, { timeout: 120_000 })
    .toBe('done');
  const seconds = (Date.now() - read) / 1000;
  // The rest of the run took about what the label said: on a shared 2-core machine within a factor of two plus
  // 3 s, which the final metrics over every particle may take at the end (the old label promised 6 s for 41 s).
  expect(seconds, `label said ${text}`).toBeLessThan(2 * estimate + 3);
});
