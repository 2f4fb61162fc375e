import type { Mixture } from '../../engine/mixture';
import { useAppStore } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { scoreGrid } from './scoreModel';

/** metrics(): the exact grid of CONTRACT.md (score page) for the current mixture. */
function metrics(): Record<string, unknown> {
  const { values } = useAppStore.getState();
  const grid = scoreGrid(values.mix as Mixture);
  return {
    view: values.view,
    Z: values.Z,
    grid: {
      x: Array.from(grid.x),
      pdf: Array.from(grid.pdf),
      logpdf: Array.from(grid.logpdf),
      score: Array.from(grid.score),
    },
  };
}

export const scoreProbe: PageProbe = {
  metrics,
  // Nothing on this page runs over time: the run is the exact computation itself.
  run: async () => metrics(),
};
