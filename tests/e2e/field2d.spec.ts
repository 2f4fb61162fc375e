import { expect, test, type Page } from '@playwright/test';
import { perturbMixture2, PreparedMixture2, type Component2 } from '../../src/engine/plane';
import {
  dragHandle,
  expectClose,
  handleCentre,
  hook,
  notices,
  openPage,
  typeValue,
  urlQuery,
  watchErrors,
} from './helpers';

interface Grid {
  nx: number;
  ny: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  pdf: number[];
  scoreX: number[];
  scoreY: number[];
}

const metrics = (page: Page) => hook<{ sigma: number; grid: Grid }>(page, 'metrics()');
const mixture = async (page: Page) => (await hook<{ mix2: Component2[] }>(page, 'params()')).mix2;

/** The grid node (i, j) checked against the closed form of q_σ computed here, outside the app. */
function expectExactNode(grid: Grid, mix2: Component2[], sigma: number, i: number, j: number): void {
  const x = grid.x0 + ((grid.x1 - grid.x0) * i) / (grid.nx - 1);
  const y = grid.y0 + ((grid.y1 - grid.y0) * j) / (grid.ny - 1);
  const exact = new PreparedMixture2(perturbMixture2(mix2, sigma));
  const g = new Float64Array(2);
  const logq = exact.score(x, y, g);
  const k = j * grid.nx + i;
  expectClose(grid.pdf[k], Math.exp(logq), 1e-9 * Math.max(1, Math.exp(logq)));
  expectClose(grid.scoreX[k], g[0], 1e-9 * Math.max(1, Math.abs(g[0])));
  expectClose(grid.scoreY[k], g[1], 1e-9 * Math.max(1, Math.abs(g[1])));
}

const centre = (page: Page, id: string) => handleCentre(page, 'figure-field2d', id);
const drag = (page: Page, id: string, dx: number, dy: number) =>
  dragHandle(page, 'figure-field2d', id, dx, dy);

test('field2d: reached from the start page, the grid is the exact field of q_σ, σ typed in changes it, and Measure times ISM against SSM', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('./#/');
  await page.getByTestId('reading-path-plane').getByRole('link', { name: 'The score in the plane' }).click();
  await page.waitForFunction(
    () => (window as unknown as { scoreLab: { page(): string } }).scoreLab.page() === 'field2d',
  );
  await page.waitForFunction(() => {
    const hook = (window as unknown as { scoreLab: { metrics(): Record<string, unknown> } }).scoreLab;
    return hook.metrics().grid !== undefined;
  });
  let m = await metrics(page);
  expect(m.grid.nx).toBeGreaterThanOrEqual(64);
  expect(m.grid.ny).toBeGreaterThanOrEqual(64);
  expect(m.grid.pdf).toHaveLength(m.grid.nx * m.grid.ny);
  const mix2 = await mixture(page);
  for (const [i, j] of [
    [0, 0],
    [10, 70],
    [48, 48],
    [95, 3],
  ])
    expectExactNode(m.grid, mix2, m.sigma, i, j);

  await typeValue(page, 'param-sigma', '2');
  await expect.poll(async () => (await metrics(page)).sigma).toBe(2);
  m = await metrics(page);
  expectExactNode(m.grid, mix2, 2, 30, 60);
  expect((await urlQuery(page)).sigma).toBe('2');

  // The cost of dimension, measured in this browser: up to D = 32 (the quickest choice), then Measure.
  await page.getByTestId('dimcost-largest').selectOption('32');
  const measure = page.getByTestId('dimcost-measure');
  await measure.click();
  await expect(measure).toBeDisabled();
  await expect(measure).toBeEnabled({ timeout: 60_000 });
  const { dimCost } = await hook<{ dimCost: { D: number[]; ismMs: number[]; ssmMs: number[] } }>(
    page,
    'metrics()',
  );
  expect(dimCost.D).toEqual([2, 4, 8, 16, 32]);
  for (const ms of [...dimCost.ismMs, ...dimCost.ssmMs]) expect(ms).toBeGreaterThan(0);
  // ISM's exact trace takes one tangent pass per coordinate, SSM's one projection one: at D = 32 an ISM step
  // costs more (about 3.4 times on the quiet 2-core machine, wasm), the reason SSM exists.
  expect(dimCost.ismMs[4]).toBeGreaterThan(dimCost.ssmMs[4]);
  await expect(page.getByTestId('figure-field2d-dimcost').locator('svg.chart')).toBeVisible();
  await expect(page.getByTestId('dimcost-slope')).toContainText('D = 2 … 32');
  expect(errors).toEqual([]);
});

