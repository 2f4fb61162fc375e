/**
 * What readers expect to have (issue 12 §3): theme toggle, figure and data export, copy link, reset to defaults,
 * next-page links, the start page's live figure, the score page's arrow field, and KaTeX off the critical path.
 * Every check goes through real clicks and reads results back from downloads, the clipboard, the DOM and the hook.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectClose, hook, openPage, typeValue, urlQuery, watchErrors } from './helpers';

const MIX = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];
/** The default mixture's pdf and score from SCIENCE.md §1, computed here independently of the app. */
function exact(x: number) {
  const terms = MIX.map(
    (c) => (c.weight * Math.exp(-0.5 * ((x - c.mean) / c.std) ** 2)) / (c.std * Math.sqrt(2 * Math.PI)),
  );
  const pdf = terms.reduce((a, b) => a + b, 0);
  const score = MIX.reduce((s, c, k) => s + (terms[k] / pdf) * ((c.mean - x) / c.std ** 2), 0);
  return { pdf, score };
}

/** One CSV line into cells (RFC 4180 quoting: "a, b" is one cell, "" inside quotes is a quote). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** Opens a figure's Export menu, clicks a format and returns the downloaded file's name and bytes. */
async function exportFigure(page: Page, figure: string, format: string) {
  const menu = page.getByTestId(`${figure}-export`);
  if (!(await menu.evaluate((d) => (d as HTMLDetailsElement).open))) await menu.locator('summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(`${figure}-export-${format}`).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}

test.describe('theme', () => {
  test.use({ colorScheme: 'light' });

  test('the toggle changes the background, persists across a reload, and "system" follows the system', async ({
    page,
  }) => {
    await openPage(page, '#/score');
    const light = await background(page);
    await page.getByTestId('theme-dark').click();
    await expect.poll(() => background(page)).not.toBe(light);
    const dark = await background(page);
    // The dark panel colour is dark: its mean channel is well below the light one.
    const mean = (rgb: string) => {
      const v = rgb.match(/\d+/g)!.slice(0, 3).map(Number);
      return (v[0] + v[1] + v[2]) / 3;
    };
    expect(mean(dark)).toBeLessThan(60);
    expect(mean(light)).toBeGreaterThan(200);
    await expect(page.getByTestId('theme-dark')).toHaveAttribute('aria-pressed', 'true');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background(page)).toBe(dark);
    await expect(page.getByTestId('theme-dark')).toHaveAttribute('aria-pressed', 'true');

    // "System" with a light system gives the light theme again; with a dark system, the dark one.
    await page.getByTestId('theme-system').click();
    await expect.poll(() => background(page)).toBe(light);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => background(page)).toBe(dark);
    await page.getByTestId('theme-light').click();
    await expect.poll(() => background(page)).toBe(light);
  });
});

