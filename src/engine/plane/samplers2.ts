/**
 * The sampling2d page's samplers, on the exact score of a 2D mixture (or any score given as pairs).
 *
 * Each run is one of the line's runners fed a cloud stored interleaved (pairScore.ts says why that is exact):
 * - langevin:  SamplerRun, one level of `steps` steps of size ε on ∇log p (SCIENCE.md §4);
 * - annealed:  SamplerRun over annealedLevels(ε, geometric σ from smax to smin, T steps each) — NCSN Algorithm 1;
 * - ddpm:      DiffusionRun, ancestral steps (posterior variance β̃) on DDPM's linear schedule with T = 1000,
 *              `steps` of them kept evenly (all 1000 when steps ≥ 1000);
 * - sde:       DiffusionRun, Euler–Maruyama on the reverse VP SDE (β from 0.1 to 20, end time 10⁻³);
 * - ode:       DiffusionRun, Heun on the probability-flow ODE of the same VP SDE;
 * - pc:        DiffusionRun, ancestral predictor + one Langevin corrector step per level at SNR 0.16
 *              (Song et al. 2021, Algorithms 2–3, as the line's diffusion engine does);
 * - fm:        FlowRun, Heun on the exact marginal velocity of the straight path (SCIENCE.md §10–§11).
 *
 * The corrector's step ε = 2α (r ‖z‖/‖s‖)² is computed by the line's rule on the 2n coordinates, i.e. with the mean
 * absolute coordinate of z and of s where Song et al.'s code takes each particle's Euclidean norm. For z ~ N(0, I₂)
 * E(|z₁| + |z₂|) / E‖z‖ = 4/π, and the same factor 4/π holds for a score whose directions are spread evenly round
 * the circle, so the two ratios then agree; for a cloud whose scores all point one way they differ by at most
 * √2 / (4/π) ≈ 1.11 in the ratio (the step is a valid Langevin step either way; r only sets its size).
 *
 * Langevin and annealed start from `init` applied to each coordinate (uniform:a:b is the square [a, b]²,
 * normal:m:s is N((m, m), s² I), point:x0 is (x0, x0)); the diffusion and flow samplers start from their prior,
 * N(0, I) for VP and the straight path. Determinism: the line's runners fork their two streams from one seed.
 */
import { DiffusionRun, type SamplerSpec } from '../diffusion';
import { FlowRun } from '../flow';
import {
  annealedLevels,
  drawInitialParticles,
  geometricSigmas,
  runSeeds,
  SamplerRun,
  type InitSpec,
  type SamplerLevel,
} from '../sampling';
import { batchedPlaneScore, type PairBatchScore } from './batchedScore2';
import {
  DDPM_T,
  learnedDiffusionRefusal,
  learnedTimeScore,
  planeDiffusionProcess,
  type PlaneDiffusionSampler,
} from './learnedPlan2';
import type { Mixture2 } from './mixture2';
import { planeLangevinScore, planeProcessScore, planeVelocity } from './pairScore';
import type { PlaneParam } from './planeModel';

export const PLANE_SAMPLERS = ['langevin', 'annealed', 'ddpm', 'sde', 'ode', 'pc', 'fm'] as const;
export type PlaneSampler = (typeof PLANE_SAMPLERS)[number];

export { DDPM_T };

/**
 * A trained plane network to sample with in place of the exact score: its parameters (learnedScore2.ts), the σ
 * range it was trained on (plain Langevin evaluates it at sigmaMin; the diffusion samplers need their σ̃ range
 * inside [sigmaMin, sigmaMax], learnedPlan2.ts), and which snapshot it is (planeModel.ts), for the read-outs.
 */
export interface PlaneLearnedModel {
  params: PlaneParam[];
  sigmaMin: number;
  sigmaMax: number;
  step: number;
  version: number;
}

export interface PlaneRunConfig {
  sampler: PlaneSampler;
  mixture: Mixture2;
  n: number;
  /** Langevin's step ε; annealed: the last level's step (α_i = ε σ_i²/σ_L²). */
  eps: number;
  /** Langevin's steps; the diffusion and flow samplers' number of steps. */
  steps: number;
  /** Annealed: steps per level. */
  T: number;
  smin: number;
  smax: number;
  levels: number;
  init: InitSpec;
  seed: number;
  /** Particles whose paths are recorded (default 12). */
  tracks?: number;
  /** Sample with this network's score instead of the exact one (where its σ range covers the run's). */
  learned?: PlaneLearnedModel;
}

/** Where the run is: its time t (diffusion and flow) or its noise level σ (annealed), for the read-outs. */
export interface PlaneStage {
  step: number;
  totalSteps: number;
  done: boolean;
  t: number | null;
  sigma: number | null;
  level: number | null;
  /** Why the run stopped early (a diverged Langevin step), or null. */
  stopped: string | null;
}

/** The part of a runner the plane run needs: steps, positions (2n interleaved) and where it stands. */
interface Inner {
  step(count: number): void;
  readonly positions: ArrayLike<number>;
  stage(): PlaneStage;
}

/**
 * The network's score for a learned run: the one the caller built (the worker's tensor forward) or the JavaScript
 * forward. Either is asked at learned.sigmaMin when no σ is given (plain Langevin).
 */
function learnedPairScore(learned: PlaneLearnedModel, built: PairBatchScore | undefined): PairBatchScore {
  return built ?? batchedPlaneScore(learned.params, learned.sigmaMin);
}

