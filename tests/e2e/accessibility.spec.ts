import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

// axe-core checks each built page against WCAG A/AA rules (labels, contrast, landmarks, ARIA use),
// in the light and the dark theme. The themes follow prefers-color-scheme through CSS alone, so both are checked
// in one page load: light first, then dark by switching the emulated media.
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.katex').analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`);
}

test.use({ colorScheme: 'light' });

const PAGES = [
  ['start', '#/', null],
  ['score', '#/score', 'grid'],
  ['perturb', '#/perturb', 'grid'],
  ['field2d', '#/field2d', 'grid'],
  ['sampling2d', '#/sampling2d?n=1000', 'sw1'],
] as const;

// One page load for all five (the app's hash navigation, as a reader's link would): the checks read the page as
// it stands, and a fresh load each cost CI about a second per page.
test('the start page, score, perturb, field2d and sampling2d have no detectable accessibility violations, light or dark', async ({
  page,
}) => {
  // Ten axe passes: on the shared 2-core machine at a load average of 33, two passes have taken 1.7 min.
  test.setTimeout(300_000);
  await page.goto('./#/');
  for (const [name, hash, ready] of PAGES) {
    if (ready) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await page.waitForFunction(
        ([id, field]) => {
          const hook = (
            window as unknown as { scoreLab?: { page(): string; metrics(): Record<string, unknown> } }
          ).scoreLab;
          return hook?.page() === id && hook.metrics()[field] !== undefined;
        },
        [name, ready] as const,
      );
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
    expect(await violations(page), `${name}, light theme`).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await violations(page), `${name}, dark theme`).toEqual([]);
  }
});
