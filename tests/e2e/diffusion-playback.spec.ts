/**
 * The diffusion page plays (issue 13 §1), driven as a reader drives it: the Play button, space, → and r, the speed
 * menu, the direction buttons, and a mouse drag of the scrubber. The particles' KS distance to the exact p_t is
 * checked against its sampling noise at every frame seen while the run plays.
 */
import { expect, test, type Page } from '@playwright/test';
import { hook, notices, openPage, urlQuery, watchErrors } from './helpers';

interface PlaybackMetrics {
  mode: 'idle' | 'playing' | 'paused' | 'done';
  direction: string;
  t: number | null;
  ksToPt: number | null;
  w1ToPt: number | null;
  w1: number | null;
  playback: { step: number | null; liveStep: number; totalSteps: number; frames: number; n: number };
}

const metrics = (page: Page) => hook<PlaybackMetrics>(page, 'metrics()');

const N = 4000;
/**
 * For n independent draws of p_t, P(KS > c/√n) ≈ 2 e^(−2c²): c = 2.23 makes that 10⁻⁴ per frame, so over the few
 * dozen frames read below a false alarm has probability under 1 %. Both runs below are exact up to discretisation:
 * the forward noising exactly, the reverse one (ancestral, 100 of 1000 steps, exact score) up to a bias that the
 * engine's tests bound far below this (tests/unit/diffusion-playback.test.ts).
 */
const KS_NOISE = 2.23 / Math.sqrt(N);
const LINK = `sde=ddpm&schedule=linear&T=1000&sampler=ancestral&steps=100&n=${N}&seed=7`;

async function openDiffusion(page: Page, query: string): Promise<void> {
  await page.goto('about:blank');
  await openPage(page, `#/diffusion?${query}`, 'w1');
}

/** Reads the hook while the run plays; returns every (t, KS) seen, up to the end. */
async function watchUntilDone(page: Page): Promise<{ t: number; ks: number }[]> {
  const seen: { t: number; ks: number }[] = [];
  for (let i = 0; i < 600; i++) {
    const m = await metrics(page);
    if (m.t !== null && m.ksToPt !== null && !seen.some((s) => s.t === m.t))
      seen.push({ t: m.t, ks: m.ksToPt });
    if (m.mode === 'done') return seen;
    await page.waitForTimeout(100);
  }
  throw new Error(`the run did not finish; last seen ${JSON.stringify(seen.at(-1))}`);
}

const bars = (page: Page) => page.getByTestId('figure-playback').locator('rect.bar');
const barHeights = (page: Page) =>
  bars(page).evaluateAll((rs) => rs.map((r) => r.getAttribute('height')).join(','));
const firstPath = (page: Page) =>
  page.getByTestId('figure-paths').locator('path.heatmap-path').first().getAttribute('d');

test('reverse: play, pause with space, step with →, KS to p_t within noise, scrub back with the mouse, reset with r', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openDiffusion(page, LINK);
  expect((await metrics(page)).mode).toBe('idle');
  await expect(bars(page)).toHaveCount(0);

  await page.getByTestId('speed').selectOption('20');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).playback.liveStep).toBeGreaterThanOrEqual(3);
  expect((await metrics(page)).mode).toBe('playing');
  // Space pauses (the focus is not on a button: click the page's title first).
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press(' ');
  await expect.poll(async () => (await metrics(page)).mode).toBe('paused');
  await page.waitForTimeout(300);
  const paused = await metrics(page);
  expect(paused.playback.step).toBe(paused.playback.liveStep);
  const heights = await barHeights(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await metrics(page)).playback.step).toBe(paused.playback.step! + 1);
  const stepped = await metrics(page);
  // One step of 100 on the DDPM grid: t goes down by 10/1000.
  expect(stepped.t!).toBeCloseTo(paused.t! - 0.01, 9);
  expect(await barHeights(page)).not.toBe(heights);

  // At 20 steps/s the rest of the run takes about five seconds, so the hook is read at many frames while it plays
  // (at 'max' a quiet machine finishes between two reads).
  await page.getByTestId('speed').selectOption('20');
  await page.getByTestId('play').click();
  const seen = await watchUntilDone(page);
  const done = await metrics(page);
  expect(done.t).toBe(0);
  expect(done.playback.frames).toBe(101);
  expect(seen.length).toBeGreaterThanOrEqual(3);
  for (const s of [...seen, { t: done.t!, ks: done.ksToPt! }])
    expect(s.ks, `t = ${s.t}`).toBeLessThan(KS_NOISE);
  // The full-speed run is untouched by playback: the same link's run() still gives its metrics.
  expect(done.w1).not.toBeNull();

  // Drag the scrubber's thumb from the right end to the middle: back to t ≈ 0.5.
  const pathAtEnd = await firstPath(page);
  const heightsAtEnd = await barHeights(page);
  const range = page.getByTestId('scrubber-range');
  const box = (await range.boundingBox())!;
  await page.mouse.move(box.x + box.width - 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const scrubbed = await metrics(page);
  expect(scrubbed.t!).toBeGreaterThan(0.4);
  expect(scrubbed.t!).toBeLessThan(0.6);
  await expect(page.getByTestId('playback-t')).toHaveText(String(Number(scrubbed.t!.toPrecision(3))));
  expect(scrubbed.ksToPt!).toBeLessThan(KS_NOISE);
  expect(await barHeights(page)).not.toBe(heightsAtEnd);
  expect(await firstPath(page)).not.toBe(pathAtEnd);

  // r resets: no playback run, the heat map shows the full-speed run's paths again.
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('r');
  await expect.poll(async () => (await metrics(page)).mode).toBe('idle');
  expect((await metrics(page)).t).toBeNull();
  expect(errors).toEqual([]);
});

