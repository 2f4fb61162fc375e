/** Shared by the plane's tests: random networks, a short Langevin run, an in-process client of the plane sampler. */
import {
  MIXTURE_2D_PRESETS,
  planeNetLayout,
  type PlaneLearnedModel,
  type PlaneRunConfig,
} from '../../../src/engine/plane';
import type { PlaneParam } from '../../../src/engine/plane/planeModel';
import { createRng } from '../../../src/engine/rng';
import type { LearnedForward } from '../../../src/worker/planeForward';
import { PlaneSamplerClient } from '../../../src/worker/planeSamplerClient';
import type { PlaneSamplerApi } from '../../../src/worker/planeSamplerProtocol';
import { PlaneSamplerService } from '../../../src/worker/planeSamplerService';
import { InProcessWorker } from '../inProcessWorker';

/** The parameters of a plane network of this width and depth, each weight scale · N(0, 1) from the seed. */
export function randomPlaneParams(width: number, depth: number, seed: number, scale: number): PlaneParam[] {
  const rng = createRng(seed);
  return planeNetLayout(width, depth).map(({ name, shape }) => ({
    name,
    shape,
    values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => scale * rng.normal()),
  }));
}

/** A random 8-wide, depth-2 plane network trained (nominally) on σ from 0.2 to 3. */
export function planeModel(seed: number): PlaneLearnedModel {
  return { params: randomPlaneParams(8, 2, seed, 0.3), sigmaMin: 0.2, sigmaMax: 3, step: 10, version: seed };
}

export const planeRunConfig: PlaneRunConfig = {
  sampler: 'langevin',
  mixture: MIXTURE_2D_PRESETS.default,
  n: 50,
  eps: 0.01,
  steps: 20,
  T: 5,
  smin: 0.2,
  smax: 3,
  levels: 4,
  init: { kind: 'uniform', a: -3, b: 3 },
  seed: 3,
};

/** The page's client on a PlaneSamplerService with `forward`, run in process. */
export function planeClientFor(forward: LearnedForward): PlaneSamplerClient {
  return new PlaneSamplerClient(
    new InProcessWorker<PlaneSamplerApi['request'], PlaneSamplerApi['event']>(
      (host) => new PlaneSamplerService(host, forward),
    ),
    'test plane sampler',
  );
}
