/**
 * The fused samplers' schedule rows (layout in samplerKernels.ts): per step, the coefficients of
 *   x̃ = A x + B s₁(x) + C z,   and for Heun  x' = P x + Q s₁(x) + R x̃ + S s₂(x̃),
 * and where each score is evaluated. Computed on the CPU in double precision from the same formulas as the
 * JavaScript samplers (engine/sampling/runner.ts for Langevin, engine/diffusion/steps.ts for the reverse samplers),
 * then rounded to f32 once.
 */
import type { SamplerLevel } from '../sampling/runner';
import type { DiffusionProcess } from '../diffusion/process';
import { ROW_VEC4 } from './samplerKernels';
import { flowRows } from './flowSchedule';

/** Where a score is evaluated: the exact score at (a, s), or outScale · net(inScale · x, feature). */
export interface ScorePoint {
  a: number;
  s: number;
  inScale: number;
  feature: number;
  outScale: number;
}

export interface StepRow {
  A: number;
  B: number;
  C: number;
  first: ScorePoint;
  /** Heun's second stage (P, Q, R, S) and its score point; absent for one-stage rules. */
  heun?: { P: number; Q: number; R: number; S: number; second: ScorePoint };
}

/** Rows packed as ROW_VEC4 vec4s each. */
export function packRows(rows: readonly StepRow[]): Float32Array {
  const out = new Float32Array(Math.max(1, rows.length) * ROW_VEC4 * 4);
  rows.forEach((r, i) => {
    const o = i * ROW_VEC4 * 4;
    const f = r.first;
    const h = r.heun;
    const g = h?.second;
    out.set([r.A, r.B, r.C, h ? 1 : 0], o);
    out.set([f.a, f.s, f.inScale, f.feature], o + 4);
    out.set([f.outScale, g?.a ?? 0, g?.s ?? 0, g?.inScale ?? 0], o + 8);
    out.set([g?.feature ?? 0, g?.outScale ?? 0, 0, 0], o + 12);
    out.set([h?.P ?? 0, h?.Q ?? 0, h?.R ?? 0, h?.S ?? 0], o + 16);
  });
  return out;
}

/**
 * Langevin (plain or annealed), one row per level: x ← x + (α/2) s(x, σ) + √α z. The exact score is that of q_σ
 * (σ = 0: p); a noise-conditional network gets (x, log σ_used) and its output is divided by σ_used, where
 * `sigmaUsed` says which σ the model really takes for a requested one (learnedScore.ts's rule).
 */
export function langevinRows(
  levels: readonly SamplerLevel[],
  sigmaUsed: (sigma: number | undefined) => number,
): StepRow[] {
  return levels.map((level) => {
    const used = sigmaUsed(level.sigma);
    return {
      A: 1,
      B: 0.5 * level.stepSize,
      C: Math.sqrt(level.stepSize),
      first: { a: 1, s: level.sigma ?? 0, inScale: 1, feature: Math.log(used), outScale: 1 / used },
    };
  });
}

/**
 * The reverse samplers the fused kernels run. 'pc' is reverseRun.ts's predictor–corrector: these rows are its
 * predictor (ancestral with β̃, or Euler–Maruyama), its Langevin corrector runs in pcKernels.ts's passes with
 * pcSchedule.ts's rows. 'flow' is flow matching's ODE (flowSchedule.ts), whose field is a velocity, not a score.
 */
export type FusedDiffusionSampler =
  | { kind: 'ancestral'; variance?: 'beta' | 'betaTilde' }
  | { kind: 'sde' }
  | { kind: 'ode'; solver?: 'euler' | 'heun' }
  | { kind: 'pc'; predictor?: 'ancestral' | 'sde'; correctorSteps?: number; snr?: number }
  | { kind: 'flow'; solver: 'euler' | 'heun' };

/**
 * The exact score of p_t, and the ε-model's score −ε̂/s(t) with input (c_in x, log λ), c_in = 1/√(a² + s²),
 * λ = s/a (processSpec.ts's timeFeatures for the VP and VE families).
 */
export function diffusionPoint(process: DiffusionProcess, t: number): ScorePoint {
  const a = process.a(t);
  const s = process.s(t);
  return { a, s, inScale: 1 / Math.sqrt(a * a + s * s), feature: Math.log(s / a), outScale: -1 / s };
}

/**
 * One row per step of a reverse sampler over the process's grid of `steps` steps (steps.ts's rules; for 'flow'
 * the process is ignored and the rows are flowSchedule.ts's on flow matching's own grid).
 */
export function diffusionRows(
  process: DiffusionProcess,
  spec: FusedDiffusionSampler,
  steps: number,
): StepRow[] {
  if (spec.kind === 'flow') return flowRows(spec.solver, steps);
  // reverseRun.ts's predictor–corrector: its predictor is DDPM's ancestral step with β̃, or Euler–Maruyama.
  const sampler: Exclude<FusedDiffusionSampler, { kind: 'pc' | 'flow' }> =
    spec.kind === 'pc'
      ? (spec.predictor ?? 'ancestral') === 'ancestral'
        ? { kind: 'ancestral', variance: 'betaTilde' }
        : { kind: 'sde' }
      : spec;
  const times = process.grid(steps);
  const rows: StepRow[] = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const t = times[i];
    const tNext = times[i + 1];
    const last = i === times.length - 2;
    const h = t - tNext;
    const first = diffusionPoint(process, t);
    if (sampler.kind === 'ancestral') {
      const { alpha, variance } = process.transition(t, tNext);
      const sNow = process.s(t);
      const sNext = process.s(tNext);
      const v = last
        ? 0
        : (sampler.variance ?? 'betaTilde') === 'beta'
          ? variance
          : (variance * sNext * sNext) / (sNow * sNow);
      rows.push({ A: 1 / alpha, B: variance / alpha, C: Math.sqrt(Math.max(0, v)), first });
    } else if (sampler.kind === 'sde') {
      const f = process.drift(t);
      const g2 = process.g2(t);
      rows.push({ A: 1 - f * h, B: g2 * h, C: last ? 0 : Math.sqrt(g2 * h), first });
    } else {
      const f = process.drift(t);
      const g2 = process.g2(t);
      const euler: StepRow = { A: 1 - f * h, B: 0.5 * g2 * h, C: 0, first };
      // As steps.ts: where s(t') = 0 the step stays Euler (the score of the data itself is never asked for).
      if ((sampler.solver ?? 'heun') === 'euler' || !(process.s(tNext) > 0)) {
        rows.push(euler);
        continue;
      }
      const fNext = process.drift(tNext);
      const g2Next = process.g2(tNext);
      rows.push({
        ...euler,
        heun: {
          P: 1 - 0.5 * f * h,
          Q: 0.25 * g2 * h,
          R: -0.5 * fNext * h,
          S: 0.25 * g2Next * h,
          second: diffusionPoint(process, tNext),
        },
      });
    }
  }
  return rows;
}