test('field2d: a 12-pixel drag of a mean handle moves that mean by 12 pixels’ worth and nothing else', async ({
  page,
}) => {
  await openPage(page, '#/field2d');
  const before = await mixture(page);
  // Pixels per unit, read off two mean handles (the plot has equal scales on both axes).
  const [a, b] = [await centre(page, 'mean-0'), await centre(page, 'mean-1')];
  const perUnit = (b.x - a.x) / (before[1].mx - before[0].mx);
  expect(Math.abs((a.y - b.y) / (before[1].my - before[0].my) - perUnit)).toBeLessThan(0.02 * perUnit);

  await drag(page, 'mean-0', 12, -6);
  const after = await mixture(page);
  // The mouse lands on whole pixels and the mean is rounded to 0.01: allow a pixel and a rounding step.
  expectClose(after[0].mx - before[0].mx, 12 / perUnit, 1 / perUnit + 0.01);
  expectClose(after[0].my - before[0].my, 6 / perUnit, 1 / perUnit + 0.01);
  for (const key of ['weight', 'sx', 'sy', 'rho'] as const) expectClose(after[0][key], before[0][key], 1e-9);
  expect(after.slice(1)).toEqual(before.slice(1));
  // The link holds the new mixture, and opening it afresh restores the same mixture and the same exact field.
  expect((await urlQuery(page)).mix2.split(',')).toHaveLength(3);
  const field = (await metrics(page)).grid;
  const link = await page.evaluate(() => window.location.href);
  await page.goto('about:blank');
  await openPage(page, link.slice(link.indexOf('#')));
  expect(await mixture(page)).toEqual(after);
  expect((await metrics(page)).grid).toEqual(field);
});

test('field2d: turning an axis handle a quarter turn about its mean swaps the spreads, keeping the width', async ({
  page,
}) => {
  // One component stretched along x: s = (2, 0.5), ρ = 0; its axis handle sits at (4, 0), two sds out.
  await openPage(page, '#/field2d?mix2=1:0:0:2:0.5:0');
  const mean = await centre(page, 'mean-0');
  const handle = await centre(page, 'axis-0');
  const r = handle.x - mean.x;
  await page.mouse.move(handle.x, handle.y);
  await page.mouse.down();
  // Along a quarter circle to straight above the mean.
  for (let step = 1; step <= 10; step++) {
    const angle = (step / 10) * (Math.PI / 2);
    await page.mouse.move(mean.x + r * Math.cos(angle), mean.y - r * Math.sin(angle));
  }
  await page.mouse.up();
  const [c] = await mixture(page);
  expectClose(c.sx, 0.5, 0.05);
  expectClose(c.sy, 2, 0.05);
  expectClose(c.rho, 0, 0.05);
});

test('field2d: presets and the weight slider edit the mixture; a bad link gives notices and a working page', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/field2d?mix2=banana&sigma=99&objective=score&nproj=20');
  const said = await notices(page);
  expect(said.some((n) => n.startsWith('mix2:'))).toBe(true);
  expect(said.some((n) => n.startsWith('sigma') || n.includes('σ'))).toBe(true);
  expect(said.some((n) => n.startsWith('objective'))).toBe(true);
  expect(said.some((n) => n.startsWith('nproj'))).toBe(true);
  const params = await hook<{ objective: string; nproj: number }>(page, 'params()');
  expect(params).toMatchObject({ objective: 'ncsn', nproj: 8 });
  expect((await metrics(page)).sigma).toBe(10);
  await expect(page.getByTestId('notices')).toBeVisible();

  await page.getByTestId('preset-ring').click();
  await expect.poll(async () => (await mixture(page)).length).toBe(8);
  await typeValue(page, 'weight2-0', '0.3');
  const ring = await mixture(page);
  expectClose(ring[0].weight, 0.3, 1e-9);
  expectClose(
    ring.reduce((s, c) => s + c.weight, 0),
    1,
    1e-9,
  );
  await page.getByTestId('remove-component2-7').click();
  await expect.poll(async () => (await mixture(page)).length).toBe(7);

  // Hovering reads the field at the pointer.
  const figure = page.getByTestId('figure-field2d').locator('svg.chart');
  const box = await figure.boundingBox();
  if (!box) throw new Error('no figure');
  // locator.hover scrolls the figure into view first (the remove button above may have scrolled it away).
  await figure.hover({ position: { x: box.width / 2, y: box.height / 2 } });
  await expect(page.getByTestId('probe2-norm')).toBeVisible();
  expect(errors).toEqual([]);
});

