// The first-load section of npm run bench: how long a reader who opens a link to #/score waits for the first
// curve. Each load is a fresh browser context (empty cache, as for a first visit) on the production build.
//
// "First curve" is defined precisely as: the first animation frame after the score figure
// ([data-testid=figure-score]) holds the score series' line (path.series-line inside g[data-series=score]) with a
// `d` attribute of at least 100 drawn points. The time is performance.now() at that frame, i.e. milliseconds since
// the navigation started. An init script watches the DOM with a MutationObserver from before any page script runs,
// so the measurement does not depend on the app's own code.
import { median } from './browser.mjs';

export const FIRSTLOAD_RUNS = 9;

const WATCHER = () => {
  const ready = () => {
    const line = document.querySelector(
      '[data-testid="figure-score"] g[data-series="score"] path.series-line',
    );
    const d = line?.getAttribute('d') ?? '';
    // d3.line writes one "L" per point after the first.
    return (d.match(/L/g)?.length ?? 0) >= 99;
  };
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      window.__firstCurveMs = performance.now();
    });
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
};

/** Median time to the first curve on #/score over `runs` fresh loads, plus the JS and CSS bytes fetched. */
export async function firstLoadBenchmarks(browser, url, runs = FIRSTLOAD_RUNS) {
  const times = [];
  const bytes = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
    let scriptBytes = 0;
    page.on('response', async (r) => {
      const type = r.request().resourceType();
      if (type !== 'script' && type !== 'stylesheet') return;
      try {
        scriptBytes += (await r.body()).length;
      } catch {
        // a response without a body (redirect) counts nothing
      }
    });
    await page.addInitScript(WATCHER);
    await page.goto(`${url}#/score`);
    await page.waitForFunction(() => window.__firstCurveMs !== undefined, null, { timeout: 60_000 });
    const ms = await page.evaluate(() => window.__firstCurveMs);
    // Bytes of scripts and styles fetched by the moment the curve was drawn, roughly (responses still arriving
    // after it are counted too, so this is an upper bound for what the first curve needed).
    times.push(ms);
    bytes.push(scriptBytes);
    console.log(
      `  first curve on #/score: ${ms.toFixed(0)} ms (${(scriptBytes / 1024).toFixed(0)} kB JS+CSS)`,
    );
    await context.close();
  }
  return {
    runs,
    firstCurveMs: { median: median(times), min: Math.min(...times), max: Math.max(...times), all: times },
    scriptKiB: median(bytes) / 1024,
  };
}

export function firstLoadReport(firstload) {
  const f = (v) => Number(v).toFixed(0);
  return [
    `## First load: time to the first curve on #/score, median of ${firstload.runs} fresh loads`,
    '',
    'From navigation start to the first animation frame after the score series is drawn (≥ 100 points) in the score',
    'figure; each load in a new browser context with an empty cache, production build served by vite preview.',
    '',
    '| median (ms) | min (ms) | max (ms) | JS + CSS fetched (kB, median) |',
    '|---|---|---|---|',
    `| ${f(firstload.firstCurveMs.median)} | ${f(firstload.firstCurveMs.min)} | ${f(firstload.firstCurveMs.max)} | ${f(firstload.scriptKiB)} |`,
    '',
  ];
}
