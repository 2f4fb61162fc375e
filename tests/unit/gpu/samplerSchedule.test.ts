import { describe, expect, it } from 'vitest';
import { DEFAULT_MIXTURE } from '../../../src/engine/mixture';
import {
  discreteProcess,
  veProcess,
  vpProcess,
  type DiffusionProcess,
} from '../../../src/engine/diffusion/process';
import { buildSchedule } from '../../../src/engine/schedules/schedule';
import { createMarginalScore } from '../../../src/engine/diffusion/score';
import { timeFeatures } from '../../../src/engine/diffusion/processSpec';
import {
  ancestralStep,
  eulerMaruyamaStep,
  odeStep,
  type StepBuffers,
  type StepProgram,
} from '../../../src/engine/diffusion/steps';
import type { NormalStream } from '../../../src/engine/sampling/normalStream';
import {
  diffusionRows,
  langevinRows,
  type FusedDiffusionSampler,
  type ScorePoint,
  type StepRow,
} from '../../../src/engine/gpu/samplerSchedule';

const marginal = createMarginalScore(DEFAULT_MIXTURE);
const scoreAt = (x: number, a: number, s: number) => {
  const out = new Float64Array(1);
  marginal(Float64Array.of(x), a, s, out);
  return out[0];
};

/** The fused kernel's arithmetic on one particle (in double precision), from a row and a noise draw z. */
function fusedStep(row: StepRow, x: number, z: number): number {
  const at = (p: ScorePoint, y: number) => scoreAt(y, p.a, p.s);
  const s1 = at(row.first, x);
  const guess = row.A * x + row.B * s1 + row.C * z;
  if (!row.heun) return guess;
  const h = row.heun;
  return h.P * x + h.Q * s1 + h.R * guess + h.S * at(h.second, guess);
}

/** steps.ts's rule on one particle, its noise stream replaced by the constant z, its score requests answered exactly. */
function jsStep(
  process: DiffusionProcess,
  sampler: Exclude<FusedDiffusionSampler, { kind: 'pc' | 'flow' }>,
  t: number,
  tNext: number,
  last: boolean,
  x: number,
  z: number,
) {
  const b: StepBuffers = {
    process,
    x: Float64Array.of(x),
    grad: new Float64Array(1),
    guess: new Float64Array(1),
    velocity: new Float64Array(1),
    noise: new Float64Array(1),
    stream: { fill: (out: Float64Array) => out.fill(z) } as unknown as NormalStream,
  };
  const program: StepProgram =
    sampler.kind === 'ancestral'
      ? ancestralStep(b, t, tNext, sampler.variance ?? 'betaTilde', last)
      : sampler.kind === 'sde'
        ? eulerMaruyamaStep(b, t, tNext, last)
        : odeStep(b, t, tNext, sampler.solver ?? 'heun');
  for (let r = program.next(); !r.done; r = program.next())
    b.grad[0] = scoreAt(r.value.xs[0], process.a(r.value.t), process.s(r.value.t));
  return b.x[0];
}

describe('the fused samplers’ schedule rows', () => {
  const processes: [string, DiffusionProcess][] = [
    ['vp', vpProcess()],
    ['ve', veProcess()],
    ['ddpm', discreteProcess(buildSchedule('linear', 1000))],
  ];
  const samplers: Exclude<FusedDiffusionSampler, { kind: 'pc' | 'flow' }>[] = [
    { kind: 'ancestral', variance: 'beta' },
    { kind: 'ancestral', variance: 'betaTilde' },
    { kind: 'sde' },
    { kind: 'ode', solver: 'euler' },
    { kind: 'ode', solver: 'heun' },
  ];
  for (const [name, process] of processes)
    for (const sampler of samplers)
      it(`reproduce steps.ts for ${name}, ${sampler.kind} ${'variance' in sampler ? sampler.variance : ''}${'solver' in sampler ? sampler.solver : ''}`, () => {
        const steps = 8;
        const rows = diffusionRows(process, sampler, steps);
        const times = process.grid(steps);
        expect(rows).toHaveLength(steps);
        rows.forEach((row, i) => {
          for (const [x, z] of [
            [0.7, 0.3],
            [-2.4, -1.1],
          ]) {
            const want = jsStep(process, sampler, times[i], times[i + 1], i === steps - 1, x, z);
            expect(fusedStep(row, x, z)).toBeCloseTo(want, 9);
          }
          // The network's inputs are processSpec.ts's features wherever s(t) > 0 (VP and VE, as the ε-model sees them).
          if (process.s(times[i]) > 0) {
            const f = timeFeatures(process, times[i]);
            expect(row.first.inScale).toBeCloseTo(f.scale, 12);
            expect(row.first.feature).toBeCloseTo(f.logLambda, 12);
            expect(row.first.outScale).toBeCloseTo(-1 / process.s(times[i]), 9);
          }
        });
      });

  it('give Langevin x + (α/2) s + √α z per level, with the network fed the σ it really takes', () => {
    const rows = langevinRows(
      [
        { sigma: 2, stepSize: 0.04, steps: 3 },
        { sigma: undefined, stepSize: 0.01, steps: 5 },
      ],
      (sigma) => sigma ?? 0.05,
    );
    expect(rows[0]).toMatchObject({
      A: 1,
      B: 0.02,
      C: 0.2,
      first: { a: 1, s: 2, inScale: 1, outScale: 0.5 },
    });
    expect(rows[0].first.feature).toBeCloseTo(Math.log(2), 14);
    expect(rows[1]).toMatchObject({ A: 1, B: 0.005, C: 0.1, first: { a: 1, s: 0, outScale: 20 } });
    expect(rows[1].first.feature).toBeCloseTo(Math.log(0.05), 14);
  });
});
