/**
 * A complete, self-contained fused training plan for benchmarks on any WebGPU implementation (the browser's, or
 * wgpu on a machine with a GPU and no browser): the train page's problem (its default mixture and noise levels)
 * at a given network shape, batches drawn on the GPU, deterministic initial contents from the seed. One run of
 * the sequence `step` is one training step; `checkTraining` says whether the losses a run left behind are sane.
 */
import { DEFAULT_MIXTURE } from '../mixture';
import { logspace } from '../grid';
import { createRng } from '../rng';
import { fanIn, paramOffsets, type NetworkShape } from './network';
import type { GpuPlan } from './plan';
import { buildTrainingPlan, type FusedObjective } from './training';

export interface TrainingBenchOptions extends NetworkShape {
  batch: number;
  /** ncsn (default), dsm or esm: the objectives whose batches the GPU draws itself. */
  objective?: Exclude<FusedObjective, 'eps'>;
  seed?: number;
  /** Slots of the loss ring (`losses`): a run of up to this many steps keeps every loss. */
  lossSlots?: number;
}

export interface TrainingBench {
  plan: GpuPlan;
  sequence: 'step';
  /** Training steps per run of the sequence. */
  unitsPerRun: number;
  unit: 'training steps';
  /** The buffer holding the loss of local step s at index s mod lossSlots (float32). */
  lossBuffer: 'losses';
  lossSlots: number;
  /** Reads the losses and the step count after the runs; a one-line verdict, or throws when training failed. */
  check: (read: (name: string) => Promise<ArrayBuffer>) => Promise<string>;
}

/** The train page's defaults (store/schemas.ts): σ from 5 down to 0.05 over 10 levels, learning rate 3e-3. */
const PAGE = { smin: 0.05, smax: 5, levels: 10, lr: 3e-3 };

/** Flat initial parameters: He normal for hidden weights, Glorot normal for the output, zero biases (as net.ts). */
export function benchParams(shape: NetworkShape, seed: number): Float32Array {
  const o = paramOffsets(shape);
  const rng = createRng(seed);
  const flat = new Float32Array(o.total);
  for (let l = 0; l < shape.depth; l++) {
    const std = Math.sqrt(2 / fanIn(l, shape.width));
    for (let i = 0; i < fanIn(l, shape.width) * shape.width; i++) flat[o.weight[l] + i] = std * rng.normal();
  }
  const outStd = Math.sqrt(2 / (shape.width + 1));
  for (let i = 0; i < shape.width; i++) flat[o.outWeight + i] = outStd * rng.normal();
  return flat;
}

export function trainingBenchPlan(options: TrainingBenchOptions): TrainingBench {
  const objective = options.objective ?? 'ncsn';
  const seed = options.seed ?? 1;
  const lossSlots = options.lossSlots ?? 1024;
  const sigmas = objective === 'ncsn' ? Array.from(logspace(PAGE.smax, PAGE.smin, PAGE.levels)) : [PAGE.smin];
  const { plan } = buildTrainingPlan({
    width: options.width,
    depth: options.depth,
    batch: options.batch,
    objective,
    lr: PAGE.lr,
    seed,
    sigmas,
    mixture: DEFAULT_MIXTURE,
    dataset: null,
    params: benchParams(options, seed),
    lossSlots,
    beta1: 0.9,
    beta2: 0.999,
    epsilon: 1e-7,
  });
  const check = async (read: (name: string) => Promise<ArrayBuffer>): Promise<string> => {
    const steps = new Uint32Array(await read('state'))[1];
    const verdict = checkTraining(chronological(new Float32Array(await read('losses')), steps), steps);
    if (!verdict.ok) throw new Error(verdict.reason);
    return `${verdict.reason} over ${steps} steps`;
  };
  return {
    plan,
    sequence: 'step',
    unitsPerRun: 1,
    unit: 'training steps',
    lossBuffer: 'losses',
    lossSlots,
    check,
  };
}

/** The loss ring after `steps` steps, oldest first (the last min(steps, slots) losses). */
export function chronological(ring: Float32Array, steps: number): Float32Array {
  const slots = ring.length;
  const kept = Math.min(steps, slots);
  const out = new Float32Array(kept);
  for (let i = 0; i < kept; i++) out[i] = ring[(steps - kept + i) % slots];
  return out;
}

/**
 * Whether the losses of a run of `steps` steps (the `losses` buffer, read as float32) look like training: all
 * finite, and the mean of the last quarter below the mean of the first quarter (at the page's learning rate
 * the loss falls within a few dozen steps from the random start). Needs at least 8 steps.
 */
export function checkTraining(losses: Float32Array, steps: number): { ok: boolean; reason: string } {
  const n = Math.min(steps, losses.length);
  if (n < 8) return { ok: false, reason: `need at least 8 steps of losses, have ${n}` };
  const kept = Array.from(losses.subarray(0, n));
  if (!kept.every(Number.isFinite)) return { ok: false, reason: 'a loss is not finite' };
  const q = Math.floor(n / 4);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const first = mean(kept.slice(0, q));
  const last = mean(kept.slice(n - q));
  return last < first
    ? { ok: true, reason: `loss fell from ${first.toPrecision(4)} to ${last.toPrecision(4)}` }
    : { ok: false, reason: `loss did not fall: ${first.toPrecision(4)} then ${last.toPrecision(4)}` };
}
