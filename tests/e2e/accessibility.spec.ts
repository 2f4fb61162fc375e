import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openPage } from './helpers';

// axe-core checks each built page against WCAG A/AA rules (labels, contrast, landmarks, ARIA use),
// in the light and the dark theme. The themes follow prefers-color-scheme through CSS alone, so both are checked
// in one page load: light first, then dark by switching the emulated media.
async function violations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).exclude('.katex').analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`);
}

test.use({ colorScheme: 'light' });

for (const [name, hash] of [
  ['start', '#/'],
  ['score', '#/score'],
  ['perturb', '#/perturb'],
  ['field2d', '#/field2d'],
  ['sampling2d', '#/sampling2d?n=1000'],
] as const) {
  test(`${name} page has no detectable accessibility violations, light or dark`, async ({ page }) => {
    // Two axe passes: on the shared 2-core machine at a load average of 33, a test here has taken 1.7 min.
    test.setTimeout(150_000);
    if (hash === '#/') await page.goto('./#/');
    else await openPage(page, hash, hash.startsWith('#/sampling2d') ? 'sw1' : 'grid');
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
    expect(await violations(page), 'light theme').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await violations(page), 'dark theme').toEqual([]);
  });
}
