import { expect, test, type Page } from '@playwright/test';
import { expectClose, hook, nudgeSlider, openPage, typeValue, urlQuery, watchErrors } from './helpers';

interface TrainMetrics {
  step: number;
  meanFisher: number;
  fisher: number[];
  evaluatedAtStep: number | null;
  mode: string;
}

const metrics = (page: Page) => hook<TrainMetrics>(page, 'metrics()');

/** Opens the train page in a fresh document and waits for the worker's step-0 model. */
async function openTrain(page: Page, query: string): Promise<void> {
  await page.goto('about:blank');
  await openPage(page, `#/train?${query}`, 'sigmas');
  await page.waitForFunction(() => {
    const m = window.scoreLab.metrics() as { mode?: string; fisher?: number[] };
    return m.mode === 'idle' && (m.fisher?.length ?? 0) > 0;
  });
}

/**
 * Plays until more than `steps` steps are done and pauses; then ten more with the Step button, whose end the
 * worker marks with an evaluation at exactly that step (so step and Fisher divergence belong together).
 */
async function trainFor(page: Page, steps: number): Promise<TrainMetrics> {
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).step, { timeout: 60_000 }).toBeGreaterThan(steps);
  await page.getByTestId('pause').click();
  await expect.poll(async () => (await metrics(page)).mode).toBe('idle');
  const paused = (await metrics(page)).step;
  await page.getByTestId('step').click();
  await expect.poll(async () => (await metrics(page)).evaluatedAtStep).toBe(paused + 10);
  return metrics(page);
}

test('train page: changing the learning rate keeps the trained model; a width change says so and undoes', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openTrain(page, 'objective=ncsn&width=32&batch=128&levels=4');
  const trained = await trainFor(page, 150);
  expect(trained.step).toBeGreaterThan(150);

  // A new learning rate through the real control: the page waits 200 ms for the slider to settle, then tells the
  // worker; the network's shape is unchanged, so the step count and the weights (and with them D(σ)) are kept.
  await nudgeSlider(page, 'param-lr', 2);
  await expect.poll(async () => Number((await urlQuery(page)).lr)).toBeGreaterThan(0.003);
  await page.waitForTimeout(1500);
  const afterLr = await metrics(page);
  expect(afterLr.step).toBe(trained.step);
  expectClose(afterLr.meanFisher, trained.meanFisher, 1e-6 * trained.meanFisher);
  await expect(page.getByTestId('train-reset-notice')).toHaveCount(0);

  // Training carries on from there with the new rate.
  await page.getByTestId('step').click();
  await expect(page.getByTestId('train-step')).toHaveText(String(trained.step + 10));

  // Width changes the network's shape: a fresh model, said so in a notice that offers to undo.
  const before = await trainFor(page, 0);
  await typeValue(page, 'param-width', '48');
  await expect.poll(async () => (await urlQuery(page)).width).not.toBe('32');
  await expect(page.getByTestId('train-reset-notice')).toBeVisible();
  await expect(page.getByTestId('train-reset-notice')).toContainText(String(before.step));
  await expect(page.getByTestId('train-step')).toHaveText('0');
  await page.getByTestId('train-undo').click();
  await expect(page.getByTestId('train-step')).toHaveText(String(before.step));
  await expect.poll(async () => (await urlQuery(page)).width).toBe('32');
  await expect.poll(async () => (await metrics(page)).meanFisher).toBeCloseTo(before.meanFisher, 6);
  await expect(page.getByTestId('train-reset-notice')).toHaveCount(0);
  // The restored settings are the ones in force: nothing reconfigures the worker behind the reader's back.
  await page.waitForTimeout(1000);
  expect((await metrics(page)).step).toBe(before.step);
  expect(errors).toEqual([]);
});

test('train page: a Play pressed on arrival from the learned-score link survives the reconfiguration', async ({
  page,
}) => {
  await page.goto('about:blank');
  await openPage(page, '#/langevin?score=learned', 'mode');
  await expect(page.getByTestId('needs-model')).toBeVisible();
  // The app's own link, within one page load.
  await page
    .getByTestId('needs-model')
    .getByRole('link', { name: /train page/ })
    .click();
  await expect.poll(() => hook<string>(page, 'page()')).toBe('train');
  // Press Play with the mouse the moment it is enabled: poll the button every animation frame, then click where it is.
  const play = page.getByTestId('play');
  await page.waitForFunction(
    () => {
      const b = document.querySelector('[data-testid="play"]') as HTMLButtonElement | null;
      return b !== null && !b.disabled;
    },
    undefined,
    { polling: 'raf' },
  );
  const box = await play.boundingBox();
  if (!box) throw new Error('the play button is not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect.poll(async () => (await metrics(page)).step, { timeout: 30_000 }).toBeGreaterThan(20);
  expect((await metrics(page)).mode).toBe('playing');
  await page.getByTestId('pause').click();
});

test('train page: the ISM loss, negative at its optimum, is drawn', async ({ page }) => {
  await openTrain(page, 'objective=ism&width=32&batch=256&steps=600&lr=0.01');
  const result = await hook<{ lossHistory: { steps: number[]; losses: number[] } }>(page, 'run()');
  const negative = result.lossHistory.losses.filter((l) => l < 0).length;
  // −½E_p[s²] ≈ −6.2 for the default mixture: a trained ISM run's loss goes negative.
  expect(negative).toBeGreaterThan(10);
  const path = await page
    .getByTestId('figure-loss')
    .locator('[data-series="loss"] path.series-line')
    .getAttribute('d');
  // Every point of the curve is drawn: as many path vertices as loss points (none dropped as NaN).
  const vertices = (path ?? '').split(/[ML]/).filter((s) => s.trim() !== '').length;
  expect(vertices).toBe(result.lossHistory.losses.length);
});
