/**
 * The state every reverse-time run shares, whoever answers its score: n particles drawn from the prior
 * N(0, priorStd²) at t = 1, the process's time grid, the chosen sampler's update rule (steps.ts), and a few
 * tracked particles' recorded paths. `program(count)` takes up to `count` steps as a generator of score requests;
 * DiffusionRun (run.ts) answers them synchronously, AsyncDiffusionRun (asyncRun.ts) by awaiting a network. A run
 * can stop after any step, which is what playback needs.
 *
 * Determinism: the initial draws and the step noise come from two streams forked from one seed (the same
 * scheme as the Langevin runs), so the same options give the same particles however the steps are batched,
 * and two samplers with the same seed start from the same noise.
 */
import { runSeeds } from '../sampling/seeds';
import { NormalStream } from '../sampling/normalStream';
import type { DiffusionProcess } from './process';
import { startPositions, TrackedRun, type Trajectories, type TrackOptions } from './trackedRun';
import {
  ancestralStep,
  eulerMaruyamaStep,
  langevinCorrector,
  odeStep,
  type AncestralVariance,
  type OdeSolver,
  type StepBuffers,
  type StepProgram,
} from './steps';

export type SamplerSpec =
  | { kind: 'ancestral'; variance?: AncestralVariance }
  | { kind: 'sde' }
  | { kind: 'ode'; solver?: OdeSolver }
  | {
      kind: 'pc';
      /**
       * Predictor: DDPM's ancestral step with the posterior variance β̃ (value 'ancestral'), or Euler–Maruyama
       * on the reverse SDE. Default 'ancestral'. Neither is what Song et al. 2021 call "reverse diffusion": that
       * predictor adds the forward step's own variance, σ_i² − σ_{i−1}² (VE) or β_i (VP), not β̃.
       */
      predictor?: 'ancestral' | 'sde';
      /** Langevin corrector steps per predictor step. Default 1. */
      correctorSteps?: number;
      /** Target signal-to-noise ratio r. Default 0.16 (Song et al.'s value). */
      snr?: number;
    };

export type SamplerKind = SamplerSpec['kind'];

export const DEFAULT_SNR = 0.16;

/** A run's options, apart from its score (where it starts and what it records: trackedRun.ts). */
export interface ReverseRunOptions extends TrackOptions {
  process: DiffusionProcess;
  sampler: SamplerSpec;
  /** Sampling steps (for a discrete schedule at most its T; fewer skips steps). */
  steps: number;
  seed: number;
}

export type { Trajectories };

/** The time grid, decreasing: times[0] = 1, times[steps] = the end time. */
export class ReverseRun extends TrackedRun {
  readonly sampler: SamplerSpec;
  protected readonly buffers: StepBuffers;

  constructor(options: ReverseRunOptions) {
    const seeds = runSeeds(options.seed);
    super(
      options.process.grid(options.steps),
      startPositions(options, options.process.priorStd, seeds.init),
      options,
    );
    this.sampler = options.sampler;
    const n = this.x.length;
    this.buffers = {
      process: options.process,
      x: this.x,
      grad: new Float64Array(n),
      guess: new Float64Array(n),
      velocity: new Float64Array(n),
      noise: new Float64Array(n),
      stream: new NormalStream(seeds.noiseSeed),
    };
  }

  get process(): DiffusionProcess {
    return this.buffers.process;
  }

  /** Up to `count` steps as one program: its yields are the score requests, answered into buffers.grad. */
  protected *program(count: number): StepProgram {
    for (let c = 0; c < count && !this.done; c++) {
      const t = this.times[this.stepIndex];
      const tNext = this.times[this.stepIndex + 1];
      const last = this.stepIndex === this.totalSteps - 1;
      yield* samplerStep(this.buffers, this.sampler, t, tNext, last);
      this.finishStep();
    }
  }
}

/** One step of the chosen sampler from t down to t' (`last`: the run's final step, which adds no noise). */
function* samplerStep(
  b: StepBuffers,
  spec: SamplerSpec,
  t: number,
  tNext: number,
  last: boolean,
): StepProgram {
  switch (spec.kind) {
    case 'ancestral':
      return yield* ancestralStep(b, t, tNext, spec.variance ?? 'betaTilde', last);
    case 'sde':
      return yield* eulerMaruyamaStep(b, t, tNext, last);
    case 'ode':
      return yield* odeStep(b, t, tNext, spec.solver ?? 'heun');
    case 'pc': {
      // Song et al. 2021, Algorithms 2–3: for i = N − 1 … 0, one predictor step from level i + 1 down to
      // level i, then M Langevin corrector steps at the new level i. Here level i + 1 is t, level i is t'.
      if ((spec.predictor ?? 'ancestral') === 'ancestral')
        yield* ancestralStep(b, t, tNext, 'betaTilde', last);
      else yield* eulerMaruyamaStep(b, t, tNext, last);
      if (correctsAt(b.process, tNext)) {
        const alpha = correctorAlpha(b.process, t, tNext);
        yield* langevinCorrector(b, tNext, alpha, spec.correctorSteps ?? 1, spec.snr ?? DEFAULT_SNR);
      }
      return;
    }
  }
}

/**
 * Whether the corrector runs at t': wherever p_t' is a noisy marginal (s(t') > 0). That includes the end time
 * ε > 0 of the continuous VP and VE processes, as in Song et al.'s algorithms, whose last corrector runs at the
 * smallest level; its Langevin noise is then the last noise the run adds. A discrete schedule ends at t' = 0,
 * the data itself, where an ε-model is never trained (its score would be ε/0), so its final step stays the
 * predictor's noise-free one.
 */
export function correctsAt(process: DiffusionProcess, tNext: number): boolean {
  return process.s(tNext) > 0;
}

/**
 * The α of Song et al.'s VP corrector (Algorithm 5: ε = 2 α_i (r ‖z‖/‖s‖)², α_i = 1 − β_i) at the level t' it
 * runs on: the signal variance kept by the forward step of this run's width h = t − t' that ends at t',
 * a(t')²/a(t' − h)² (t' − h clamped at 0). On a full discrete grid that is α_i = 1 − β_i exactly; for VE it is 1.
 */
export function correctorAlpha(process: DiffusionProcess, t: number, tNext: number): number {
  const { alpha } = process.transition(tNext, Math.max(0, tNext - (t - tNext)));
  return alpha * alpha;
}
