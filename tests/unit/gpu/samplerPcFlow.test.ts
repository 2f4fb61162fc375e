/**
 * The predictor–corrector and flow-matching rows of the fused samplers against the JavaScript runs: the kernels'
 * arithmetic, written here in double precision from the rows alone (the row rule of samplerKernels.ts and the
 * corrector of pcKernels.ts), fed the same start and the same noise stream as DiffusionRun / FlowRun, must land on
 * the same particles.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE } from '../../../src/engine/mixture';
import { createMarginalScore } from '../../../src/engine/diffusion/score';
import {
  discreteProcess,
  veProcess,
  vpProcess,
  type DiffusionProcess,
} from '../../../src/engine/diffusion/process';
import { buildSchedule } from '../../../src/engine/schedules/schedule';
import { DiffusionRun, exactProcessScore } from '../../../src/engine/diffusion';
import { DEFAULT_PROCESS_SPEC, epsInputRows } from '../../../src/engine/diffusion/processSpec';
import { runSeeds } from '../../../src/engine/sampling/seeds';
import { NormalStream } from '../../../src/engine/sampling/normalStream';
import { exactVelocity, FlowRun } from '../../../src/engine/flow';
import { flowProcess } from '../../../src/engine/flow/process';
import { diffusionRows, type ScorePoint, type StepRow } from '../../../src/engine/gpu/samplerSchedule';
import { correctorRows, type CorrectorRow } from '../../../src/engine/gpu/pcSchedule';
import { flowPoint, flowRows } from '../../../src/engine/gpu/flowSchedule';
import { samplingBenchPlan } from '../../../src/engine/gpu/samplerBench';
import {
  fusedDiffusionSampler,
  fusedDiffusionSupports,
  fusedFieldKind,
} from '../../../src/engine/gpu/diffusionSupport';

const N = 6;
type Field = (x: number, p: ScorePoint) => number;

/** The step kernel's row rule on every particle; noise drawn from `stream` only where the row has noise. */
function rowStep(row: StepRow, xs: Float64Array, field: Field, stream: NormalStream): void {
  const z = new Float64Array(xs.length);
  if (row.C > 0) stream.fill(z);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    const s1 = field(x, row.first);
    const guess = row.A * x + row.B * s1 + row.C * z[i];
    const h = row.heun;
    xs[i] = h ? h.P * x + h.Q * s1 + h.R * guess + h.S * field(guess, h.second) : guess;
  }
}

/** pcKernels.ts's corrector: batch norms, ε = 2α (r Σ|z| / Σ|s|)², x += ε s + √(2ε) z, stop where Σ|s| ≯ 0. */
function correct(
  row: CorrectorRow,
  steps: number,
  xs: Float64Array,
  field: Field,
  stream: NormalStream,
): void {
  if (!row.active) return;
  const s = new Float64Array(xs.length);
  const z = new Float64Array(xs.length);
  for (let j = 0; j < steps; j++) {
    for (let i = 0; i < xs.length; i++) s[i] = field(xs[i], row.point);
    stream.fill(z);
    let zNorm = 0;
    let gNorm = 0;
    for (let i = 0; i < xs.length; i++) {
      zNorm += Math.abs(z[i]);
      gNorm += Math.abs(s[i]);
    }
    if (!(gNorm > 0)) return;
    const eps = row.twoAlpha * ((row.snr * zNorm) / gNorm) ** 2;
    for (let i = 0; i < xs.length; i++) xs[i] += eps * s[i] + Math.sqrt(2 * eps) * z[i];
  }
}

/** The exact score of p_t at a row's point (a, s): the mixture kernel's function, in double precision. */
const marginal = createMarginalScore(DEFAULT_MIXTURE);
const exactScore: Field = (x, p) => {
  const out = new Float64Array(1);
  marginal(Float64Array.of(x), p.a, p.s, out);
  return out[0];
};