test('forward: the direction buttons write the link; data noised to t = 1 within KS noise of p_t; the link restores', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openDiffusion(page, LINK);
  await page.getByTestId('direction').getByText('Forward').click();
  await expect.poll(async () => (await urlQuery(page)).direction).toBe('forward');
  await page.getByTestId('speed').selectOption('20');
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press(' ');
  const seen = await watchUntilDone(page);
  const done = await metrics(page);
  expect(done.direction).toBe('forward');
  expect(done.t).toBe(1);
  expect(seen.length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < seen.length; i++) expect(seen[i].t).toBeGreaterThan(seen[i - 1].t);
  for (const s of [...seen, { t: 1, ks: done.ksToPt! }]) expect(s.ks, `t = ${s.t}`).toBeLessThan(KS_NOISE);

  // The same link in a fresh document: forward is chosen, and Play runs forward.
  const url = page.url();
  await page.goto('about:blank');
  await page.goto(url);
  await page.waitForFunction(() => window.scoreLab?.metrics().w1 !== undefined);
  expect((await hook<{ direction: string }>(page, 'params()')).direction).toBe('forward');
  await expect(page.getByTestId('direction-forward')).toBeChecked();
  expect((await metrics(page)).direction).toBe('forward');
  await page.getByTestId('step').click();
  await expect.poll(async () => (await metrics(page)).playback.step).toBe(1);
  const first = await metrics(page);
  expect(first.direction).toBe('forward');
  // The DDPM grid with skipping always keeps training step 1: forward goes from the data (t = 0) to t = 1/T first.
  expect(first.t!).toBeCloseTo(0.001, 9);
  expect(errors).toEqual([]);
});

test('a bad direction in the link gives a notice and plays in reverse', async ({ page }) => {
  await openDiffusion(page, `${LINK}&direction=sideways`);
  expect((await hook<{ direction: string }>(page, 'params()')).direction).toBe('reverse');
  expect((await notices(page)).join(' ')).toMatch(/direction: "sideways" is not one of reverse, forward/);
  await expect(page.getByTestId('direction-reverse')).toBeChecked();
  await page.getByTestId('step').click();
  await expect.poll(async () => (await metrics(page)).playback.step).toBe(1);
  expect((await metrics(page)).t!).toBeCloseTo(0.99, 9);
});

test('with a trained ε-model the learned run plays beside the exact one, from the same start', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await openDiffusion(page, 'sde=ddpm&T=100&steps=50&n=2000&width=16&train=300&seed=3');
  await page.getByTestId('score').getByText('Learned ε-model').click();
  await page.getByTestId('train-now').click();
  await page.waitForFunction(
    () => (window.scoreLab.metrics() as { resultScore?: string }).resultScore === 'learned',
    null,
    { timeout: 120_000 },
  );
  await page.getByTestId('step').click();
  await expect.poll(async () => (await metrics(page)).playback.step).toBe(1);
  // Scrub to the first frame: both runs are the same prior draws there, so their distances agree exactly.
  await page.getByTestId('scrubber-range').focus();
  await page.keyboard.press('Home');
  type WithLearned = PlaybackMetrics & { learnedToPt: { t: number; w1: number; ks: number } | null };
  const start = await hook<WithLearned>(page, 'metrics()');
  expect(start.t).toBe(1);
  expect(start.learnedToPt).toEqual({ t: 1, w1: start.w1ToPt, ks: start.ksToPt });
  await page.keyboard.press('End');
  const after = await hook<WithLearned>(page, 'metrics()');
  expect(after.playback.step).toBe(1);
  expect(after.learnedToPt!.t).toBe(after.t);
  // One step on different scores: the two clouds have moved apart.
  expect(after.learnedToPt!.w1).not.toBe(after.w1ToPt);
  await expect(page.getByTestId('figure-playback').locator('[data-series="learned"]')).toHaveCount(1);
  await expect(page.getByTestId('playback-learned-w1')).toBeVisible();
  expect(errors).toEqual([]);
});