test('export: PNG, SVG, CSV and JSON of the density figure hold the figure and its numbers', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/score');
  const fig = 'figure-density';

  const png = await exportFigure(page, fig, 'png');
  expect(png.name).toBe('score-lab-score-density.png');
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // PNG width (big-endian at byte 16) is twice the figure's CSS width.
  const cssWidth = await page
    .getByTestId(fig)
    .locator('.figure-canvas')
    .evaluate((e) => e.clientWidth);
  expectClose(png.bytes.readUInt32BE(16), 2 * cssWidth, 2);

  const svg = (await exportFigure(page, fig, 'svg')).bytes.toString('utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  // The curves are there as paths: three series (two dashed components, the density), each of 801 points.
  const longPaths = (svg.match(/<path[^>]* d="[^"]*"/g) ?? []).filter(
    (p) => (p.match(/L/g) ?? []).length >= 800,
  );
  expect(longPaths.length).toBeGreaterThanOrEqual(3);
  // Styles are inlined as resolved colours, so the file looks right outside the app.
  expect(svg).toMatch(/stroke:\s*rgb\(/);
  expect(svg).not.toContain('var(--');
  const parsed = await page.evaluate(
    (text) => new DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null,
    svg,
  );
  expect(parsed).toBe(true);

  const csv = (await exportFigure(page, fig, 'csv')).bytes.toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('series,label,x,y');
  const density = csv.slice(1).filter((l) => l.startsWith('density,'));
  expect(density.length).toBeGreaterThanOrEqual(401);
  for (const line of [density[0], density[200], density[400]]) {
    const cells = line.split(',');
    const x = Number(cells[cells.length - 2]);
    expectClose(Number(cells[cells.length - 1]), exact(x).pdf, 1e-9);
  }

  const json = JSON.parse((await exportFigure(page, fig, 'json')).bytes.toString('utf8'));
  expect(json.page).toBe('score');
  expect(json.url).toBe(page.url());
  expect(json.series.columns).toEqual(['series', 'label', 'x', 'y']);
  expect(json.series.rows.length).toBe(density.length + 2 * 801); // two dashed components and the density
  expect(errors).toEqual([]);
});

test('export: a canvas heat map is embedded in its SVG and its cells come out as CSV', async ({ page }) => {
  await openPage(page, '#/schedules', 'schedules');
  const figure = page.locator('[data-testid^="heatmap-"]').first();
  const id = (await figure.getAttribute('data-testid'))!;
  const svg = (await exportFigure(page, id, 'svg')).bytes.toString('utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('href="data:image/png;base64,');
  const png = await exportFigure(page, id, 'png');
  expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const csv = (await exportFigure(page, id, 'csv')).bytes.toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('x,y,value');
  const values = csv.slice(1).map((l) => Number(l.split(',')[2]));
  expect(values.length).toBeGreaterThan(1000);
  // Densities: finite, non-negative, and not all zero.
  expect(values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  expect(Math.max(...values)).toBeGreaterThan(0);
});

test.describe('copy link', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('copies the page URL, settings included', async ({ page }) => {
    await openPage(page, '#/score');
    await typeValue(page, 'param-Z', '5');
    await expect.poll(async () => (await urlQuery(page)).Z).toBe('5');
    await page.getByTestId('copy-link').click();
    await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(copied).toContain('Z=5');
  });
});

test('reset to defaults puts every parameter back; the train page asks first', async ({ page }) => {
  await openPage(page, '#/score?view=log&Z=7&seed=4');
  expect(await hook<{ Z: number; view: string }>(page, 'params()')).toMatchObject({ Z: 7, view: 'log' });
  await page.getByTestId('reset-defaults').click();
  await expect
    .poll(() => hook<{ Z: number; view: string; seed: number }>(page, 'params()'))
    .toMatchObject({
      Z: 1,
      view: 'density',
      seed: 1,
    });
  expect((await urlQuery(page)).Z).toBe('1');

  await page.goto('./#/train?lr=0.01');
  await page.waitForFunction(() => window.scoreLab?.page() === 'train');
  await page.getByTestId('reset-defaults').click();
  await page.getByTestId('reset-cancel').click();
  expect((await hook<{ lr: number }>(page, 'params()')).lr).toBe(0.01);
  await page.getByTestId('reset-defaults').click();
  await page.getByTestId('reset-confirm').click();
  await expect.poll(async () => (await hook<{ lr: number }>(page, 'params()')).lr).not.toBe(0.01);
});

test('every page ends with a link to the next one in reading order', async ({ page }) => {
  await openPage(page, '#/score?seed=3');
  const next = page.getByTestId('next-page-link');
  await expect(next).toContainText('Noise perturbation');
  // The link carries the common parameters (seed) like the site navigation.
  expect(await next.getAttribute('href')).toContain('seed=3');
  await next.click();
  await page.waitForFunction(() => window.scoreLab?.page() === 'perturb');
  await expect(page.getByTestId('next-page-link')).toContainText('Denoising score matching');
  await page.goto('./#/schedules');
  await expect(page.getByTestId('next-page-link')).toHaveAttribute('href', /^#\/diffusion\?/);
});

test('prose links to the pages it names', async ({ page }) => {
  await openPage(page, '#/score');
  const link = page.getByTestId('prose-link-langevin');
  await expect(link).toHaveText('Langevin dynamics');
  await link.click();
  await page.waitForFunction(() => window.scoreLab?.page() === 'langevin');
  // The pages whose prose named others without linking them (issue 12 §3), in this page load.
  for (const [from, to] of [
    ['perturb', 'train'],
    ['perturb', 'annealed'],
    ['train', 'langevin'],
    ['schedules', 'diffusion'],
  ] as const) {
    await page.getByTestId(`nav-${from}`).click();
    await page.waitForFunction((id) => window.scoreLab?.page() === id, from);
    await expect(page.locator('.prose').getByTestId(`prose-link-${to}`)).toBeVisible();
  }
  await page.locator('.prose').getByTestId('prose-link-diffusion').click();
  await page.waitForFunction(() => window.scoreLab?.page() === 'diffusion');
  // The figures the prose refers to by number are numbered 1, 2, 3, … in reading order (two were both "3").
  const titles = page.getByTestId('figures').locator('.figure-title');
  await expect(titles.first()).toBeVisible();
  const numbers = (await titles.allTextContents())
    .map((t) => /^(\d+) · /.exec(t)?.[1])
    .filter((n) => n !== undefined)
    .map(Number);
  expect(numbers.length).toBeGreaterThanOrEqual(4);
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
});

test('start page: a live figure that moves, and "Start here" opens the first page', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('./#/');
  const canvas = page.getByTestId('start-figure').locator('canvas');
  await expect(canvas).toBeVisible();
  const snapshot = () => canvas.evaluate((c) => (c as HTMLCanvasElement).toDataURL());
  const first = await snapshot();
  await expect.poll(snapshot).not.toBe(first);
  await page.getByTestId('start-here').click();
  await page.waitForFunction(() => window.scoreLab?.page() === 'score');
  expect(errors).toEqual([]);
});

interface FieldMetrics {
  field: {
    x: number[];
    score: number[];
    length: number[];
    clipped: boolean[];
    unit: number;
    maxLength: number;
  };
}

test('score page: an arrow at every field point, pointing the way the exact score points', async ({
  page,
}) => {
  await openPage(page, '#/score');
  const { field } = await hook<FieldMetrics>(page, 'metrics()');
  expect(field.x.length).toBeGreaterThanOrEqual(25);
  const arrows = page.getByTestId('figure-score-field').locator('path.arrow');
  await expect(arrows).toHaveCount(field.x.length);
  const drawn = await arrows.evaluateAll((els) =>
    els.map((e) => {
      const d = e.getAttribute('d')!;
      const nums = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      return { x0: nums[0], x1: nums[2], clipped: e.classList.contains('clipped') };
    }),
  );
  let clipped = 0;
  field.x.forEach((x, i) => {
    const s = exact(x).score;
    expectClose(field.score[i], s, 1e-6 * (1 + Math.abs(s)));
    // Direction on screen (x grows to the right) follows the sign of the score.
    if (Math.abs(field.length[i]) > 0.3 * field.maxLength)
      expect(Math.sign(drawn[i].x1 - drawn[i].x0)).toBe(Math.sign(s));
    // Cut exactly where unit·|s| passes the limit, and marked.
    const cut = field.unit * Math.abs(s) > field.maxLength;
    expect(drawn[i].clipped).toBe(cut);
    expect(field.clipped[i]).toBe(cut);
    if (cut) clipped++;
    else expectClose(field.length[i], field.unit * s, 1e-9);
  });
  // The default mixture's narrow component makes some arrows too long: the marking is exercised.
  expect(clipped).toBeGreaterThan(0);
  await expect(page.getByTestId('figure-score-field')).toContainText('drawn dashed');
});

test('first load: the score figure draws before KaTeX arrives, and the equations typeset after', async ({
  page,
}) => {
  // Hold the KaTeX chunk back until the figure is on screen: the figure must not wait for it.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/katexRender-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('./#/score');
  await expect(
    page.getByTestId('figure-score').locator('[data-series="score"] path.series-line'),
  ).toHaveAttribute('d', /L/);
  await expect(page.getByTestId('tex-source').first()).toBeVisible();
  expect(await page.locator('.katex').count()).toBe(0);
  release();
  await expect(page.locator('.katex').first()).toBeVisible();
  await expect(page.getByTestId('tex-source')).toHaveCount(0);
});

test('export: the diffusion comparison table as CSV and JSON, row for row', async ({ page }) => {
  await openPage(page, '#/diffusion?sampler=ode&steps=20&n=2000', 'w1');
  const rows = page.getByTestId('table-row');
  await expect(rows).toHaveCount(1);
  const shownW1 = (await rows.first().locator('td').nth(4).innerText()).trim();
  const m = await hook<{ w1: number }>(page, 'metrics()');

  const csv = (await exportFigure(page, 'comparison-table', 'csv')).bytes.toString('utf8').trim().split('\n');
  expect(csv[0]).toBe('process,sampler,steps,n,score,w1,ks,weight_1,weight_2,unstable');
  expect(csv).toHaveLength(2);
  const cells = csvCells(csv[1]);
  expect(cells).toHaveLength(10);
  expect(cells[1]).toContain('ODE');
  expect(cells[2]).toBe('20');
  expect(cells[3]).toBe('2000');
  expect(cells[4]).toBe('exact');
  expectClose(Number(cells[5]), m.w1, 1e-12);
  // The table shows the same W1, rounded.
  expectClose(Number(cells[5]), Number(shownW1), 0.0051);
  expectClose(Number(cells[7]) + Number(cells[8]), 1, 1e-9);

  const json = JSON.parse((await exportFigure(page, 'comparison-table', 'json')).bytes.toString('utf8'));
  expect(json.runs.rows).toHaveLength(1);
  expect(json.runs.rows[0][5]).toBe(Number(cells[5]));
});
