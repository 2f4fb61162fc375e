/**
 * A fused training run as a GpuPlan (plan.ts): the score network's parameters, Adam's moments and the weight
 * average live in GPU buffers, and the sequence `step` is one whole training step (trainingKernels.ts) in
 * 2·depth + 3 dispatches (2·depth + 2 when batches are fed). A runner encodes it many times per submit; the loss of
 * each step lands in a ring of `lossSlots` floats, read back only now and then.
 *
 * Buffers (f32 unless said):
 *   config     uniform: Philox seed, number of σ levels, training-set size, mixture components, learning rate
 *   state      step (u32, all steps of the run: the Philox counter and the average's warm-up), local (u32, steps
 *              of this plan: fed-batch slice and loss slot), β₁ᵗ, β₂ᵗ
 *   params, average: the flat parameters (network.ts's layout) and their moving average;  moments: (m, v) pairs
 *   mixture    (cumulative weight, mean, std, log weight) per component;  levels: σ ladder;  dataset: the
 *              training set (one zero when batches are fresh)
 *   batch      (x_in, log σ, σ, aux) per row, for one step (drawn) or fedSteps steps (fed)
 *   hid, slope, delta: [depth, n, width] activations, swish slopes and back-propagated deltas
 *   rowLoss, gOut: [n];  losses: the ring
 */
import type { Component } from '../mixture';
import { groupsFor, type GpuPass, type GpuPlan } from './plan';
import { paramOffsets, type NetworkShape } from './network';
import {
  drawKernel,
  finishKernel,
  forwardKernel,
  outputKernel,
  type FusedObjective,
  type KernelShape,
} from './trainingKernels';
import { backwardTiledKernel, forwardTiledKernel, tileThreads } from './trainingTiles';
import { updateKernel, updateThreads } from './trainingUpdate';

export type { FusedObjective } from './trainingKernels';

/** The objectives the fused step trains (ISM needs the input derivative's backward pass: it stays on ops). */
export const FUSED_OBJECTIVES: readonly FusedObjective[] = ['ncsn', 'dsm', 'esm', 'eps'];

export function isFusedObjective(objective: string): objective is FusedObjective {
  return (FUSED_OBJECTIVES as readonly string[]).includes(objective);
}

