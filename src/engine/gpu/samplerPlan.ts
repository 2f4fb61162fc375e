/**
 * A fused sampler as a GpuPlan (plan.ts): the particles, the score's data (the mixture table, or the network's
 * packed parameters), the schedule rows, and the passes that step, count, gather and reduce them.
 *
 * Buffers: stepParams (uniform, STEP_FIELDS), mixture (uniform, mixture.ts), net (storage, learned only),
 * schedule (rows), xs (positions), backup (the chunk's starting positions), flags ([first failing step, escapes]),
 * records (tracked positions, then weight-sample positions, per record slot), histParams and bins, gatherParams
 * and gathered, partials (per-workgroup metrics sums).
 * Sequences: step (with commit = 0 in stepParams it is the divergence probe), backup, restore, histogram, gather,
 * metrics, and with a corrector pcCorrect and pcRecord (their buffers in pcSchedule.ts). The flags are reset by a write from the CPU (FLAGS_CLEAR) before each chunk.
 */
import type { Mixture } from '../mixture';
import { groupsFor, type GpuPass, type GpuPlan } from './plan';
import { MIXTURE_TABLE_BYTES, mixtureTable } from './mixture';
import { pcBuffers, pcSequences } from './pcSchedule';
import {
  CLEAR_BINS,
  COPY,
  COUNT_BINS,
  GATHER,
  groupSize,
  METRIC_SLOTS,
  metricsKernel,
  STEP_FIELDS,
  stepKernel,
  type ScoreKind,
  type StepField,
} from './samplerKernels';

/** Histogram bins the plan has room for (the pages draw at most a few hundred). */
export const MAX_BINS = 2048;
/** Flags as the runner resets them: no failing step yet (u32 max), no escapes counted. */
export const FLAGS_CLEAR = Uint32Array.of(0xffffffff, 0);

export interface SamplerPlanSpec {
  score: ScoreKind;
  /** The mixture (the exact score's table; also the metrics' mode weights, for any score). */
  mixture: Mixture;
  /** The network's flat parameters (network.ts's flattenParams), learned only. */
  net?: Float32Array;
  /** Packed schedule rows (samplerSchedule.ts). */
  schedule: Float32Array;
  /** Initial positions (n of them). */
  initial: Float32Array;
  /** Tracked particles and the weight sample's stride (0: none), and record slots per chunk. */
  trackCount: number;
  weightStride: number;
  maxRecords: number;
  /** Largest gather (subsample) the runner will ask for. */
  maxGather: number;
  /**
   * The predictor–corrector's Langevin corrector (pcKernels.ts): its packed rows (pcSchedule.ts). With it the plan
   * has the sequences `pcCorrect` (one corrector step) and `pcRecord` (pcSchedule.ts's pcSequences).
   */
  corrector?: { rows: Float32Array };
}

/** The step pass's uniform from named fields (bound stored as its f32 bits). */
export function stepParams(fields: Partial<Record<StepField, number>>): Uint32Array {
  const out = new Uint32Array(STEP_FIELDS.length);
  const bits = new Float32Array(1);
  STEP_FIELDS.forEach((name, i) => {
    const v = fields[name] ?? 0;
    if (name === 'bound') {
      bits[0] = v;
      out[i] = new Uint32Array(bits.buffer)[0];
    } else out[i] = v >>> 0;
  });
  return out;
}

/** The histogram's uniform: n, bins, lo, (bins / (hi − lo)). */
export function histParams(n: number, lo: number, hi: number, bins: number): ArrayBuffer {
  const buffer = new ArrayBuffer(16);
  new Uint32Array(buffer, 0, 2).set([n, bins]);
  new Float32Array(buffer, 8, 2).set([lo, bins / (hi - lo)]);
  return buffer;
}

export function weightCountFor(n: number, stride: number): number {
  return stride > 0 ? Math.ceil(n / stride) : 0;
}

