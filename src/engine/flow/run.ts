/**
 * A flow-matching run: n particles drawn from N(0, 1) at t = 1 and carried to t = 0 along the velocity field,
 * on the uniform grid of ode.ts, with a few tracked paths recorded for plotting. It offers what the diffusion
 * page's job runner needs (engine/diffusion/job.ts), like DiffusionRun.
 *
 * The starting draws come from the same seeded stream as DiffusionRun's prior draws (sampling/seeds.ts), so a
 * flow run and a VP run with the same seed and n start from the very same noise: the path figure compares the
 * two transports particle by particle.
 */
import { runSeeds } from '../sampling/seeds';
import { startPositions, TrackedRun, type TrackOptions } from '../diffusion/trackedRun';
import * as ode from './ode';
import type { Velocity } from './velocity';

export interface FlowRunOptions extends TrackOptions {
  solver: ode.FlowSolver;
  steps: number;
  seed: number;
}

/** The state shared by the synchronous and the asynchronous run; tracks and counts as every run does. */
class FlowRunBase extends TrackedRun {
  readonly solver: ode.FlowSolver;
  protected readonly buffers: ode.FlowBuffers;

  constructor(options: FlowRunOptions) {
    // The prior N(0, 1), drawn from the same stream as a diffusion run's prior.
    super(ode.flowGrid(options.steps), startPositions(options, 1, runSeeds(options.seed).init), options);
    this.solver = options.solver;
    this.buffers = ode.flowBuffers(this.x);
  }

  protected nextStep() {
    return ode.flowStep(
      this.buffers,
      this.times[this.stepIndex],
      this.times[this.stepIndex + 1],
      this.solver,
    );
  }
}

/** A run on a synchronous field (the exact velocity). */
export class FlowRun extends FlowRunBase {
  constructor(
    options: FlowRunOptions,
    private readonly field: Velocity,
  ) {
    super(options);
  }

  /** Takes up to `count` steps; returns whether the run is done. */
  step(count = 1): boolean {
    for (let c = 0; c < count && !this.done; c++) {
      this.evaluations += ode.driveSync(this.nextStep(), this.field);
      this.finishStep();
    }
    return this.done;
  }

  run(): Float64Array {
    this.step(this.totalSteps);
    return this.particles;
  }
}

/** A run on an asynchronous field (a velocity network in a worker). */
export class AsyncFlowRun extends FlowRunBase {
  constructor(
    options: FlowRunOptions,
    private readonly field: ode.AsyncVelocity,
  ) {
    super(options);
  }

  async step(count = 1): Promise<boolean> {
    for (let c = 0; c < count && !this.done; c++) {
      this.evaluations += await ode.driveAsync(this.nextStep(), this.field);
      this.finishStep();
    }
    return this.done;
  }
}

/** Convenience: a finished run's samples on a synchronous field. */
export function sampleFlow(options: FlowRunOptions, field: Velocity): Float64Array {
  return new FlowRun(options, field).run();
}
