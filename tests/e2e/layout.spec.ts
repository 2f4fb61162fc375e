/**
 * Controls and figures together (issue 12 §2): on a phone the primary figure and the transport share the first
 * screen; on a desktop no control hides in an inner scroll area; diffusion keeps a run on screen while the learned
 * one cannot exist; dsm says what play is doing, in figure 1, and when it stops; sliders are named by their labels.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { hook, openPage, watchErrors } from './helpers';

const PAGES = [
  'score',
  'perturb',
  'dsm',
  'train',
  'langevin',
  'annealed',
  'schedules',
  'diffusion',
  'field2d',
  'sampling2d',
] as const;
/** Pages whose process runs under a play button. */
const PLAYS = new Set<string>(['dsm', 'train', 'langevin', 'annealed', 'diffusion', 'field2d', 'sampling2d']);

const PHONE = { width: 390, height: 844 };
/** The least gap, in CSS px, between the primary figure's bottom and the bottom of the first screen. */
const FIRST_SCREEN_MARGIN = 24;

/** A box in page coordinates (the tests read it before any scroll, so these are also screen coordinates). */
async function boxOf(locator: Locator): Promise<{ top: number; bottom: number }> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('no bounding box');
  return { top: Math.round(b.y), bottom: Math.round(b.y + b.height) };
}

/** The primary figure: the drawing of the first figure in the figure column. */
function primaryChart(page: Page): Locator {
  return page.getByTestId('figures').locator('figure').first().locator('.figure-canvas svg.chart');
}

/**
 * On a phone: the primary figure of page `id` on the first screen with a margin below it, the page at its top, nothing
 * in the figure column wider than the screen, the play button (where the page plays) above the figure, and the full
 * control panel folded after the figures. Returns where the figure and button sit, for the report.
 */
async function expectFirstScreen(page: Page, id: string): Promise<string> {
  const chart = primaryChart(page);
  await expect(chart, id).toBeVisible();
  // What sits above the figure may still grow as the page starts (notices, prompts, a run's read-out filling in):
  // on the sampling pages wait for the run's first read-out, then read the figure until two reads 200 ms apart agree
  // (at most 3 s). Every read must keep the figure on the screen, with a margin below it.
  const readout = page.getByTestId('run-readout');
  if ((await readout.count()) > 0) await expect(readout, id).toContainText('step');
  let figure = await boxOf(chart);
  for (let i = 0; i < 15; i++) {
    expect(figure.top, `${id}, read ${i}`).toBeGreaterThanOrEqual(0);
    expect(figure.bottom, `${id}, read ${i}`).toBeLessThanOrEqual(PHONE.height - FIRST_SCREEN_MARGIN);
    await page.waitForTimeout(200);
    const next = await boxOf(chart);
    if (next.top === figure.top && next.bottom === figure.bottom) break;
    figure = next;
  }
  expect(figure.bottom, id).toBeLessThanOrEqual(PHONE.height - FIRST_SCREEN_MARGIN);
  expect(await page.evaluate(() => window.scrollY), `${id} opens at its top`).toBe(0);
  // Nothing in the figure column runs off the side of the screen (a read-out line once did).
  const overflow = await page.getByTestId('figures').evaluate(
    (root, width) =>
      Array.from(root.querySelectorAll('.readout-item, .transport > *'))
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map((el) => el.textContent),
    PHONE.width,
  );
  expect(overflow, id).toEqual([]);
  let where = `${id}: figure y ${figure.top}–${figure.bottom}`;
  if (PLAYS.has(id)) {
    // The sampling pages may already be playing: the button is then Pause.
    const play = page.getByTestId('transport').getByTestId(/^(play|pause)$/);
    await expect(play, id).toBeVisible();
    const button = await boxOf(play);
    // Above the figure it drives, and on the same screen.
    expect(button.top, id).toBeGreaterThanOrEqual(0);
    expect(button.bottom, id).toBeLessThanOrEqual(figure.top);
    where += `, play y ${button.top}–${button.bottom}`;
  }
  // The full control panel comes after the figures, folded.
  const fold = page.getByTestId('controls-fold');
  await expect(fold, id).not.toHaveAttribute('open', /.*/);
  expect((await boxOf(fold)).top, id).toBeGreaterThan(figure.bottom);
  return where;
}

