/**
 * Worked settings for the dsm page, each a set of URL parameters applied at once.
 *
 * "Blog figure": the default mixture at noise variance σ² = 0.6, the setting of the blog figure on denoising score
 * matching that issue 9 asks this page to reproduce. σ = √0.6 = 0.774597… is stored as 0.7746, the four significant digits a URL
 * keeps (store/mixtureParam.ts formatNumber), so the live state and a reloaded link agree exactly;
 * σ² = 0.600005.
 */
import { DEFAULT_MIXTURE } from '../../engine/mixture';
import type { Preset } from '../../components/PresetButtons';

export const BLOG_SIGMA = 0.7746;

export const DSM_PRESETS: readonly Preset[] = [
  {
    id: 'blog',
    label: 'Blog figure: σ² = 0.6',
    hint: 'The default mixture with noise of variance 0.6 (σ = 0.7746), as in the blog post’s DSM figure',
    values: { sigma: BLOG_SIGMA, mix: DEFAULT_MIXTURE.map((c) => ({ ...c })) },
  },
];
