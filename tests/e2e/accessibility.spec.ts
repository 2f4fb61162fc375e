import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openPage } from './helpers';

// axe-core checks each built page against WCAG A/AA rules (labels, contrast, landmarks, ARIA use),
// in the light and the dark theme.
for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    for (const [name, hash] of [
      ['start', '#/'],
      ['score', '#/score'],
      ['perturb', '#/perturb'],
      ['field2d', '#/field2d'],
      ['sampling2d', '#/sampling2d?n=1000'],
    ] as const) {
      test(`${name} page has no detectable accessibility violations`, async ({ page }) => {
        if (hash === '#/') await page.goto('./#/');
        else await openPage(page, hash, hash.startsWith('#/sampling2d') ? 'sw1' : 'grid');
        const results = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa'])
          .exclude('.katex')
          .analyze();
        const summary = results.violations.map(
          (v) => `${v.id}: ${v.nodes.length} × ${v.help} (${v.nodes[0]?.target})`,
        );
        expect(summary).toEqual([]);
      });
    }
  });
}