function langevinInner(
  config: PlaneRunConfig,
  levels: SamplerLevel[],
  annealed: boolean,
  learnedScore: PairBatchScore | undefined,
): Inner {
  const seeds = runSeeds(config.seed);
  const run = new SamplerRun({
    particles: drawInitialParticles(config.init, 2 * config.n, seeds.init),
    score: config.learned
      ? learnedPairScore(config.learned, learnedScore)
      : planeLangevinScore(config.mixture),
    levels,
    noiseSeed: seeds.noiseSeed,
    annealed,
  });
  return {
    step: (count) => void run.step(count),
    get positions() {
      return run.particles;
    },
    stage() {
      const s = run.state();
      return {
        step: s.step,
        totalSteps: s.totalSteps,
        done: s.done,
        t: null,
        sigma: annealed ? (s.sigma ?? null) : null,
        level: annealed ? s.level : null,
        stopped: s.divergence?.reason ?? null,
      };
    },
  };
}

function diffusionInner(
  config: PlaneRunConfig & { sampler: PlaneDiffusionSampler },
  learnedScore: PairBatchScore | undefined,
): Inner {
  const { learned } = config;
  const { process, sigma0 } = planeDiffusionProcess(config.sampler, !!learned, config.smin, config.smax);
  const spec: SamplerSpec =
    config.sampler === 'sde'
      ? { kind: 'sde' }
      : config.sampler === 'ode'
        ? { kind: 'ode', solver: 'heun' }
        : config.sampler === 'pc'
          ? { kind: 'pc' }
          : { kind: 'ancestral', variance: 'betaTilde' };
  const run = new DiffusionRun({
    process,
    sampler: spec,
    steps: config.steps,
    n: 2 * config.n,
    seed: config.seed,
    tracks: 0,
    score: learned
      ? learnedTimeScore(learnedPairScore(learned, learnedScore), process, sigma0)
      : planeProcessScore(config.mixture, process),
  });
  return timeGridInner(run);
}

/** A run on a time grid from t = 1 down (DiffusionRun, FlowRun): it reports its time; it never stops early. */
function timeGridInner(run: {
  step(count: number): unknown;
  readonly particles: Float64Array;
  readonly stepIndex: number;
  readonly totalSteps: number;
  readonly done: boolean;
  readonly time: number;
}): Inner {
  return {
    step: (count) => void run.step(count),
    positions: run.particles,
    stage: () => ({
      step: run.stepIndex,
      totalSteps: run.totalSteps,
      done: run.done,
      t: run.time,
      sigma: null,
      level: null,
      stopped: null,
    }),
  };
}

function flowInner(config: PlaneRunConfig): Inner {
  const run = new FlowRun(
    { solver: 'heun', steps: config.steps, n: 2 * config.n, seed: config.seed, tracks: 0 },
    planeVelocity(config.mixture),
  );
  return timeGridInner(run);
}

function innerRun(config: PlaneRunConfig, learnedScore: PairBatchScore | undefined): Inner {
  const refusal = config.learned ? learnedDiffusionRefusal(config, config.learned) : null;
  if (refusal) throw new Error(refusal);
  switch (config.sampler) {
    case 'langevin':
      return langevinInner(config, [{ stepSize: config.eps, steps: config.steps }], false, learnedScore);
    case 'annealed': {
      const sigmas = geometricSigmas(config.smax, Math.min(config.smin, config.smax), config.levels);
      return langevinInner(config, annealedLevels(config.eps, sigmas, config.T), true, learnedScore);
    }
    case 'fm':
      return flowInner(config);
    default:
      return diffusionInner({ ...config, sampler: config.sampler }, learnedScore);
  }
}

/** Recorded paths: `tracks` particles, positions after every `every`-th step, flattened [x, y] per record. */
export interface PlaneTracks {
  tracks: number;
  /** paths[j] = [x₀, y₀, x₁, y₁, …] of track j. */
  paths: number[][];
}

/** A run on the exact field, stepped by the page's worker (or by tests) a few steps at a time. */
export class PlaneRun {
  private readonly inner: Inner;
  private readonly trackIndices: number[];
  private readonly paths: number[][];
  private readonly every: number;

  /**
   * `options.learnedScore`: the network of `config.learned` as a pair score the caller built (the worker's tensor
   * forward, asked at config.learned.sigmaMin when no σ is given); without it a learned run uses the JavaScript
   * forward (batchedScore2.ts). Ignored on the exact score.
   */
  constructor(
    readonly config: PlaneRunConfig,
    options: { learnedScore?: PairBatchScore } = {},
  ) {
    this.inner = innerRun(config, options.learnedScore);
    const count = Math.min(config.n, Math.max(0, Math.floor(config.tracks ?? 12)));
    this.trackIndices = Array.from({ length: count }, (_, j) => Math.floor(((j + 0.5) * config.n) / count));
    this.paths = this.trackIndices.map(() => []);
    // At most ~400 records per path, whatever the number of steps.
    this.every = Math.max(1, Math.ceil(this.inner.stage().totalSteps / 400));
    this.record();
  }

  /** Interleaved positions [x₀, y₀, …] (a live view: copy before keeping it). */
  get positions(): ArrayLike<number> {
    return this.inner.positions;
  }

  stage(): PlaneStage {
    return this.inner.stage();
  }

  get done(): boolean {
    return this.inner.stage().done;
  }

  /** Takes up to `count` steps, recording the tracked paths along the way. */
  step(count = 1): void {
    for (let c = 0; c < count && !this.done; c++) {
      this.inner.step(1);
      const { step, done } = this.inner.stage();
      if (step % this.every === 0 || done) this.record();
    }
  }

  tracks(): PlaneTracks {
    return { tracks: this.paths.length, paths: this.paths.map((p) => p.slice()) };
  }

  private record(): void {
    const x = this.inner.positions;
    this.trackIndices.forEach((i, j) => this.paths[j].push(x[2 * i], x[2 * i + 1]));
  }
}
