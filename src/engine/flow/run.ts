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
import type { Trajectories } from '../diffusion/run';
import {
  driveAsync,
  driveSync,
  flowBuffers,
  flowGrid,
  flowStep,
  type AsyncVelocity,
  type FlowBuffers,
  type FlowSolver,
} from './ode';
import type { Velocity } from './velocity';

export interface FlowRunOptions {
  solver: FlowSolver;
  steps: number;
  n: number;
  seed: number;
  /** Initial positions at t = 1 (copied); default n draws from N(0, 1). */
  start?: ArrayLike<number>;
  /** Particles whose paths are recorded. Default 32. */
  tracks?: number;
  /** Records kept along the way (the initial and final states always are). Default 500. */
  maxRecords?: number;
}

/** The state and bookkeeping shared by the synchronous and the asynchronous run. */
class FlowRunBase {
  readonly times: Float64Array;
  readonly solver: FlowSolver;
  stepIndex = 0;
  protected readonly buffers: FlowBuffers;
  protected evaluations = 0;
  private readonly trackIndices: Int32Array;
  private readonly recordEvery: number;
  private readonly recordTimes: number[] = [];
  private readonly records: number[] = [];

  constructor(options: FlowRunOptions) {
    const n = Math.max(1, Math.floor(options.n));
    this.times = flowGrid(options.steps);
    this.solver = options.solver;
    const x = new Float64Array(n);
    if (options.start) {
      for (let i = 0; i < n; i++) x[i] = options.start[i % options.start.length];
    } else {
      const init = runSeeds(options.seed).init;
      for (let i = 0; i < n; i++) x[i] = init.normal();
    }
    this.buffers = flowBuffers(x);
    const count = Math.min(n, Math.max(0, Math.floor(options.tracks ?? 32)));
    // Evenly spread indices, as DiffusionRun picks them, so equal n and seed track the same particles.
    this.trackIndices = Int32Array.from({ length: count }, (_, j) => Math.floor(((j + 0.5) * n) / count));
    this.recordEvery = Math.max(1, Math.ceil(this.totalSteps / Math.max(1, options.maxRecords ?? 500)));
    this.record();
  }

  get particles(): Float64Array {
    return this.buffers.x;
  }
  get totalSteps(): number {
    return this.times.length - 1;
  }
  get done(): boolean {
    return this.stepIndex >= this.totalSteps;
  }
  get time(): number {
    return this.times[this.stepIndex];
  }
  /** Batch velocity evaluations so far (the cost of the run in network calls). */
  get scoreEvaluations(): number {
    return this.evaluations;
  }

  trajectories(): Trajectories {
    return {
      times: [...this.recordTimes],
      indices: Array.from(this.trackIndices),
      positions: Float32Array.from(this.records),
      tracks: this.trackIndices.length,
    };
  }

  protected nextStep() {
    return flowStep(this.buffers, this.times[this.stepIndex], this.times[this.stepIndex + 1], this.solver);
  }

  protected finishStep(): void {
    this.stepIndex++;
    if (this.stepIndex % this.recordEvery === 0 || this.done) this.record();
  }

  private record(): void {
    this.recordTimes.push(this.time);
    for (const i of this.trackIndices) this.records.push(this.buffers.x[i]);
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
      this.evaluations += driveSync(this.nextStep(), this.field);
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
    private readonly field: AsyncVelocity,
  ) {
    super(options);
  }

  async step(count = 1): Promise<boolean> {
    for (let c = 0; c < count && !this.done; c++) {
      this.evaluations += await driveAsync(this.nextStep(), this.field);
      this.finishStep();
    }
    return this.done;
  }
}

/** Convenience: a finished run's samples on a synchronous field. */
export function sampleFlow(options: FlowRunOptions, field: Velocity): Float64Array {
  return new FlowRun(options, field).run();
}
