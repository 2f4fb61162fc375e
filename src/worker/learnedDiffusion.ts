/**
 * The sampler worker's learned diffusion jobs (sampleDiffusion) and which engine runs them:
 *  - on WebGPU (any adapter, when webgpu was asked for or chosen) the fused WGSL kernels for the jobs they support
 *    (engine/tf/fused/diffusionJobs.ts): one dispatch per chunk of steps, the ε-model and the noise in-kernel;
 *  - otherwise, or after the fused kernels failed in this worker, the tensor ops (learnedJob.ts): one network call
 *    per score evaluation, the particles in the worker's memory.
 * A fused failure (no device, a refused plan, a lost device mid-run) reruns the job on the tensor ops from step 0;
 * the engine event names the failure, and later jobs go straight to the ops.
 */
import type { BackendChoice } from '../engine/tf/backend';
import type { DiffusionJob, JobHooks, JobResult } from '../engine/diffusion/job';
import { learnedJobProblem, runLearnedJob, type EpsModel } from '../engine/tf/eps/learnedJob';
import type { LoadedModel } from '../engine/tf/modelFile';
import { fusedDiffusionSupports } from '../engine/gpu/diffusionSupport';
import { fusedContext } from '../engine/tf/fused/context';
import { FusedDiffusionRun, runFusedDiffusionJob } from '../engine/tf/fused/diffusionRun';
import { vpProcess } from '../engine/diffusion/process';
import type { LearnedStepsOptions } from '../engine/flow/learnedSteps';
import type { EngineEvent } from './samplerProtocol';
import { engineEvent, noticeFusedFailure, withFusedFailure } from './samplerEngine';

export const FUSED_DIFFUSION_REASON =
  'learned ε-model: the diffusion sampler runs fused, the network evaluated inside one GPU kernel per chunk of steps, with particles and noise kept on the GPU';

function opsReason(backend: string): string {
  return `learned ε-model: the network as tensor ops on ${backend}, one call per score evaluation, with the particles in the worker's memory`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a learned job needs from the worker: the backend in use, the model's numbers and its tensor twin. */
export interface LearnedJobContext {
  choice: BackendChoice;
  /** The loaded model (null: none loaded yet, which the job reports). */
  model: LoadedModel | null;
  eps: () => EpsModel;
  host: { post(event: EngineEvent): void };
}

export class LearnedDiffusion {
  /** Why the fused diffusion kernels failed in this worker, once they have. */
  private failure: string | null = null;

  /** Whether this job goes to the fused kernels on this backend. */
  fuses(
    choice: BackendChoice,
    job: Pick<DiffusionJob, 'process' | 'sampler'>,
    network?: { width: number; depth: number },
  ): boolean {
    return choice.name === 'webgpu' && this.failure === null && fusedDiffusionSupports(job, network);
  }

  /** Runs `job` on the fused kernels where they apply, else (or after they fail) on the tensor ops. */
  async run(ctx: LearnedJobContext, job: DiffusionJob, hooks: JobHooks): Promise<JobResult | null> {
    const { choice, model } = ctx;
    if (!model) throw new Error('There is no trained model in the sampler: load one first.');
    const problem = learnedJobProblem(model, job);
    if (problem) throw new Error(problem);
    if (this.fuses(choice, job, model.config)) {
      try {
        ctx.host.post(engineEvent('fused', FUSED_DIFFUSION_REASON, choice));
        return await this.fused(model, job, hooks);
      } catch (error) {
        this.failure = message(error);
      }
    }
    const reason = opsReason(choice.name);
    const said = choice.name === 'webgpu' ? withFusedFailure(reason, choice.name, this.failure) : reason;
    ctx.host.post(noticeFusedFailure(engineEvent('tensor', said, choice), this.failure));
    return runLearnedJob(ctx.eps(), job, hooks);
  }

  /**
   * The learned W1-against-steps curves' VP probability-flow ODE on the fused kernels, where they apply (WebGPU, a
   * VP ε-model, no fused failure yet); `fail` records a failure, after which the ops draw the curves.
   */
  vpFused(
    choice: BackendChoice,
    model: LoadedModel | null,
  ): { vpRun: NonNullable<LearnedStepsOptions['vpRun']>; fail: (error: unknown) => void } | undefined {
    if (choice.name !== 'webgpu' || this.failure !== null || !model) return undefined;
    const { width, depth } = model.config;
    const net = { width, depth, params: model.params };
    const vpRun = async (solver: 'euler' | 'heun', steps: number, start: Float64Array) => {
      const { device } = await fusedContext({ allowSoftware: true });
      const run = await FusedDiffusionRun.create(device, {
        process: vpProcess(),
        sampler: { kind: 'ode', solver },
        steps,
        n: start.length,
        // The ODE adds no noise: the seed only names the (unused) Philox stream.
        seed: 0,
        start,
        tracks: 0,
        maxRecords: 1,
        net,
        mixture: model.config.mixture,
      });
      try {
        // A particle that blows up stops the run where it is, as the curve's W1 then shows.
        while (!(await run.step(steps)) && !run.failure);
        return run.particles;
      } finally {
        run.dispose();
      }
    };
    return { vpRun, fail: (error) => (this.failure = message(error)) };
  }

  /** The fused run, on TF.js's WebGPU device when it has one (else a device of its own). */
  private async fused(model: LoadedModel, job: DiffusionJob, hooks: JobHooks): Promise<JobResult | null> {
    const { device } = await fusedContext({ allowSoftware: true });
    const { width, depth } = model.config;
    return runFusedDiffusionJob(device, job, { width, depth, params: model.params }, hooks);
  }
}
