import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { finiteSample, kdeGrid, perturbGrid } from './perturbModel';

/** metrics(): CONTRACT.md's perturb fields — the exact grid and the kernel-density view of the sample. */
function metrics(): Record<string, unknown> {
  const values = pageValues('perturb');
  const mixture = values.mix;
  const sigma = values.sigma;
  const n = values.n;
  const grid = perturbGrid(mixture, sigma);
  const samples = finiteSample(mixture, n, values.seed);
  const kde = kdeGrid(mixture, samples, sigma);
  return {
    sigma,
    n,
    grid: {
      x: Array.from(grid.x),
      pdf: Array.from(grid.pdf),
      q: Array.from(grid.q),
      score: Array.from(grid.score),
    },
    kde: { x: Array.from(kde.x), q: Array.from(kde.q), score: Array.from(kde.score) },
    samples: Array.from(samples),
    kdeFisherGap: kde.fisherGap,
  };
}

export const perturbProbe: PageProbe = {
  metrics,
  // The page has no process that runs over time; its run is the computation for the current link.
  run: async () => metrics(),
};
