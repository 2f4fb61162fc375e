import { expect, test, type Page } from '@playwright/test';
import { dragHandle, expectClose, handleCentre, hook, openPage, watchErrors } from './helpers';

interface Component {
  weight: number;
  mean: number;
  std: number;
}

const mixture = async (page: Page) => (await hook<{ mix: Component[] }>(page, 'params()')).mix;

const centre = (page: Page, id: string) => handleCentre(page, 'figure-density', id);

/**
 * Pixels per unit of x, read off the two peak handles: they sit at μ₁ = 2 and μ₂ = −2 on the default mixture, so
 * their horizontal distance in pixels over 4 is the axis's scale (independent of the chart's width).
 */
async function pixelsPerUnit(page: Page): Promise<number> {
  const [a, b] = [await centre(page, 'peak-0'), await centre(page, 'peak-1')];
  return (a.x - b.x) / 4;
}

const drag = (page: Page, id: string, dx: number, dy: number) =>
  dragHandle(page, 'figure-density', id, dx, dy);

test('score page: dragging a peak handle sideways moves μ by the dragged distance and keeps π', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/score');
  const ppu = await pixelsPerUnit(page);
  expect(ppu).toBeGreaterThan(10);
  await drag(page, 'peak-0', 10, 0);
  await expect.poll(async () => (await mixture(page))[0].mean).not.toBe(2);
  const after = await mixture(page);
  // μ is rounded to 0.01 and the mouse lands on whole pixels: allow a pixel and a rounding step.
  expectClose(after[0].mean, 2 + 10 / ppu, 1 / ppu + 0.01);
  expectClose(after[0].weight, 0.6, 0.01);
  expectClose(after[1].mean, -2, 1e-9);
  expect(errors).toEqual([]);
});

test('score page: dragging a peak handle up raises π as the density axis implies', async ({ page }) => {
  await openPage(page, '#/score');
  const a = await centre(page, 'peak-0');
  const b = await centre(page, 'peak-1');
  // Pixels per unit of density from the two peak heights: π/(s√(2π)) = 0.479 and 0.798.
  const h0 = 0.6 / (0.5 * Math.sqrt(2 * Math.PI));
  const h1 = 0.4 / (0.2 * Math.sqrt(2 * Math.PI));
  const ppd = (a.y - b.y) / (h1 - h0);
  await drag(page, 'peak-0', 0, -30);
  await expect.poll(async () => (await mixture(page))[0].weight).toBeGreaterThan(0.6);
  const after = await mixture(page);
  // The new height h = h0 + 30/ppd gives π' = h s √(2π) before normalisation; setWeight keeps the others'
  // proportions, so the final share is π' itself when π' ≤ 1.
  const wanted = (h0 + 30 / ppd) * 0.5 * Math.sqrt(2 * Math.PI);
  expectClose(after[0].weight, wanted, 0.02);
  expectClose(after[0].mean, 2, 0.01 + 1 / 20);
});

test('score page: dragging a width handle 60 px widens s by 60 px worth of x', async ({ page }) => {
  await openPage(page, '#/score');
  const ppu = await pixelsPerUnit(page);
  await drag(page, 'std-0', 60, 0);
  await expect.poll(async () => (await mixture(page))[0].std).not.toBe(0.5);
  const after = await mixture(page);
  expectClose(after[0].std, 0.5 + 60 / ppu, 1.5 / ppu + 0.01);
  expectClose(after[0].mean, 2, 1e-9);
  // The axis stays put while dragging and re-fits once the drag has ended: the handle now sits on the new s.
  const ppuAfter = await pixelsPerUnit(page);
  const peak = await centre(page, 'peak-0');
  const width = await centre(page, 'std-0');
  expectClose(width.x - peak.x, after[0].std * ppuAfter, 2);
});
