/**
 * Everything the diffusion page derives from its URL parameters, as plain data: the process, the sampler, the
 * sampling job, the training configuration of its ε-model, the key of a comparison-table row, and the exact
 * p_t(x) heat map the trajectories are drawn over.
 */
import { DEFAULT_SNR, processMarginal, type SamplerSpec } from '../../engine/diffusion';
import { mixturePdf, plotRange, type Mixture } from '../../engine/mixture';
import { SCHEDULE_INFO } from '../../engine/schedules';
import type { TrainConfig } from '../../engine/training/config';
import type { DiffusionJob } from '../../engine/diffusion/job';
import { buildProcess, type ProcessSpec, type SdeName } from '../../engine/diffusion/processSpec';
import type { PageValues } from '../../store/schemas';
import { FLOW_LABEL } from '../../engine/flow/process';

export type SamplerName = 'ancestral' | 'sde' | 'ode' | 'pc';

/** Paths drawn over the heat map: "a few dozen". */
export const TRACKS = 40;
export const HISTOGRAM_BINS = 90;
export const MAP_COLUMNS = 200;
export const MAP_ROWS = 140;

export function processSpecOf(v: PageValues<'diffusion'>): ProcessSpec {
  return { sde: v.sde, schedule: v.schedule, T: v.T };
}

export function samplerSpecOf(v: PageValues<'diffusion'>): SamplerSpec {
  switch (v.sampler) {
    case 'ancestral':
      return { kind: 'ancestral', variance: v.variance as 'beta' | 'betaTilde' };
    case 'sde':
      return { kind: 'sde' };
    case 'ode':
      return { kind: 'ode', solver: v.solver as 'euler' | 'heun' };
    case 'pc':
      return {
        kind: 'pc',
        predictor: 'ancestral',
        correctorSteps: v.corrector,
        snr: v.snr,
      };
  }
}

/** The range every figure shares: the data's plotting range (VE paths enter it from far outside). */
export function xRange(mixture: Mixture): [number, number] {
  return plotRange(mixture, 4);
}

export function jobOf(v: PageValues<'diffusion'>): DiffusionJob {
  const mixture = v.mix;
  return {
    process: processSpecOf(v),
    sampler: samplerSpecOf(v),
    steps: v.steps,
    n: v.n,
    seed: v.seed,
    mixture: mixture.map((c) => ({ ...c })),
    tracks: TRACKS,
    range: xRange(mixture),
    bins: HISTOGRAM_BINS,
  };
}

/** The ε-model's training run: the page's process, mixture, seed and width; the engine's defaults otherwise. */
export function trainConfigOf(v: PageValues<'diffusion'>): TrainConfig {
  return {
    objective: 'eps',
    diffusion: processSpecOf(v),
    smin: 0.05,
    smax: 5,
    levels: 1,
    width: v.width,
    depth: 2,
    lr: 3e-3,
    batch: 512,
    data: 0,
    seed: v.seed,
    mixture: v.mix.map((c) => ({ ...c })),
  };
}

/** What the page's network predicts, in words: flow matching trains a velocity model, the others an ε-model. */
export function modelName(sde: unknown): string {
  return sde === 'fm' ? 'velocity model' : 'ε-model';
}

export function processLabel(spec: ProcessSpec): string {
  if (spec.sde === 'fm') return FLOW_LABEL;
  if (spec.sde === 'vp') return 'VP SDE';
  if (spec.sde === 've') return 'VE SDE';
  return `DDPM ${SCHEDULE_INFO[spec.schedule].label} (${SCHEDULE_INFO[spec.schedule].family.toUpperCase()}), T = ${spec.T}`;
}

/** The sampler's name; for flow matching (`sde` = fm) the ODE is the flow's own, not a probability-flow ODE. */
export function samplerLabel(s: SamplerSpec, sde?: SdeName): string {
  if (sde === 'fm' && s.kind === 'ode') return `Flow ODE, ${s.solver === 'euler' ? 'Euler' : 'Heun'}`;
  switch (s.kind) {
    case 'ancestral':
      return `Ancestral, ${s.variance === 'beta' ? 'σ² = β' : 'posterior variance'}`;
    case 'sde':
      return 'Reverse SDE, Euler–Maruyama';
    case 'ode':
      return `Probability-flow ODE, ${s.solver === 'euler' ? 'Euler' : 'Heun'}`;
    case 'pc':
      return `Predictor–corrector, ${s.correctorSteps ?? 1} × Langevin, r = ${s.snr ?? DEFAULT_SNR}`;
  }
}

export interface MarginalMapData {
  xs: Float64Array;
  ys: Float64Array;
  values: Float64Array;
  max: number;
  range: [number, number];
}

/**
 * The exact p_t(x) on a (t, x) grid: column j at t = (j + ½)/columns, row i at x. The colour scale tops out at
 * the 99th percentile of the values, so the near-delta marginals at t ≈ 0 of a narrow component do not wash out
 * everything else.
 */
export function marginalMap(mixture: Mixture, spec: ProcessSpec): MarginalMapData {
  const process = buildProcess(spec);
  const range = xRange(mixture);
  const xs = Float64Array.from({ length: MAP_COLUMNS }, (_, j) => (j + 0.5) / MAP_COLUMNS);
  const ys = Float64Array.from(
    { length: MAP_ROWS },
    (_, i) => range[0] + ((i + 0.5) * (range[1] - range[0])) / MAP_ROWS,
  );
  const values = new Float64Array(MAP_COLUMNS * MAP_ROWS);
  for (let j = 0; j < MAP_COLUMNS; j++) {
    const m = processMarginal(mixture, process, xs[j]);
    for (let i = 0; i < MAP_ROWS; i++) values[j * MAP_ROWS + i] = mixturePdf(m, ys[i]);
  }
  const sorted = Float64Array.from(values).sort();
  const max = sorted[Math.floor(0.99 * (sorted.length - 1))] || 1;
  return { xs, ys, values, max, range };
}
