import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import {
  expectClose,
  hook,
  notices,
  openPage,
  seriesPath,
  typeValue,
  urlQuery,
  watchErrors,
} from './helpers';

interface ScheduleMetrics {
  family: 'vp' | 've';
  beta?: number[];
  alphaBar?: number[];
  sigma?: number[];
  logSNR: number[];
  lambda: number[];
  shares: { gone: number; clean: number; between: number };
}

interface SchedulesMetrics {
  T: number;
  selected: string[];
  schedules: Record<string, ScheduleMetrics>;
}

const metrics = (page: import('@playwright/test').Page) => hook<SchedulesMetrics>(page, 'metrics()');

test('schedules page: metrics follow the closed forms of SCIENCE.md §5', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/schedules?schedules=linear,cosine,linvar,geometric,karras&T=1000', 'schedules');
  const m = await metrics(page);
  expect(m.T).toBe(1000);
  expect(Object.keys(m.schedules)).toEqual(['linear', 'cosine', 'linvar', 'geometric', 'karras']);

  // Linear: β_t = 1e-4 + (t − 1)/(T − 1)(0.02 − 1e-4), ᾱ_t the running product.
  const lin = m.schedules.linear;
  expect(lin.beta).toHaveLength(1000);
  let product = 1;
  for (let t = 1; t <= 1000; t++) {
    const beta = 1e-4 + ((t - 1) / 999) * (0.02 - 1e-4);
    product *= 1 - beta;
    if (t % 111 === 1) {
      expectClose(lin.beta![t - 1], beta, 1e-12);
      expectClose(lin.alphaBar![t - 1], product, 1e-9);
      expectClose(lin.logSNR[t - 1], Math.log(product / (1 - product)), 1e-6);
    }
  }
  // Cosine: ᾱ_t = f(t)/f(0) before the clipped last step; β_T = 0.999.
  const f = (t: number) => Math.cos((((t / 1000 + 0.008) / 1.008) * Math.PI) / 2) ** 2;
  for (const t of [1, 250, 500, 999]) expectClose(m.schedules.cosine.alphaBar![t - 1], f(t) / f(0), 1e-9);
  expect(m.schedules.cosine.beta![999]).toBe(0.999);
  // Linear variance: ᾱ_t = 1 − t/T.
  for (const t of [1, 400, 999]) expectClose(m.schedules.linvar.alphaBar![t - 1], 1 - t / 1000, 1e-9);
  // VE: σ ascending in t, λ = σ, log SNR = −2 log σ; Karras at the paper's index i = T − t + 1.
  const geo = m.schedules.geometric;
  expect(geo.family).toBe('ve');
  expect(geo.beta).toBeUndefined();
  expectClose(geo.sigma![0], 0.002, 1e-12);
  expectClose(geo.sigma![999], 80, 1e-9);
  expectClose(geo.logSNR[500], -2 * Math.log(geo.sigma![500]), 1e-9);
  const karras = (i: number) => (80 ** (1 / 7) + ((i - 1) / 999) * (0.002 ** (1 / 7) - 80 ** (1 / 7))) ** 7;
  for (const t of [1, 300, 1000]) expectClose(m.schedules.karras.sigma![t - 1], karras(1000 - t + 1), 1e-9);

  // The read-out: share of steps with ᾱ < 0.01.
  const gone = lin.alphaBar!.filter((a) => a < 0.01).length / 1000;
  expectClose(lin.shares.gone, gone, 1e-12);
  await expect(page.getByTestId('share-linear-gone')).toHaveText(`${Math.round(100 * gone)}%`);
  for (const name of m.selected)
    await expect(page.getByTestId(`heatmap-${name}`).locator('canvas')).toHaveCount(2);
  expect(errors).toEqual([]);
});