interface Training {
  mode: string;
  step: number;
  grid: Grid;
  learned?: { scoreX: number[]; scoreY: number[] };
  fisherHistory?: { step: number; mean: number }[];
  model: { version: number; step: number } | null;
}

interface Sampled {
  mode: string;
  n: number;
  scoreSource: string;
  modelStep: number | null;
  stopped: string | null;
  sw1: number;
  mean: number[];
}

test('field2d: Play trains a network in the worker; its field, Fisher, error map and published model follow and sampling2d samples with it; r resets', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const training = () => hook<Training>(page, 'metrics()');
  await openPage(page, '#/field2d?objective=ssm&nproj=2&width=16&depth=1&batch=64&lr=0.01&backend=wasm');
  await expect(page.getByTestId('ssm-options')).toBeVisible();
  // The new network's Fisher divergence at step 0 comes before any training.
  await expect.poll(async () => (await training()).fisherHistory?.length ?? 0).toBeGreaterThan(0);
  const first = (await training()).fisherHistory![0];
  expect(first.step).toBe(0);

  await page.getByTestId('play').click();
  await page.waitForFunction(() => (window.scoreLab.metrics() as { step: number }).step >= 100, undefined, {
    timeout: 45_000,
    polling: 250,
  });
  await page.getByTestId('pause').click();
  await expect.poll(async () => (await training()).mode).toBe('idle');
  // Progress reaches the page in batches: wait until the last one (sent when training stopped) is in.
  // A batch waits up to four times the last redraw's main-thread time, seconds on a loaded machine.
  await expect
    .poll(async () => ((m) => m.model?.step === m.step)(await training()), { timeout: 20_000 })
    .toBe(true);
  const m = await training();
  const size = m.grid.nx * m.grid.ny;
  expect(m.learned!.scoreX).toHaveLength(size);
  expect(m.learned!.scoreY).toHaveLength(size);
  expect(m.learned!.scoreX.every(Number.isFinite)).toBe(true);
  const last = m.fisherHistory![m.fisherHistory!.length - 1];
  expect(last.step).toBeGreaterThan(0);
  expect(last.mean).toBeLessThan(first.mean);
  // sampling2d's store holds the model of the last reported chunk.
  expect(m.model!.step).toBe(m.step);
  expect(m.model!.version).toBeGreaterThan(1);
  // The error map is painted: its canvas holds more than one colour.
  const colours = await page
    .getByTestId('figure-field2d-error')
    .locator('canvas')
    .first()
    .evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<number>();
      for (let p = 0; p < data.length; p += 4 * 97)
        seen.add((data[p] << 16) | (data[p + 1] << 8) | data[p + 2]);
      return seen.size;
    });
  expect(colours).toBeGreaterThan(4);

  // Another objective keeps the network's shape: the weights and the step stay, and the page says so.
  await page.getByTestId('param-objective').getByText('DSM').click();
  await expect(page.getByTestId('plane-kept-notice')).toBeVisible();
  await expect(page.getByTestId('ssm-options')).toBeHidden();
  expect((await training()).step).toBe(m.step);

  // sampling2d samples with this network: reached through the app's navigation in the same page load.
  await page.getByTestId('nav-sampling2d').click();
  await page.waitForFunction(() => window.scoreLab.page() === 'sampling2d');
  await page.getByTestId('param-sampler').getByText('Annealed').click();
  await page.getByTestId('param-score').getByText('Learned').click();
  await typeValue(page, 'param-n', '500');
  await expect(page.getByTestId('learned-active')).toBeVisible();
  // The 500-particle run on the network has started (its first frame carries n) before it is run to the end.
  await expect
    .poll(async () => ((s) => `${s.n} ${s.scoreSource}`)(await hook<Sampled>(page, 'metrics()')))
    .toBe('500 learned');
  const sampled = await hook<Sampled>(page, 'run()');
  expect(sampled).toMatchObject({ mode: 'done', n: 500, scoreSource: 'learned', modelStep: m.step });
  expect(sampled.stopped).toBeNull();
  expect(Number.isFinite(sampled.sw1)).toBe(true);
  expect(sampled.mean.every(Number.isFinite)).toBe(true);
  await expect(page.getByTestId('readout-learned')).toContainText(`step ${m.step}`);
  // The browser's Back returns to the field page as it was (its link holds the training settings).
  await page.goBack();
  await page.waitForFunction(() => window.scoreLab.page() === 'field2d');
  await expect.poll(async () => (await training()).step).toBe(m.step);
  await page.keyboard.press('r');
  await expect.poll(async () => (await training()).step).toBe(0);
  await expect(page.getByTestId('plane-step')).toHaveText('0');
  expect(errors).toEqual([]);
});