describe('fused predictor–corrector rows', () => {
  const processes: [string, DiffusionProcess][] = [
    ['vp', vpProcess()],
    ['ve', veProcess()],
    ['ddpm', discreteProcess(buildSchedule('linear', 1000))],
  ];
  for (const [name, process] of processes)
    for (const predictor of ['ancestral', 'sde'] as const)
      it(`reproduce DiffusionRun's pc (${name}, predictor ${predictor}, 2 corrector steps)`, () => {
        const steps = 6;
        const seed = 17;
        const sampler = { kind: 'pc' as const, predictor, correctorSteps: 2, snr: 0.2 };
        const ref = new DiffusionRun({
          process,
          sampler,
          steps,
          n: N,
          seed,
          score: exactProcessScore(DEFAULT_MIXTURE, process),
        });
        ref.step(steps);
        const seeds = runSeeds(seed);
        const xs = Float64Array.from({ length: N }, () => process.priorStd * seeds.init.normal());
        const stream = new NormalStream(seeds.noiseSeed);
        const rows = diffusionRows(process, sampler, steps);
        const corrector = correctorRows(process, steps, sampler.snr);
        const field = exactScore;
        rows.forEach((row, k) => {
          rowStep(row, xs, field, stream);
          correct(corrector[k], sampler.correctorSteps, xs, field, stream);
        });
        // The discrete schedule ends at s = 0, where no corrector runs; the continuous ones correct at every level.
        expect(corrector.at(-1)?.active).toBe(name !== 'ddpm');
        expect(corrector.slice(0, -1).every((r) => r.active && r.twoAlpha > 0)).toBe(true);
        for (let i = 0; i < N; i++) expect(Math.abs(xs[i] - ref.particles[i])).toBeLessThan(1e-6);
        // The corrector moved the particles: without it the same rows land elsewhere.
        const plain = Float64Array.from({ length: N }, () => 0);
        const again = runSeeds(seed);
        plain.forEach((_, i) => (plain[i] = process.priorStd * again.init.normal()));
        const plainStream = new NormalStream(again.noiseSeed);
        rows.forEach((row) => rowStep(row, plain, field, plainStream));
        expect(Math.max(...plain.map((x, i) => Math.abs(x - ref.particles[i])))).toBeGreaterThan(1e-3);
      });
});

describe('fused flow-matching rows', () => {
  const velocity = exactVelocity(DEFAULT_MIXTURE);
  /** The exact kernel reads the time from the point's s (mixtureFlowVelocity(x, t)). */
  const exactField: Field = (x, p) => {
    const out = new Float64Array(1);
    velocity(Float64Array.of(x), p.s, out);
    return out[0];
  };
  for (const solver of ['euler', 'heun'] as const)
    it(`reproduce FlowRun's ${solver} on the exact velocity`, () => {
      const steps = 7;
      const seed = 23;
      const ref = new FlowRun({ solver, steps, n: N, seed }, velocity);
      ref.run();
      const init = runSeeds(seed).init;
      const xs = Float64Array.from({ length: N }, () => init.normal());
      const rows = diffusionRows(vpProcess(), { kind: 'flow', solver }, steps);
      expect(rows).toEqual(flowRows(solver, steps));
      expect(rows.every((r) => r.C === 0)).toBe(true);
      const unused = new NormalStream(1);
      rows.forEach((row) => rowStep(row, xs, exactField, unused));
      for (let i = 0; i < N; i++) expect(Math.abs(xs[i] - ref.particles[i])).toBeLessThan(1e-9);
    });

  it('feed a velocity network the training inputs (c_in x, log λ) and use its output as it is', () => {
    // A stand-in network, nonlinear in both inputs: its value at the rows' inputs must equal its value at the
    // rows tf/eps/evaluate.ts builds (epsInputRows) for the same x and t, at both ends of the grid too.
    const net = (u: number, f: number) => Math.sin(u) * (1 + 0.3 * f) + 0.1 * f * f;
    const process = flowProcess();
    for (const t of [1, 0.75, 0.5, 1e-4, 0]) {
      const p = flowPoint(t);
      for (const x of [-1.3, 0.4, 2.2]) {
        const rows = epsInputRows(process, [x], t);
        expect(p.outScale * net(p.inScale * x, p.feature)).toBeCloseTo(net(rows[0], rows[1]), 6);
      }
      expect(p.a).toBeCloseTo(1 - t, 15);
      expect(p.s).toBe(t);
    }
  });
});

