import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { scoreField, scoreGrid } from './scoreModel';

/** metrics(): the exact grid of CONTRACT.md (score page) for the current mixture, and the arrow field drawn. */
function metrics(): Record<string, unknown> {
  const values = pageValues('score');
  const mixture = values.mix;
  const grid = scoreGrid(mixture);
  const field = scoreField(mixture, [grid.x[0], grid.x[grid.x.length - 1]]);
  return {
    view: values.view,
    Z: values.Z,
    grid: {
      x: Array.from(grid.x),
      pdf: Array.from(grid.pdf),
      logpdf: Array.from(grid.logpdf),
      score: Array.from(grid.score),
    },
    // The arrow field as drawn: tails, exact score, drawn length (x units) and whether it was cut.
    field,
  };
}

export const scoreProbe: PageProbe = {
  metrics,
  // Nothing on this page runs over time: the run is the exact computation itself.
  run: async () => metrics(),
};
