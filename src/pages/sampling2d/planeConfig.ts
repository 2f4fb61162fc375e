/** The run the page's parameters describe, and the static part of the figure (box and exact density). */
import { fieldGrid, plotBox2, type Box2, type FieldGrid, type Mixture2 } from '../../engine/plane';
import type { PlaneRunConfig } from '../../engine/plane';
import { isDiffusionSampler, planeDiffusionProcess } from '../../engine/plane/learnedPlan2';
import type { PageValues } from '../../store/schemas';

export const DENSITY_NODES = 128;

export function planeRunConfig(values: PageValues<'sampling2d'>): PlaneRunConfig {
  return {
    sampler: values.sampler,
    mixture: values.mix2,
    n: values.n,
    eps: values.eps,
    steps: values.steps,
    T: values.T,
    // The link's reader (store/crossRules.ts) has already put σ_min ≤ σ_max, with a notice when it swapped them.
    smin: values.smin,
    smax: values.smax,
    levels: values.levels,
    // Parsed once by the link's codec (malformed text falls back to the default with a notice).
    init: values.init,
    seed: values.seed,
  };
}

/** The box shown: the data's box (plotBox2), widened to hold the prior's ±3 and the start's square. */
export function samplingBox(mixture: Mixture2, config: PlaneRunConfig, learned = false): Box2 {
  const box = plotBox2(mixture);
  // Diffusion samplers start from their prior N(0, s(1)² I): s(1) ≈ 1 for VP, but a learned run's VE process
  // starts at about σ_max (learnedPlan2.ts), so the box reaches three prior deviations.
  let reach = 3;
  if (isDiffusionSampler(config.sampler)) {
    const { process } = planeDiffusionProcess(config.sampler, learned, config.smin, config.smax);
    reach = Math.max(3, 3 * process.s(1));
  } else if (config.sampler === 'langevin' || config.sampler === 'annealed') {
    const init = config.init;
    reach =
      init.kind === 'uniform'
        ? Math.max(Math.abs(init.a), Math.abs(init.b))
        : init.kind === 'normal'
          ? Math.abs(init.mean) + 3 * init.std
          : Math.abs(init.x0);
  }
  reach = Math.min(50, Math.ceil(reach));
  return {
    x0: Math.min(box.x0, -reach),
    x1: Math.max(box.x1, reach),
    y0: Math.min(box.y0, -reach),
    y1: Math.max(box.y1, reach),
  };
}

export function densityGrid(mixture: Mixture2, box: Box2): FieldGrid {
  return fieldGrid(mixture, 0, box, DENSITY_NODES, DENSITY_NODES);
}
