import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { fieldView } from './fieldModel';

/** metrics(): the exact field of q_σ on the page's grid (CONTRACT.md §3), row-major, and the arrows' scale. */
function metrics(): Record<string, unknown> {
  const { mix2, sigma } = pageValues('field2d');
  const view = fieldView(mix2, sigma);
  const { nx, ny, x0, x1, y0, y1, pdf, scoreX, scoreY } = view.grid;
  return {
    sigma,
    components: mix2.length,
    grid: {
      nx,
      ny,
      x0,
      x1,
      y0,
      y1,
      pdf: Array.from(pdf),
      scoreX: Array.from(scoreX),
      scoreY: Array.from(scoreY),
    },
    arrows: { count: view.exact.arrows.length, cap: view.exact.cap, capped: view.exact.capped },
    streamlines: view.lines.length,
  };
}

export const field2dProbe: PageProbe = {
  metrics,
  // The field is computed exactly and at once: the run is the computation.
  run: async () => metrics(),
};
