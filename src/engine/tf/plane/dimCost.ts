/**
 * The cost of dimension: one training step of ISM, whose exact trace tr ∇_x s_θ takes D tangent passes (one per
 * coordinate), against one of SSM with a single projection (one pass whatever D), on the isotropic two-mode
 * mixture of scoreData.ts in D dimensions. This is the reason sliced and denoising score matching exist, and the
 * page measures it on the reader's own backend; no unit test times anything.
 */
import { monotonicClock, type Clock } from '../../clock';
import { DEFAULT_PLANE_TRAIN_CONFIG, type PlaneTrainConfig } from '../../plane/trainConfig2';
import { isotropicPairData } from '../../plane/scoreData';
import { PlaneTrainer } from './trainer2';

/** The dimensions of the panel: 2, 4, 8, …, 128. */
export const DIM_COST_DIMENSIONS: readonly number[] = [2, 4, 8, 16, 32, 64, 128];

export interface DimCost {
  D: number;
  /** Milliseconds per training step (the median over rounds). */
  ismMs: number;
  ssmMs: number;
}

export interface DimCostOptions {
  width?: number;
  depth?: number;
  batch?: number;
  /** Steps per timed chunk (one readback at its end, so queued GPU work is counted). */
  steps?: number;
  /** Timed chunks per objective, ISM and SSM alternating so that a busy moment hurts both alike. */
  rounds?: number;
  seed?: number;
  clock?: Clock;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

/**
 * Times ISM and SSM training steps in D dimensions. Each trainer first takes two untimed steps (the first calls
 * compile kernels and allocate memory), then `rounds` chunks of `steps` steps each are timed, alternating.
 */
export async function timeDimStep(D: number, options: DimCostOptions = {}): Promise<DimCost> {
  const clock = options.clock ?? monotonicClock;
  const steps = options.steps ?? 5;
  const rounds = options.rounds ?? 3;
  const base: PlaneTrainConfig = {
    ...DEFAULT_PLANE_TRAIN_CONFIG,
    sigma: 0.5,
    width: options.width ?? 64,
    depth: options.depth ?? 2,
    batch: options.batch ?? 256,
    seed: options.seed ?? 1,
    projection: 'rademacher',
    projections: 1,
  };
  const data = isotropicPairData(D);
  const ism = new PlaneTrainer({ ...base, objective: 'ism' }, data);
  const ssm = new PlaneTrainer({ ...base, objective: 'ssm' }, data);
  try {
    await ism.train(2);
    await ssm.train(2);
    const times = { ism: [] as number[], ssm: [] as number[] };
    for (let r = 0; r < rounds; r++) {
      for (const [name, trainer] of [
        ['ism', ism],
        ['ssm', ssm],
      ] as const) {
        const start = clock();
        await trainer.train(steps);
        times[name].push((clock() - start) / steps);
      }
    }
    return { D, ismMs: median(times.ism), ssmMs: median(times.ssm) };
  } finally {
    ism.dispose();
    ssm.dispose();
  }
}
