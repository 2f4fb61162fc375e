/**
 * Which diffusion process a time-conditional ε-model is trained on, as plain data (it travels in messages, in
 * model files and in URLs), and the network's input for a point x at time t.
 *
 * `sde`: the continuous VP or VE SDE of SCIENCE.md §7, or `ddpm`, a discrete schedule of T steps (§5) lifted
 * to continuous time (engine/diffusion/process.ts): any of the eight schedules, VP or VE by its family.
 *
 * The network's input row is [x / √(a² + s²), log λ] with x_t = a x_0 + s ε and λ = s/a:
 * - log λ (= −½ log SNR) is the time feature. It fixes everything about the noise: x_t/a = x_0 + λ ε, so the
 *   posterior of ε given x_t depends on t only through λ, whichever process produced it. The same network can
 *   therefore learn any process; t itself would tie it to one parametrisation of time.
 * - dividing x by √(a² + s²) (EDM's c_in for data of unit scale) keeps the input O(data scale) at every t: a VE
 *   process at σ = 20 would otherwise feed the network numbers of size 20.
 * log λ spans about −9 (VE at t = 10⁻⁵) to +5 (DDPM linear at t = T): O(1) inputs for an MLP.
 */
import { buildSchedule } from '../schedules/schedule';
import { isScheduleName, type ScheduleName } from '../schedules/names';
import {
  DEFAULT_VE,
  DEFAULT_VP,
  discreteProcess,
  veProcess,
  vpProcess,
  type DiffusionProcess,
} from './index';
import type { Rng } from '../rng';
import { flowProcess } from '../flow/process';

/** `fm`: flow matching's straight path (engine/flow), x_t = (1 − t) x_0 + t x_1. */
export type SdeName = 'vp' | 've' | 'ddpm' | 'fm';
export const SDE_NAMES: readonly SdeName[] = ['vp', 've', 'ddpm', 'fm'];

export interface ProcessSpec {
  sde: SdeName;
  /** The discrete schedule (sde = ddpm only). */
  schedule: ScheduleName;
  /** Its number of steps (sde = ddpm only). */
  T: number;
}

export const DEFAULT_PROCESS_SPEC: ProcessSpec = { sde: 'ddpm', schedule: 'linear', T: 1000 };
export const T_LIMITS: readonly [number, number] = [2, 5000];

/** Why a value is not a usable ProcessSpec, or null. */
export function processSpecProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'the diffusion process is missing';
  const p = value as Record<string, unknown>;
  if (!SDE_NAMES.includes(p.sde as SdeName)) return `diffusion.sde must be one of ${SDE_NAMES.join(', ')}`;
  if (typeof p.schedule !== 'string' || !isScheduleName(p.schedule))
    return 'diffusion.schedule is not a known schedule';
  const T = p.T;
  if (typeof T !== 'number' || !Number.isInteger(T) || T < T_LIMITS[0] || T > T_LIMITS[1])
    return `diffusion.T must be an integer in [${T_LIMITS[0]}, ${T_LIMITS[1]}]`;
  return null;
}

export function cleanProcessSpec(p: ProcessSpec): ProcessSpec {
  return { sde: p.sde, schedule: p.schedule, T: p.T };
}

/** Processes are pure functions of their spec; building a 5000-step schedule costs ~0.1 ms, but cache anyway. */
const cache = new Map<string, DiffusionProcess>();

export function buildProcess(spec: ProcessSpec): DiffusionProcess {
  const key = spec.sde === 'ddpm' ? `ddpm|${spec.schedule}|${spec.T}` : spec.sde;
  let hit = cache.get(key);
  if (!hit) {
    hit =
      spec.sde === 'vp'
        ? vpProcess()
        : spec.sde === 've'
          ? veProcess()
          : spec.sde === 'fm'
            ? flowProcess()
            : discreteProcess(buildSchedule(spec.schedule, spec.T));
    cache.set(key, hit);
  }
  return hit;
}

/**
 * Flow matching's path reaches the data (s = 0) at t = 0 and pure noise (a = 0) at t = 1, and its ODE evaluates the
 * network at both ends: its time feature is read at t held inside [FLOW_T_EDGE, 1 − FLOW_T_EDGE] (log λ within
 * ±6.9), in training and sampling alike.
 */
export const FLOW_T_EDGE = 1e-3;

/** The input scale c_in(t) = 1/√(a² + s²) and the time feature log λ(t) = log(s/a). */
export function timeFeatures(process: DiffusionProcess, time: number): { scale: number; logLambda: number } {
  const t = process.family === 'fm' ? Math.min(1 - FLOW_T_EDGE, Math.max(FLOW_T_EDGE, time)) : time;
  const a = process.a(t);
  const s = process.s(t);
  return { scale: 1 / Math.sqrt(a * a + s * s), logLambda: Math.log(s / a) };
}

/** Input rows [c_in x, log λ] for a batch at one time t, row-major [n, 2]. */
export function epsInputRows(process: DiffusionProcess, xs: ArrayLike<number>, t: number): Float32Array {
  const { scale, logLambda } = timeFeatures(process, t);
  const rows = new Float32Array(2 * xs.length);
  for (let i = 0; i < xs.length; i++) {
    rows[2 * i] = scale * xs[i];
    rows[2 * i + 1] = logLambda;
  }
  return rows;
}

/**
 * A training time: for a discrete schedule a step k uniform in 1..T (t = k/T), as DDPM trains; for a
 * continuous SDE t uniform in [ε, 1] with the sampler's end time ε (the score is never needed below it).
 */
export function drawTime(process: DiffusionProcess, rng: Rng): number {
  const T = process.trainingSteps;
  if (T !== undefined) return (1 + Math.floor(rng.uniform() * T)) / T;
  const tEnd = process.family === 'vp' ? DEFAULT_VP.tEnd : DEFAULT_VE.tEnd;
  return tEnd + rng.uniform() * (1 - tEnd);
}
