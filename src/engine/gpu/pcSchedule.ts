/**
 * The predictor–corrector sampler's corrector rows and plan pieces (kernels and layout in pcKernels.ts). The rows
 * come from reverseRun.ts's own rules, in double precision: after predictor step k (t → t') the corrector runs
 * at t' where correctsAt(process, t') (s(t') > 0), with α = correctorAlpha(process, t, t') and the run's r.
 */
import { correctorAlpha, correctsAt, DEFAULT_SNR } from '../diffusion/reverseRun';
import type { DiffusionProcess } from '../diffusion/process';
import { groupsFor, type GpuBufferSpec, type GpuPass } from './plan';
import {
  PC_MOVE,
  PC_SUM,
  SUM_CHUNK,
  PC_PARAM_WORDS,
  PC_STATE_WORDS,
  pcFinishKernel,
  pcNormsKernel,
  pcRecordKernel,
} from './pcKernels';
import { diffusionPoint, type ScorePoint } from './samplerSchedule';
import { groupSize, type ScoreKind } from './samplerKernels';

/** The largest number of corrector steps per predictor step the plan is built for (the page allows 1–10). */
export const MAX_FUSED_CORRECTOR = 10;

export interface CorrectorRow {
  /** Whether a corrector runs after this predictor step. */
  active: boolean;
  point: ScorePoint;
  /** 2α of ε = 2α (r ‖z‖/‖s‖)². */
  twoAlpha: number;
  snr: number;
}

/** One corrector row per predictor step of the process's grid of `steps` steps. */
export function correctorRows(process: DiffusionProcess, steps: number, snr = DEFAULT_SNR): CorrectorRow[] {
  const times = process.grid(steps);
  const rows: CorrectorRow[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i];
    const tNext = times[i + 1];
    const active = correctsAt(process, tNext);
    // Where no corrector runs the point is never used; (1, 1) keeps its logs and reciprocals finite.
    const point = active
      ? diffusionPoint(process, tNext)
      : { a: 1, s: 1, inScale: 1, feature: 0, outScale: 1 };
    rows.push({ active, point, twoAlpha: active ? 2 * correctorAlpha(process, t, tNext) : 0, snr });
  }
  return rows;
}

/** Rows packed as two vec4s each: (a, s, inScale, feature), (outScale, 2α, r, active). */
export function packCorrectorRows(rows: readonly CorrectorRow[]): Float32Array {
  const out = new Float32Array(Math.max(1, rows.length) * 8);
  rows.forEach((r, k) => {
    const p = r.point;
    out.set([p.a, p.s, p.inScale, p.feature, p.outScale, r.twoAlpha, r.snr, r.active ? 1 : 0], 8 * k);
  });
  return out;
}

/** The corrector's uniform for predictor step k (the bound stored through its f32 bits). */
export function pcParams(n: number, k: number, key: readonly [number, number], bound: number): Uint32Array {
  const out = new Uint32Array(PC_PARAM_WORDS);
  out.set([n, k, key[0] >>> 0, key[1] >>> 0]);
  out[4] = new Uint32Array(Float32Array.of(bound).buffer)[0];
  return out;
}

/** pcState as each predictor step starts it: corrector step 0, not stopped. */
export const PC_STATE_CLEAR = new Uint32Array(PC_STATE_WORDS);

/** The buffers the corrector adds to a sampler plan of n particles. */
export function pcBuffers(n: number, rows: Float32Array): GpuBufferSpec[] {
  return [
    { name: 'pcParams', bytes: PC_PARAM_WORDS * 4, kind: 'uniform' },
    { name: 'corrector', bytes: rows.byteLength, kind: 'storage', init: rows },
    { name: 'grad', bytes: n * 4, kind: 'storage' },
    { name: 'noise', bytes: n * 4, kind: 'storage' },
    { name: 'pcState', bytes: PC_STATE_WORDS * 4, kind: 'storage' },
    { name: 'norms', bytes: groupsFor(n, SUM_CHUNK) * 8, kind: 'storage' },
  ];
}

/**
 * The corrector's sequences: `pcCorrect`, one corrector step in three passes (run it M times after the plan's
 * `step` with count = 1), and `pcRecord`, the record pass (`recordThreads`: the most tracks or weight slots).
 * Each pass appears once, so a runner compiles it once however many corrector steps there are.
 */
export function pcSequences(
  n: number,
  score: ScoreKind,
  recordThreads: number,
): { pcCorrect: GpuPass[]; pcRecord: GpuPass[] } {
  const groups = groupsFor(n, SUM_CHUNK);
  const scoreData = score.kind === 'learned' ? 'net' : 'mixture';
  const norms: GpuPass = {
    label: 'corrector norms',
    code: pcNormsKernel(score),
    bindings: ['pcParams', scoreData, 'corrector', 'xs', 'grad', 'noise', 'pcState'],
    workgroups: [groupsFor(n, groupSize(score)), 1, 1],
  };
  const sum: GpuPass = {
    label: 'corrector norms sum',
    code: PC_SUM,
    bindings: ['pcParams', 'grad', 'noise', 'norms'],
    workgroups: [groupsFor(groups, 64), 1, 1],
  };
  const finish: GpuPass = {
    label: 'corrector step size',
    code: pcFinishKernel(),
    bindings: ['pcParams', 'corrector', 'norms', 'pcState'],
    workgroups: [1, 1, 1],
  };
  const move: GpuPass = {
    label: 'corrector move',
    code: PC_MOVE,
    bindings: ['pcParams', 'xs', 'grad', 'noise', 'pcState', 'flags'],
    workgroups: [groupsFor(n, 256), 1, 1],
  };
  const record: GpuPass = {
    label: 'corrector records',
    code: pcRecordKernel(),
    bindings: ['stepParams', 'xs', 'records'],
    workgroups: [groupsFor(recordThreads, 64), 1, 1],
  };
  return { pcCorrect: [norms, sum, finish, move], pcRecord: [record] };
}