export function buildSamplerPlan(spec: SamplerPlanSpec): GpuPlan {
  const n = spec.initial.length;
  const groups = groupsFor(n, 256);
  const weightCount = weightCountFor(n, spec.weightStride);
  const recordFloats = Math.max(1, spec.maxRecords * (spec.trackCount + weightCount));
  const learned = spec.score.kind === 'learned';
  if (learned && !spec.net) throw new Error('buildSamplerPlan: a learned score needs the network parameters');
  const pass = (label: string, code: string, bindings: string[], threads: number, size = 256): GpuPass => ({
    label,
    code,
    bindings,
    workgroups: [groupsFor(threads, size), 1, 1],
  });
  const stepBindings = ['stepParams', learned ? 'net' : 'mixture', 'schedule', 'xs', 'flags', 'records'];
  const step = pass('sampler step', stepKernel(spec.score), stepBindings, n, groupSize(spec.score));
  const pc = spec.corrector;
  const recordThreads = Math.max(1, spec.trackCount, weightCount);
  return {
    buffers: [
      { name: 'stepParams', bytes: STEP_FIELDS.length * 4, kind: 'uniform' },
      {
        name: 'mixture',
        bytes: MIXTURE_TABLE_BYTES,
        kind: 'uniform',
        init: new Uint32Array(mixtureTable(spec.mixture)),
      },
      ...(spec.net && learned
        ? [{ name: 'net', bytes: spec.net.byteLength, kind: 'storage' as const, init: spec.net }]
        : []),
      { name: 'schedule', bytes: spec.schedule.byteLength, kind: 'storage', init: spec.schedule },
      { name: 'xs', bytes: n * 4, kind: 'storage', init: spec.initial },
      { name: 'backup', bytes: n * 4, kind: 'storage' },
      { name: 'flags', bytes: 8, kind: 'storage', init: FLAGS_CLEAR },
      { name: 'records', bytes: recordFloats * 4, kind: 'storage' },
      { name: 'histParams', bytes: 16, kind: 'uniform', init: new Uint32Array(histParams(n, -1, 1, 1)) },
      { name: 'bins', bytes: (MAX_BINS + 2) * 4, kind: 'storage' },
      { name: 'gatherParams', bytes: 16, kind: 'uniform' },
      { name: 'gathered', bytes: Math.max(1, spec.maxGather) * 4, kind: 'storage' },
      { name: 'partials', bytes: groups * METRIC_SLOTS * 4, kind: 'storage' },
      ...(pc ? pcBuffers(n, pc.rows) : []),
    ],
    sequences: {
      step: [step],
      backup: [pass('backup', COPY, ['xs', 'backup'], n)],
      restore: [pass('restore', COPY, ['backup', 'xs'], n)],
      histogram: [
        pass('clear bins', CLEAR_BINS, ['bins'], MAX_BINS + 2, 64),
        pass('count bins', COUNT_BINS, ['histParams', 'xs', 'bins'], n),
      ],
      gather: [pass('gather', GATHER, ['gatherParams', 'xs', 'gathered'], Math.max(1, spec.maxGather))],
      metrics: [pass('metrics', metricsKernel(), ['histParams', 'mixture', 'xs', 'partials'], n)],
      ...(pc ? pcSequences(n, spec.score, recordThreads) : {}),
    },
  };
}

export interface MetricSums {
  mean: number;
  variance: number;
  /** Mean responsibility per table row (kept component). */
  weights: number[];
}

/** Adds the per-workgroup partials (in double precision) into the mean, variance and mode weights. */
export function reduceMetrics(partials: Float32Array, n: number, components: number): MetricSums {
  const sums = new Float64Array(METRIC_SLOTS);
  for (let g = 0; g < partials.length / METRIC_SLOTS; g++)
    for (let j = 0; j < METRIC_SLOTS; j++) sums[j] += partials[g * METRIC_SLOTS + j];
  const mean = sums[0] / n;
  return {
    mean,
    variance: Math.max(0, sums[1] / n - mean * mean),
    weights: Array.from(sums.subarray(2, 2 + components), (s) => s / n),
  };
}
