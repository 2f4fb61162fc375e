/**
 * The fused reverse-time samplers (DDPM ancestral, reverse SDE, probability-flow ODE, predictor–corrector, and
 * flow matching's ODE) against the JavaScript runs: distribution (two-sample KS against DiffusionRun / FlowRun
 * started from other draws; an ODE also particle by particle from the same draws), determinism for a seed (a run in one chunk and a run in two chunks give the same bits),
 * and a different seed giving different particles. The field is exact, or for flow matching optionally a small
 * seeded velocity network, whose JavaScript truth is network.ts's reference forward in double precision.
 */
import { buildSamplerPlan } from '../../src/engine/gpu/samplerPlan';
import { diffusionRows, packRows, type FusedDiffusionSampler } from '../../src/engine/gpu/samplerSchedule';
import { correctorRows, packCorrectorRows } from '../../src/engine/gpu/pcSchedule';
import { fusedFieldKind } from '../../src/engine/gpu/diffusionSupport';
import { PlanRunner } from '../../src/engine/tf/fused/planRunner';
import { runDiffusionChunk, SAMPLER_STREAM } from '../../src/engine/tf/fused/samplerRun';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { runSeeds } from '../../src/engine/sampling/seeds';
import { DiffusionRun, exactProcessScore, vpProcess } from '../../src/engine/diffusion';
import { epsInputRows } from '../../src/engine/diffusion/processSpec';
import { exactVelocity, FlowRun, type Velocity } from '../../src/engine/flow';
import { flowProcess } from '../../src/engine/flow/process';
import { device, jsNet, ks2, randomNet } from './probe';

export interface DiffusionCase {
  sampler: FusedDiffusionSampler;
  n: number;
  steps: number;
  seed: number;
  /** A seeded width × depth velocity network (flow matching only); the exact field when absent. */
  net?: { width: number; depth: number };
}

const processOf = (c: DiffusionCase) => (c.sampler.kind === 'flow' ? flowProcess() : vpProcess());

/** The fused run of a case with this seed, its steps split into `chunks` chunks, stopped at |x| > bound. */
async function fused(c: DiffusionCase, seed: number, chunks: number, bound = 1e6, maxSteps = Infinity) {
  const process = processOf(c);
  const seeds = runSeeds(seed);
  const initial = Float32Array.from({ length: c.n }, () => process.priorStd * seeds.init.normal());
  const rows = diffusionRows(process, c.sampler, c.steps);
  const pc = c.sampler.kind === 'pc' ? c.sampler : null;
  const plan = buildSamplerPlan({
    score: fusedFieldKind(c.sampler, c.net),
    mixture: DEFAULT_MIXTURE,
    net: c.net ? randomNet(c.net.width, c.net.depth, 9) : undefined,
    schedule: packRows(rows),
    initial,
    trackCount: 0,
    weightStride: 0,
    maxRecords: 0,
    maxGather: 1,
    corrector: pc ? { rows: packCorrectorRows(correctorRows(process, c.steps, pc.snr)) } : undefined,
  });
  const d = await device();
  d.pushErrorScope('validation');
  const runner = new PlanRunner(d, plan);
  const key = [seeds.noiseSeed >>> 0, SAMPLER_STREAM] as const;
  const options = {
    fields: { n: c.n, key0: key[0], key1: key[1], bound },
    corrector: pc ? { steps: pc.correctorSteps ?? 1, key, bound } : undefined,
  };
  const total = Math.min(rows.length, maxSteps);
  const t0 = performance.now();
  let done = 0;
  let diverged = false;
  let escaped = 0;
  for (let k = 0; k < chunks && !diverged; k++) {
    const count = Math.round(((k + 1) * total) / chunks) - done;
    const chunk = await runDiffusionChunk(runner, options, done, count);
    diverged = chunk.committed < count;
    escaped = chunk.escaped ?? 0;
    done += chunk.committed;
  }
  const xs = new Float32Array(await runner.read('xs'));
  const seconds = (performance.now() - t0) / 1000;
  const error = await d.popErrorScope();
  runner.dispose();
  if (error) throw new Error(error.message);
  return { xs, seconds, diverged, steps: done, escaped };
}

