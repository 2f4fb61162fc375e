/**
 * A reverse-time run on a synchronous score (the exact score, or any TimeScore): the shared run of
 * reverseRun.ts, its score requests answered in place, step by step (for animation) or all at once.
 */
import type { TimeScore } from './score';
import { ReverseRun, type ReverseRunOptions } from './reverseRun';

export {
  DEFAULT_SNR,
  correctorAlpha,
  correctsAt,
  type ReverseRunOptions,
  type SamplerKind,
  type SamplerSpec,
  type Trajectories,
} from './reverseRun';

export interface DiffusionRunOptions extends ReverseRunOptions {
  score: TimeScore;
}

export class DiffusionRun extends ReverseRun {
  private readonly score: TimeScore;

  constructor(options: DiffusionRunOptions) {
    super(options);
    this.score = options.score;
  }

  /** Takes up to `count` steps; returns whether the run is done. */
  step(count = 1): boolean {
    const program = this.program(count);
    const grad = this.buffers.grad;
    for (let request = program.next(); !request.done; request = program.next()) {
      this.score(request.value.xs, request.value.t, grad);
      this.evaluations++;
    }
    return this.done;
  }

  /** Runs to the end and returns the samples. */
  run(): Float64Array {
    this.step(this.totalSteps);
    return this.particles;
  }
}

/** Convenience: a finished run's samples. */
export function sampleDiffusion(options: DiffusionRunOptions): Float64Array {
  return new DiffusionRun(options).run();
}
