/**
 * The link fuzz suite in the browser (issue 14). Seeded links over every page and parameter (tests/e2e/fuzzLinks.ts)
 * are opened one after another in one page load, by changing the hash as a reader following links would; for
 * each link, once the page's first figure is ready:
 *  - a working page: every number in metrics() is finite (null allowed), and no run is in the `failed` state;
 *  - a notice for every changed value: each parameter params() does not show as given is named by a notice;
 *  - no uncaught error and no console error;
 *  - no injected markup: no value ever created an element or ran script;
 *  - the page is no wider than the screen.
 * The parsing layer gets the same checks on thousands of links in tests/unit/params-fuzz.test.ts; this suite
 * proves the pages themselves hold up. Problems are collected and reported together, one line per link.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  allFinite,
  changedKeys,
  generateLinks,
  ISSUE_LINKS,
  linkFromHash,
  mentions,
  PAGES,
  type FuzzLink,
} from './fuzzLinks';

const SEED = 14;
// Links per page in the browser (the parsing layer's own fuzz, tests/unit/params-fuzz.test.ts, reads 3,000).
const PER_PAGE = 6;
/** The metrics field that is present once each page's first figure is drawn (null: the start page, no metrics). */
const READY: Record<string, string | null> = {
  home: null,
  score: 'grid',
  perturb: 'grid',
  dsm: 'binned',
  train: 'sigmas',
  langevin: 'modeWeights',
  annealed: 'level',
  schedules: 'schedules',
  diffusion: 'w1',
  field2d: 'grid',
  sampling2d: 'sw1',
};

async function waitReady(page: Page, link: FuzzLink): Promise<void> {
  await page.waitForFunction(
    ([id, field]) => {
      const hook = window.scoreLab;
      if (!hook || hook.page() !== id) return false;
      if (field === null) return true;
      const m = hook.metrics() as Record<string, unknown>;
      // A learned score with no trained model yet (or one this sampler cannot use) is a finished first view too.
      return (
        m[field] !== undefined ||
        m.needsModel === true ||
        m.learnedUnsupported === true ||
        m.mode === 'needsModel' ||
        m.mode === 'training'
      );
    },
    [link.page, READY[link.page]] as const,
    { timeout: 15_000 },
  );
}

test('fuzz: seeded links on every page give working pages, a notice per change, no errors, no markup, no overflow', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const links = [
    ...generateLinks(SEED, PER_PAGE * (PAGES.length + 1), { light: true }),
    ...ISSUE_LINKS.map(linkFromHash),
  ];
  let errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text().slice(0, 200)}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message.slice(0, 200)}`));

  await page.goto('./#/');
  await page.waitForFunction(() => window.scoreLab !== undefined);
  const problems: string[] = [];
  const pagesSeen = new Set<string>();
  let noticeCount = 0;
  let changeCount = 0;
  const timings: [number, string][] = [];
  for (const link of links) {
    errors = [];
    const started = Date.now();
    const where =
      link.hash.length > 160 ? `${link.hash.slice(0, 160)}… (${link.hash.length} chars)` : link.hash;
    await page.evaluate((hash) => {
      window.location.hash = hash;
    }, link.hash);
    try {
      await waitReady(page, link);
    } catch {
      const seen = await page.evaluate(() => ({
        page: window.scoreLab.page(),
        hash: window.location.hash.slice(0, 120),
        metrics: Object.keys(window.scoreLab.metrics()).join(','),
        mode: String((window.scoreLab.metrics() as { mode?: unknown }).mode),
      }));
      problems.push(`${where}: the page never became ready (${JSON.stringify(seen)})`);
      continue;
    }
    pagesSeen.add(link.page);
    const state = await page.evaluate(() => {
      const hook = window.scoreLab;
      const w = window as unknown as { __fuzzInjected?: unknown };
      return {
        params: hook.params(),
        notices: hook.notices(),
        metrics: hook.metrics(),
        injected:
          w.__fuzzInjected !== undefined ||
          document.getElementById('fuzz-injected') !== null ||
          document.querySelectorAll('img[src="x"], [onerror], [onload]').length > 0,
        failed: document.querySelector('[data-testid="failed"]')?.textContent ?? null,
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      };
    });
    noticeCount += state.notices.length;
    const bad = allFinite(state.metrics);
    if (bad) problems.push(`${where}: not finite: ${bad}`);
    if (state.failed) problems.push(`${where}: run failed: ${state.failed.slice(0, 200)}`);
    for (const name of changedKeys(link, state.params)) {
      changeCount++;
      if (!mentions(state.notices, name)) problems.push(`${where}: ${name} changed without a notice`);
    }
    if (state.injected) problems.push(`${where}: markup was injected`);
    if (state.scrollWidth > state.innerWidth)
      problems.push(`${where}: page ${state.scrollWidth} px wide on a ${state.innerWidth} px screen`);
    for (const e of errors) problems.push(`${where}: ${e}`);
    timings.push([Date.now() - started, where.slice(0, 120)]);
  }
  timings.sort((a, b) => b[0] - a[0]);
  console.info(
    `slowest: ${timings
      .slice(0, 5)
      .map(([ms, w]) => `${ms} ms ${w}`)
      .join('\n  ')}`,
  );
  console.info(
    `fuzz: ${links.length} links over ${pagesSeen.size} pages, ${changeCount} changed values, ${noticeCount} notices`,
  );
  expect(pagesSeen.size).toBe(PAGES.length + 1);
  expect(problems).toEqual([]);
});