test.describe('phone, 390 × 844', () => {
  test.use({ viewport: PHONE });

  // One page load for all pages, moved through as a reader would: scroll to the end of a page and tap its
  // next-page link. Each page must then open at its top, with the primary figure (and the play button) on the first
  // screen. (A fresh load per page cost CI about 1.5 s each.)
  test("every page, reached by its predecessor's next-page link, opens with the primary figure (and the play button) on the first screen", async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`./#/${PAGES[0]}`);
    const positions: string[] = [];
    for (const [i, id] of PAGES.entries()) {
      if (i > 0) {
        const next = page.getByTestId('next-page-link');
        await next.scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => window.scrollY), `scrolled down ${PAGES[i - 1]}`).toBeGreaterThan(0);
        await next.click();
        await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
      }
      positions.push(await expectFirstScreen(page, id));
    }
    // The last page leads back to the start page; from the foot of its path, a page read before. Neither shows a
    // loading placeholder on the way (both are loaded by now), so only the app itself can bring the reader to the top.
    await page.getByTestId('next-page-link').click();
    await expect(page.getByTestId('page')).toHaveAttribute('data-page', 'home');
    const again = page.getByTestId('path-field2d').locator('a');
    await again.scrollIntoViewIfNeeded();
    const from = await page.evaluate(() => window.scrollY);
    expect(from).toBeGreaterThan(0);
    await again.click();
    await expect(page.getByTestId('nav-field2d')).toHaveAttribute('aria-current', 'page');
    expect(await page.evaluate(() => window.scrollY), `field2d, revisited from y ${from}`).toBe(0);
    test.info().annotations.push({ type: 'position', description: positions.join('; ') });
    expect(errors).toEqual([]);
  });

  test('the folded control panel opens and its controls work', async ({ page }) => {
    await openPage(page, '#/perturb?sigma=0.5&n=40', 'grid');
    await page.getByTestId('controls-fold').locator(':scope > summary').click();
    const n = page.getByTestId('param-n-input');
    await expect(n).toBeVisible();
    await n.fill('100');
    await n.press('Enter');
    await expect.poll(() => hook<{ n: number }>(page, 'params()').then((p) => p.n)).toBe(100);
  });
});

test.describe('desktop, 1280 × 900', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  // One page load for all pages (the app's own hash navigation): the check reads layout only, and a fresh load per
  // page cost CI about 13 s.
  test('no control hides in an inner scroll area, on any page', async ({ page }) => {
    await page.goto('./#/score');
    for (const id of PAGES) {
      await page.evaluate((hash) => (window.location.hash = hash), `#/${id}`);
      await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('aria-current', 'page');
      await expect(primaryChart(page), id).toBeVisible();
      await expectOneRowHeader(page);
      const panel = page.getByTestId('controls');
      await expect(panel).toBeVisible();
      // The panel itself and everything in it show all their content: nothing has its own scrollbar.
      const scrollers = await panel.evaluate((root) =>
        [root, ...Array.from(root.querySelectorAll('*'))]
          .filter((el) => el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0)
          .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
      expect(scrollers, id).toEqual([]);
      const sizes = await panel.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
      expect(sizes.scroll, id).toBeLessThanOrEqual(sizes.client + 1);
    }
  });

  test('train and diffusion: model file, presets and training are reached by scrolling the page', async ({
    page,
  }) => {
    for (const [hash, testId] of [
      ['#/train', 'preset-memorise'],
      ['#/diffusion', 'train-button'],
    ] as const) {
      await page.goto(`./${hash}`);
      const target = page.getByTestId(testId);
      await expect(target).toBeAttached();
      // Wheel the page over the figures (as a reader would) until the control is on screen: with the controls in
      // a sticky inner scroll area it never would be.
      await page.mouse.move(800, 600);
      for (let i = 0; i < 30 && !(await inViewport(page, target)); i++) {
        await page.mouse.wheel(0, 250);
        await page.waitForTimeout(50);
      }
      expect(await inViewport(page, target)).toBe(true);
    }
  });
});

/** The 95th percentile of frame intervals of the page doing nothing, over two seconds (recorded for comparison). */
async function idleFrameP95(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const gaps: number[] = [];
        let last = performance.now();
        const start = last;
        const tick = (now: number) => {
          gaps.push(now - last);
          last = now;
          if (now - start < 2000) requestAnimationFrame(tick);
          else {
            gaps.sort((a, b) => a - b);
            resolve(gaps[Math.floor(0.95 * (gaps.length - 1))]);
          }
        };
        requestAnimationFrame(tick);
      }),
  );
}

async function inViewport(page: Page, target: Locator): Promise<boolean> {
  const b = await target.boundingBox();
  const h = page.viewportSize()!.height;
  return b !== null && b.y >= 0 && b.y + b.height <= h;
}