test('schedules page: picking schedules and T changes figures and URL; reload restores', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/schedules', 'schedules');
  expect((await metrics(page)).selected).toEqual(['linear', 'cosine', 'geometric', 'karras']);
  await expect(page.getByTestId('heatmap-linvar')).toHaveCount(0);

  await page.getByTestId('pick-linvar').check();
  await expect(page.getByTestId('heatmap-linvar')).toBeVisible();
  expect((await urlQuery(page)).schedules).toBe('linear,cosine,linvar,geometric,karras');
  expect(await seriesPath(page, 'figure-sched-alphabar', 'linvar')).not.toBe('');
  await page.getByTestId('pick-karras').uncheck();
  await expect(page.getByTestId('heatmap-karras')).toHaveCount(0);

  const before = await seriesPath(page, 'figure-sched-alphabar', 'linear');
  await typeValue(page, 'param-T', '40');
  await expect.poll(() => seriesPath(page, 'figure-sched-alphabar', 'linear')).not.toBe(before);
  expect((await urlQuery(page)).T).toBe('40');
  const m = await metrics(page);
  expect(m.T).toBe(40);
  expect(m.schedules.linear.beta).toHaveLength(40);
  expect(m.schedules.geometric.sigma).toHaveLength(40);

  await page.reload();
  await page.waitForFunction(() => window.scoreLab.metrics().schedules !== undefined);
  const after = await metrics(page);
  expect(after.T).toBe(40);
  expect(after.selected).toEqual(['linear', 'cosine', 'linvar', 'geometric']);
  await expect(page.getByTestId('pick-linvar')).toBeChecked();
  await expect(page.getByTestId('pick-karras')).not.toBeChecked();
  expect(errors).toEqual([]);
});

test('schedules page: the classic preset compares geometric and cosine at 15 levels', async ({ page }) => {
  await openPage(page, '#/schedules', 'schedules');
  await page.getByTestId('preset-classic').click();
  await expect.poll(async () => (await metrics(page)).T).toBe(15);
  const m = await metrics(page);
  expect(m.selected).toEqual(['cosine', 'geometric']);
  expect((await urlQuery(page)).schedules).toBe('cosine,geometric');
  // Fifteen levels, constant ratio (80/0.002)^(1/14) between neighbours.
  const sigma = m.schedules.geometric.sigma!;
  for (let i = 1; i < 15; i++) expectClose(sigma[i] / sigma[i - 1], (80 / 0.002) ** (1 / 14), 1e-9);
  // Each level is drawn as a dot on the λ chart.
  await expect(page.getByTestId('figure-sched-lambda').locator('circle.point')).toHaveCount(30);
  await expect(page.getByTestId('share-geometric-clean')).toHaveText('40%');
  // run() has nothing to animate here: it resolves with the same metrics.
  expect(await page.evaluate(() => window.scoreLab.run())).toEqual(m);
});

test('schedules page: hovering reads every schedule at one step and the exact density', async ({ page }) => {
  await openPage(page, '#/schedules?schedules=linear,karras&T=100', 'schedules');
  const chart = page.getByTestId('figure-sched-lambda').locator('svg');
  await chart.scrollIntoViewIfNeeded();
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + 52 + (box.width - 66) * 0.5, box.y + box.height / 2);
  await expect(page.getByTestId('step-readout-t')).toHaveText('50');
  const map = page.getByTestId('heatmap-linear').locator('svg');
  await map.scrollIntoViewIfNeeded();
  const mb = (await map.boundingBox())!;
  await page.mouse.move(mb.x + mb.width * 0.3, mb.y + mb.height * 0.4);
  await expect(page.getByTestId('map-readout-p')).not.toBeEmpty();
  expect(Number(await page.getByTestId('map-readout-p').innerText())).toBeGreaterThan(0);
  expect(Number(await page.getByTestId('map-readout-t').innerText())).toBeGreaterThan(0);
});

test('schedules page: a bad link gives notices and a working page', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/schedules?schedules=linear,banana&T=-5', 'schedules');
  const texts = (await notices(page)).join('\n');
  expect(texts).toContain('banana');
  expect(texts).toContain('T:');
  const params = await hook<Record<string, unknown>>(page, 'params()');
  expect(params.schedules).toBe('linear');
  expect(params.T).toBe(2);
  expect(await urlQuery(page)).toMatchObject({ schedules: 'linear', T: '2' });
  await expect(page.getByTestId('notice').first()).toBeVisible();
  await expect(page.getByTestId('heatmap-linear')).toBeVisible();
  expect((await metrics(page)).schedules.linear.beta).toHaveLength(2);

  // Nothing known at all: the default list, with a notice.
  await page.goto('./#/schedules?schedules=banana,,kiwi');
  await page.waitForFunction(() => window.scoreLab.params().schedules === 'linear,cosine,geometric,karras');
  expect((await notices(page)).join('\n')).toContain('kiwi');
  expect(errors).toEqual([]);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`schedules page has no detectable accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openPage(page, '#/schedules', 'schedules');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa'])
      .exclude('.katex')
      .analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`),
    ).toEqual([]);
  });
}