describe('fusedDiffusionSupports', () => {
  const vp = { ...DEFAULT_PROCESS_SPEC, sde: 'vp' as const };
  it('maps every sampler of the diffusion page, and flow matching to its ODE', () => {
    expect(fusedDiffusionSampler({ process: vp, sampler: { kind: 'ancestral' } })).toEqual({
      kind: 'ancestral',
      variance: 'betaTilde',
    });
    expect(
      fusedDiffusionSampler({ process: vp, sampler: { kind: 'pc', correctorSteps: 3, snr: 0.1 } }),
    ).toEqual({
      kind: 'pc',
      predictor: 'ancestral',
      correctorSteps: 3,
      snr: 0.1,
    });
    const fm = { ...DEFAULT_PROCESS_SPEC, sde: 'fm' as const };
    expect(fusedDiffusionSampler({ process: fm, sampler: { kind: 'ode', solver: 'euler' } })).toEqual({
      kind: 'flow',
      solver: 'euler',
    });
    expect(fusedDiffusionSampler({ process: fm, sampler: { kind: 'sde' } })).toEqual({
      kind: 'flow',
      solver: 'heun',
    });
    expect(fusedFieldKind({ kind: 'flow', solver: 'heun' })).toEqual({
      kind: 'exact',
      field: 'flowVelocity',
    });
    expect(fusedFieldKind({ kind: 'sde' }, { width: 16, depth: 2 })).toEqual({
      kind: 'learned',
      width: 16,
      depth: 2,
    });
  });

  it('refuses what the kernels are not built for', () => {
    expect(fusedDiffusionSupports({ process: vp, sampler: { kind: 'pc', correctorSteps: 11 } })).toBe(false);
    expect(fusedDiffusionSupports({ process: vp, sampler: { kind: 'pc', correctorSteps: 0 } })).toBe(false);
    expect(fusedDiffusionSupports({ process: vp, sampler: { kind: 'pc' } })).toBe(true);
    expect(fusedDiffusionSupports({ process: vp, sampler: { kind: 'ode' } }, { width: 512, depth: 2 })).toBe(
      false,
    );
    expect(fusedDiffusionSupports({ process: vp, sampler: { kind: 'ode' } }, { width: 256, depth: 4 })).toBe(
      true,
    );
  });
});

describe('the bench plans of the GPU harness', () => {
  it('run one predictor and one corrector step per PC run, and the flow velocity in the flow plans', () => {
    const pc = samplingBenchPlan({ sampler: 'pc', score: 'exact', n: 1000, seed: 1 });
    expect(pc.sequence).toBe('pcBench');
    expect(pc.unitsPerRun).toBe(1000);
    expect(pc.plan.sequences.pcBench.map((p) => p.label)).toEqual([
      'sampler step',
      'corrector norms',
      'corrector norms sum',
      'corrector step size',
      'corrector move',
      'corrector records',
    ]);
    const flow = samplingBenchPlan({ sampler: 'flow-heun', score: 'exact', n: 1000, seed: 1 });
    expect(flow.plan.sequences.step[0].code).toContain('return mixtureFlowVelocity(x, s);');
    const learned = samplingBenchPlan({
      sampler: 'flow-euler',
      score: 'learned',
      n: 1000,
      seed: 1,
      width: 16,
    });
    expect(learned.plan.sequences.step[0].code).toContain('netForward(inScale * x, feature)');
  });
});