test('sliders are named by their labels alone; hints describe them', async ({ page }) => {
  await openPage(page, '#/perturb?sigma=0.5', 'grid');
  const sigma = page.getByRole('slider', { name: 'Noise σ', exact: true });
  await expect(sigma).toHaveCount(1);
  await expect(sigma).toHaveAccessibleDescription('std of the added noise');
  await expect(page.getByRole('textbox', { name: 'Noise σ value', exact: true })).toHaveCount(1);
  await expect(page.getByText(/across three decades/)).toBeVisible();

  await openPage(page, '#/diffusion', 'w1');
  for (const name of ['Schedule length T', 'ε-model training steps', 'Sampling steps'])
    await expect(page.getByRole('slider', { name, exact: true })).toHaveCount(1);
});

test('a field shows its own notice, and the notice list leads to it', async ({ page }) => {
  await openPage(page, '#/perturb?sigma=50', 'grid');
  await expect(page.getByTestId('field-notice-sigma')).toHaveText(
    '50 is out of range [0.01, 10]; clamped to 10.',
  );
  await page.getByTestId('notice-goto').click();
  await expect(page.getByTestId('param-sigma-range')).toBeFocused();
});

test('diffusion: the learned score keeps the exact run on screen until a model exists', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await openPage(page, '#/diffusion?sde=ddpm&T=100&steps=50&n=2000&width=16&train=300&seed=3', 'w1');
  await page.getByTestId('score').getByText('Learned ε-model').click();
  const prompt = page.getByTestId('needs-model');
  await expect(prompt).toBeVisible();
  // The figures still hold the 2,000 exact-score samples, and say so.
  const shown = await hook<{ n: number; resultScore: string; needsModel: boolean }>(page, 'metrics()');
  expect(shown).toMatchObject({ n: 2000, resultScore: 'true', needsModel: true });
  await expect(page.getByTestId('figure-paths').locator('.heatmap-paths path')).not.toHaveCount(0);
  await expect(page.getByTestId('hist-stand-in')).toBeVisible();
  // The prompt sits right above figure 1, on the first screen.
  const promptBox = await boxOf(prompt);
  const figureBox = await boxOf(page.getByTestId('figure-paths'));
  expect(promptBox.bottom).toBeLessThanOrEqual(figureBox.top);
  expect(promptBox.bottom).toBeLessThanOrEqual(900);
  await page.getByTestId('train-now').click();
  await expect(page.getByTestId('prompt-progress')).toBeVisible();
  await page.waitForFunction(
    () => (window.scoreLab.metrics() as { resultScore?: string }).resultScore === 'learned',
    null,
    { timeout: 120_000 },
  );
  await expect(prompt).toHaveCount(0);
  await expect(page.getByTestId('hist-stand-in')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** The dsm figures whose drawings play must leave alone, and figure 2, whose marks it moves. */
const DSM_STILL = ['figure-dsm-pairs', 'figure-dsm-tradeoff', 'figure-dsm-coverage', 'figure-dsm-tweedie'];

/**
 * Counts DOM writes inside each dsm chart from now on: window.__chartWrites[testId] = { all, frame }, where
 * `frame` counts writes to the axes, the svg element itself and the curves ([data-series]).
 */
async function watchChartWrites(page: Page): Promise<void> {
  await page.evaluate(
    (ids) => {
      const counts: Record<string, { all: number; frame: number }> = {};
      (window as unknown as { __chartWrites: typeof counts }).__chartWrites = counts;
      for (const id of ids) {
        const svg = document.querySelector(`[data-testid="${id}"] svg.chart`);
        if (!svg) throw new Error(`no chart in ${id}`);
        counts[id] = { all: 0, frame: 0 };
        new MutationObserver((records) => {
          for (const r of records) {
            const t = (r.target.nodeType === 1 ? r.target : r.target.parentElement) as Element;
            counts[id].all++;
            if (t === svg || t.closest('.axis, [data-series]')) counts[id].frame++;
          }
        }).observe(svg, { attributes: true, childList: true, characterData: true, subtree: true });
      }
    },
    [...DSM_STILL, 'figure-dsm-average'],
  );
}

test('dsm: play shows its state in figure 1 and says when it stops at 200,000 pairs; it redraws only figure 2', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const errors = watchErrors(page);
  await openPage(page, '#/dsm?sigma=0.5&n=20000&seed=4', 'grid');
  const state = page.getByTestId('dsm-run-state');
  await expect(state).toHaveText('n = 20,000 pairs');
  // The state is figure 1's: above its chart, below the transport.
  expect((await boxOf(state)).bottom).toBeLessThanOrEqual(
    (await boxOf(page.getByTestId('figure-dsm-pairs'))).top,
  );
  const idle = await idleFrameP95(page);
  await watchChartWrites(page);
  await page.getByTestId('play').click();
  await expect(state).toContainText('adding pairs');
  await expect(state).toHaveText(/^■ Stopped at 200,000 pairs, the most this page draws/, {
    timeout: 40_000,
  });
  const m = await hook<{ mode: string; n: number; frameMs: { p50: number; p95: number } }>(page, 'metrics()');
  expect(m.mode).toBe('finished');
  expect(m.n).toBe(200_000);
  test.info().annotations.push({
    type: 'frames',
    description: `dsm play to 200,000 pairs: frame p50 ${m.frameMs.p50.toFixed(1)} ms, p95 ${m.frameMs.p95.toFixed(1)} ms (idle page: p95 ${idle.toFixed(1)} ms)`,
  });
  // Past 1,500 pairs figures 1 and 4 draw nothing new and figure 3 does not depend on n: play must not touch
  // them (every write is a restyle, a repaint and, with the software GPU, a slow re-raster). Figure 2's bars and
  // dots move while its axes and curves stay.
  const writes = await page.evaluate(
    () =>
      (window as unknown as { __chartWrites: Record<string, { all: number; frame: number }> }).__chartWrites,
  );
  for (const id of DSM_STILL) expect(writes[id], id).toEqual({ all: 0, frame: 0 });
  expect(writes['figure-dsm-average'].all).toBeGreaterThan(0);
  expect(writes['figure-dsm-average'].frame).toBe(0);
  // Frame times are recorded above, not judged here: with the software renderer these tests use (SwiftShader),
  // frame times on the shared 2-core machine follow its load more than the page. A page that only changes one line
  // of text over a tall gradient measured frame p50 ≈ 700 ms at load average 26 and p95 50 ms at load 16; this page
  // measured p50 283–433 ms, p95 400–750 ms at load 16 (1,050–1,400 ms before play stopped redrawing still figures).
  expect(m.frameMs.p50).toBeGreaterThan(0);
  // Reset clears the message; play starts again from the top.
  await page.getByTestId('reset').click();
  await expect(state).toHaveText('n = 50 pairs');
  expect(errors).toEqual([]);
});

test('an integer slider on a log track moves under the arrow keys (train page width)', async ({ page }) => {
  await openPage(page, '#/train?width=64', 'step');
  const range = page.getByTestId('param-width-range');
  await range.focus();
  await range.press('ArrowRight');
  await range.press('ArrowRight');
  await expect.poll(() => hook<{ width: number }>(page, 'params()').then((p) => p.width)).toBe(66);
  await range.press('ArrowLeft');
  await expect.poll(() => hook<{ width: number }>(page, 'params()').then((p) => p.width)).toBe(65);
});

/** The site header is one row: the brand, the page links and the theme toggle share a line. */
async function expectOneRowHeader(page: Page): Promise<void> {
  const row = async (locator: Locator) => {
    await expect(locator).toBeVisible();
    const b = await locator.boundingBox();
    if (!b) throw new Error('header not drawn');
    return b;
  };
  const brand = await row(page.locator('.site-header .brand'));
  const nav = await row(page.getByRole('navigation', { name: 'Pages' }));
  const toggle = await row(page.locator('.theme-toggle'));
  for (const [name, b] of [
    ['page links', nav],
    ['theme toggle', toggle],
  ] as const) {
    // Vertically overlapping the brand: on its row, not wrapped below it.
    expect(b.y, name).toBeLessThan(brand.y + brand.height);
    expect(b.y + b.height, name).toBeGreaterThan(brand.y);
  }
}

test.describe('phone header', () => {
  test.use({ viewport: PHONE });

  test('the theme toggle sits beside the page links, and the current page link is in view', async ({
    page,
  }) => {
    // The start page (which loads no page layout) keeps the header to one row too.
    await page.goto('./#/');
    await expectOneRowHeader(page);
    await page.getByTestId('nav-score').click();
    await expect(primaryChart(page)).toBeVisible();
    // Move through the app's own links to the last page, within this page load.
    await page.getByTestId('nav-diffusion').click();
    await expect.poll(() => hook<string>(page, 'page()')).toBe('diffusion');
    const nav = page.getByRole('navigation', { name: 'Pages' });
    const toggle = page.locator('.theme-toggle');
    const navBox = await nav.boundingBox();
    const toggleBox = await toggle.boundingBox();
    if (!navBox || !toggleBox) throw new Error('header not drawn');
    // No overlap: the links end where the toggle starts, and both fit the screen.
    expect(navBox.x + navBox.width).toBeLessThanOrEqual(toggleBox.x + 1);
    expect(toggleBox.x + toggleBox.width).toBeLessThanOrEqual(PHONE.width);
    const current = page.getByTestId('nav-diffusion');
    const linkBox = await current.boundingBox();
    if (!linkBox) throw new Error('no current link');
    expect(linkBox.x).toBeGreaterThanOrEqual(navBox.x - 1);
    expect(linkBox.x + linkBox.width).toBeLessThanOrEqual(navBox.x + navBox.width + 1);
  });
});
