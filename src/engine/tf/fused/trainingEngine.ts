/**
 * The fused WebGPU training step as a Trainer's step engine (trainer.ts): the run's weights, their average and
 * its step count move into a fused plan (engine/gpu/training.ts) when it starts; every chunk of steps then runs
 * there, and its end copies the weights and their average back into the trainer's ScoreNets, so everything that
 * reads the network (evaluations, scores, saving, snapshots, the held-out loss) sees the fused run's state.
 *
 * Batches: fed from the trainer's own seeded source (training/batches.ts), a chunk at a time, so that a seed gives
 * the same batches and noise on every backend and a fused run differs from the ops path's only by rounding (the
 * property batches.ts promises and the train page's backend test checks). The plan can also draw its batches on
 * the GPU with Philox (engine/gpu/trainingBench.ts does, for hardware benchmarks), but those are other draws.
 * Adam's moments start afresh when the fused run starts, as when a run is carried on under a new config.
 */
import { isFusedObjective, packBatches, type FusedObjective } from '../../gpu/training';
import { flattenParams } from '../../gpu/network';
import { trainingSigmas } from '../../training/config';
import { tf } from '../core';
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, type StepEngine, type Trainer } from '../trainer';
import { fusedContext } from './context';
import { FusedTraining } from './training';

/** The loss ring: the longest chunk the session asks for (sessionLoop.ts's MAX_CHUNK_STEPS). */
const LOSS_SLOTS = 4096;
/** Batches fed per upload (a chunk longer than this is split). */
const FED_STEPS = 64;

/** Whether the fused kernels train this objective (ISM needs a second-order backward pass: it stays on ops). */
export function fusedTrains(objective: string): objective is FusedObjective {
  return isFusedObjective(objective);
}

class FusedStepEngine implements StepEngine {
  constructor(
    private readonly trainer: Trainer,
    private readonly run: FusedTraining,
  ) {}

  /**
   * n steps: fed and queued FED_STEPS at a time (a buffer write is ordered after the submits before it on the
   * queue, so the slices are refilled only once the steps that read them are done), then one read of the losses.
   */
  async train(n: number): Promise<Float32Array> {
    if (n > LOSS_SLOTS) {
      const first = await this.train(LOSS_SLOTS);
      const rest = await this.train(n - LOSS_SLOTS);
      const all = new Float32Array(n);
      all.set(first);
      all.set(rest, LOSS_SLOTS);
      return all;
    }
    for (let done = 0; done < n;) {
      const k = Math.min(FED_STEPS, n - done);
      this.run.feed(packBatches(Array.from({ length: k }, () => this.trainer.nextBatch())));
      this.run.queue(k);
      done += k;
    }
    const losses = await this.run.lastLosses(n);
    await this.copyBack();
    return losses;
  }

  /** The fused weights and their average into the trainer's ScoreNets (same layout, array by array). */
  private async copyBack(): Promise<void> {
    const { params, average } = await this.run.readParams();
    tf.tidy(() => {
      this.trainer.net.variables.forEach((v, i) => v.assign(tf.tensor(params[i], v.shape, 'float32')));
      this.trainer.model.variables.forEach((v, i) => v.assign(tf.tensor(average[i], v.shape, 'float32')));
    });
  }

  dataChanged(): void {
    // Nothing to do: the trainer's batch source, which feeds the plan, already draws from the new set.
  }

  dispose(): void {
    this.run.dispose();
  }
}

/**
 * A step engine for `trainer` on the fused kernels, starting from its current weights, average and step; throws
 * (for the caller to stay on the ops path) when the objective is not fused or the kernels do not build.
 */
export async function fusedStepEngine(trainer: Trainer, allowSoftware: boolean): Promise<StepEngine> {
  const c = trainer.config;
  if (!fusedTrains(c.objective)) throw new Error(`the fused kernels do not train ${c.objective}`);
  const context = await fusedContext({ allowSoftware });
  const [params, average] = await Promise.all([trainer.net.readParams(), trainer.model.readParams()]);
  const run = await FusedTraining.create(context.device, {
    width: c.width,
    depth: c.depth,
    objective: c.objective,
    batch: c.batch,
    lr: c.lr,
    seed: c.seed,
    sigmas: trainingSigmas(c),
    mixture: c.mixture,
    dataset: trainer.dataset,
    params: flattenParams(c, params),
    average: flattenParams(c, average),
    step: trainer.step,
    fedSteps: FED_STEPS,
    lossSlots: LOSS_SLOTS,
    beta1: ADAM_BETA1,
    beta2: ADAM_BETA2,
    epsilon: ADAM_EPSILON,
  });
  return new FusedStepEngine(trainer, run);
}