export interface TrainingPlanSpec extends NetworkShape {
  objective: FusedObjective;
  batch: number;
  lr: number;
  seed: number;
  /** σ ladder (ncsn: its L levels; otherwise the one σ_min). Unused when batches are fed. */
  sigmas: readonly number[];
  mixture: readonly Component[];
  /** The fixed training set, or null for fresh samples of the mixture. */
  dataset: ArrayLike<number> | null;
  /** Initial parameters (flat, network.ts order) and their average (default: the parameters). */
  params: Float32Array;
  average?: Float32Array;
  /** Steps already taken by the run (the Philox counter and the average's warm-up go on from here). */
  step?: number;
  /** > 0: read batches from the buffer `batch` (this many steps' worth) instead of drawing them; eps needs it. */
  fedSteps?: number;
  lossSlots?: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export interface TrainingPlan {
  plan: GpuPlan;
  shape: KernelShape;
  paramCount: number;
}

const WG = 64;

/** Mixture rows (cumulative weight, mean, std, log weight) for the draw kernel. */
function mixtureRows(mixture: readonly Component[]): Float32Array {
  const rows = new Float32Array(4 * mixture.length);
  let running = 0;
  mixture.forEach((c, k) => {
    running += c.weight;
    rows.set([running, c.mean, c.std, Math.log(Math.max(c.weight, 1e-30))], 4 * k);
  });
  return rows;
}

/** The plan of a fused training run (see the file comment for its buffers). */
export function buildTrainingPlan(spec: TrainingPlanSpec): TrainingPlan {
  const fedSteps = spec.fedSteps ?? 0;
  if (spec.objective === 'eps' && fedSteps <= 0) throw new Error('ε-prediction batches must be fed');
  const k: KernelShape = {
    width: spec.width,
    depth: spec.depth,
    batch: spec.batch,
    objective: spec.objective,
    fedSteps,
    lossSlots: spec.lossSlots ?? 256,
    beta1: spec.beta1,
    beta2: spec.beta2,
    epsilon: spec.epsilon,
  };
  const o = paramOffsets(spec);
  if (spec.params.length !== o.total)
    throw new Error(`expected ${o.total} parameters, got ${spec.params.length}`);
  const step = spec.step ?? 0;
  const config = new ArrayBuffer(32);
  const words = new Uint32Array(config);
  words.set([spec.seed >>> 0, spec.sigmas.length, spec.dataset?.length ?? 0, spec.mixture.length]);
  new Float32Array(config).set([spec.lr], 4);
  const state = new ArrayBuffer(16);
  // TF.js's Adam starts its β powers at β (the first step's correction is 1 − β).
  new Uint32Array(state).set([step, 0]);
  new Float32Array(state).set([spec.beta1, spec.beta2], 2);
  const layerBytes = 4 * spec.depth * spec.batch * spec.width;
  const rows = spec.batch * Math.max(1, fedSteps);
  const plan: GpuPlan = {
    buffers: [
      { name: 'config', bytes: 32, kind: 'uniform', init: new Uint32Array(config) },
      { name: 'state', bytes: 16, kind: 'storage', init: new Uint32Array(state) },
      { name: 'params', bytes: 4 * o.total, kind: 'storage', init: Float32Array.from(spec.params) },
      {
        name: 'average',
        bytes: 4 * o.total,
        kind: 'storage',
        init: Float32Array.from(spec.average ?? spec.params),
      },
      { name: 'moments', bytes: 8 * o.total, kind: 'storage' },
      { name: 'mixture', bytes: 16 * spec.mixture.length, kind: 'storage', init: mixtureRows(spec.mixture) },
      {
        name: 'levels',
        bytes: 4 * spec.sigmas.length,
        kind: 'storage',
        init: Float32Array.from(spec.sigmas),
      },
      {
        name: 'dataset',
        bytes: 4 * Math.max(1, spec.dataset?.length ?? 0),
        kind: 'storage',
        init: spec.dataset && spec.dataset.length > 0 ? Float32Array.from(spec.dataset) : new Float32Array(1),
      },
      { name: 'batch', bytes: 16 * rows, kind: 'storage' },
      { name: 'hid', bytes: layerBytes, kind: 'storage' },
      { name: 'slope', bytes: layerBytes, kind: 'storage' },
      { name: 'delta', bytes: layerBytes, kind: 'storage' },
      { name: 'rowLoss', bytes: 4 * spec.batch, kind: 'storage' },
      { name: 'gOut', bytes: 4 * spec.batch, kind: 'storage' },
      { name: 'losses', bytes: 4 * k.lossSlots, kind: 'storage' },
    ],
    sequences: { step: stepPasses(k) },
  };
  return { plan, shape: k, paramCount: o.total };
}

function stepPasses(k: KernelShape): GpuPass[] {
  const units = groupsFor(k.batch * k.width, WG);
  const rows = groupsFor(k.batch, WG);
  const passes: GpuPass[] = [];
  if (k.fedSteps <= 0)
    passes.push({
      label: 'train draw',
      code: drawKernel(k),
      bindings: ['config', 'state', 'mixture', 'levels', 'dataset', 'batch'],
      workgroups: [rows, 1, 1],
    });
  const tiles = groupsFor(tileThreads(k), WG);
  for (let l = 0; l < k.depth; l++)
    passes.push({
      label: `train forward ${l}`,
      code: l === 0 ? forwardKernel(k) : forwardTiledKernel(k, l),
      bindings: l === 0 ? ['params', 'state', 'batch', 'hid', 'slope'] : ['params', 'hid', 'slope'],
      workgroups: [l === 0 ? units : tiles, 1, 1],
    });
  passes.push({
    label: 'train output',
    code: outputKernel(k),
    bindings: ['params', 'state', 'batch', 'hid', 'slope', 'delta', 'rowLoss', 'gOut'],
    workgroups: [rows, 1, 1],
  });
  for (let l = k.depth - 2; l >= 0; l--)
    passes.push({
      label: `train backward ${l}`,
      code: backwardTiledKernel(k, l),
      bindings: ['params', 'slope', 'delta'],
      workgroups: [tiles, 1, 1],
    });
  passes.push({
    label: 'train update',
    code: updateKernel(k),
    bindings: ['config', 'state', 'batch', 'hid', 'delta', 'gOut', 'params', 'moments', 'average'],
    workgroups: [groupsFor(updateThreads(k).tiles + updateThreads(k).scalars, WG), 1, 1],
  });
  passes.push({
    label: 'train finish',
    code: finishKernel(k),
    bindings: ['rowLoss', 'state', 'losses'],
    workgroups: [1, 1, 1],
  });
  return passes;
}

/** Packs per-step batches (input rows [x, log σ], σ, and z or the target) into the fed `batch` buffer's rows. */
export function packBatches(
  batches: readonly { input: Float32Array; sigma: Float32Array; z?: Float32Array; target?: Float32Array }[],
): Float32Array {
  const n = batches[0]?.sigma.length ?? 0;
  const out = new Float32Array(4 * n * batches.length);
  batches.forEach((b, s) => {
    const aux = b.z ?? b.target;
    for (let i = 0; i < n; i++)
      out.set([b.input[2 * i], b.input[2 * i + 1], b.sigma[i], aux ? aux[i] : 0], 4 * (s * n + i));
  });
  return out;
}