/** The JavaScript run of the same case: DiffusionRun on the exact score, FlowRun on the exact or the network's velocity. */
function reference(c: DiffusionCase, seed: number): Float64Array {
  const { sampler, n, steps } = c;
  if (sampler.kind === 'flow') {
    const net = c.net;
    const p = net ? randomNet(net.width, net.depth, 9) : null;
    const process = flowProcess();
    const field: Velocity =
      p && net
        ? (xs, t, out) => {
            // tf/eps/evaluate.ts's input rows (c_in x, log λ) at t, and the output used as it is.
            const rows = epsInputRows(process, xs, t);
            for (let i = 0; i < xs.length; i++)
              out[i] = jsNet(p, net.width, net.depth, rows[2 * i], rows[2 * i + 1]);
          }
        : exactVelocity(DEFAULT_MIXTURE);
    return new FlowRun({ solver: sampler.solver, steps, n, seed }, field).run();
  }
  const process = vpProcess();
  const score = exactProcessScore(DEFAULT_MIXTURE, process);
  return new DiffusionRun({ process, sampler, steps, n, seed, score }).run();
}

/** A fused reverse-time sampler against its JavaScript run: KS (and for ODEs pointwise), determinism, the seed's effect. */
export async function diffusion(c: DiffusionCase) {
  const a = await fused(c, c.seed, 1);
  const again = await fused(c, c.seed, 2);
  // Another seed: its particles must differ. An ODE's end depends on its start alone, so a tenth of the
  // particles shows that (same kernels, less time); a sampler with noise keeps n, as its corrector's norms depend
  // on n and would make any two sizes differ.
  const ode = c.sampler.kind === 'ode' || c.sampler.kind === 'flow';
  const other = await fused({ ...c, n: ode ? Math.ceil(c.n / 10) : c.n }, c.seed + 1, 1);
  // A 1D ODE's flow map is monotone and KS is invariant under monotone maps, so KS between an ODE run and its
  // reference from other draws equals the KS of the draws, whatever field was integrated. An ODE is therefore
  // checked particle by particle against the reference from the same draws; a sampler with noise (its own
  // generator in each engine) in distribution, against a reference from other draws.
  const t0 = performance.now();
  const ref = reference(c, ode ? c.seed : c.seed + 100);
  const jsSeconds = (performance.now() - t0) / 1000;
  let maxDiff = 0;
  if (ode)
    for (let i = 0; i < c.n; i++)
      maxDiff = Math.max(maxDiff, Math.abs(a.xs[i] - ref[i]) / (1 + Math.abs(ref[i])));
  return {
    n: c.n,
    steps: a.steps,
    ks: ks2(a.xs, ref),
    critical: 1.628 * Math.sqrt((2 * c.n) / (c.n * c.n)),
    diverged: a.diverged || again.diverged,
    sameSeedEqual: a.xs.every((x, i) => Object.is(x, again.xs[i])),
    otherSeedDiffers: other.xs.some((x, i) => x !== a.xs[i]),
    finite: a.xs.every(Number.isFinite),
    /** ODEs only: the largest |fused − JS| / (1 + |JS|) over particles started from the same draws. */
    maxDiff: ode ? maxDiff : null,
    particleStepsPerSec: (c.n * a.steps) / a.seconds,
    jsSeconds,
  };
}

/**
 * The divergence rule. The largest |x| after each number of steps j, M_j, comes from clean runs; with k the step
 * where it peaks (k ≥ 1) and a bound between M_k and every earlier M_j, a run must stop before step k, after its
 * last good step, and keep that state: inside the bound, bit for bit the state of a run asked for that many steps.
 */
export async function divergence(c: DiffusionCase) {
  const peaks: number[] = [];
  for (let j = 0; j <= c.steps; j++) {
    const { xs } = await fused(c, c.seed, 1, 1e6, j);
    peaks.push(xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0));
  }
  const k = peaks.indexOf(Math.max(...peaks));
  const bound = 0.5 * (peaks[k] + Math.max(...peaks.slice(0, Math.max(1, k))));
  const stopped = await fused(c, c.seed, 1, bound);
  const clean = await fused(c, c.seed, 1, 1e6, stopped.steps);
  return {
    peaks,
    peakStep: k,
    bound,
    steps: stopped.steps,
    escaped: stopped.escaped,
    keptLastGood: stopped.xs.every((x, i) => Object.is(x, clean.xs[i])),
    insideBound: stopped.xs.every((x) => Math.abs(x) <= bound),
  };
}
