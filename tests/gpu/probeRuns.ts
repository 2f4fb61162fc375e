/**
 * The fused samplers against the JavaScript samplers, in distribution (two-sample Kolmogorov–Smirnov) and for
 * determinism, on the browser's WebGPU adapter. Installed as window.gpuProbe (with probe.ts's kernel checks).
 */
import { FusedParticleRun, learnedSigmaRule } from '../../src/engine/tf/fused/samplerRun';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { createAnnealedRun, createLangevinRun, type BatchScore } from '../../src/engine/sampling';
import { planRun, type SamplingSpec } from '../../src/engine/sampling/plan';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../src/engine/training/config';
import { device, flowVelocityCheck, jsNet, ks2, mixtureCheck, netCheck, philox, randomNet } from './probe';
import { diffusion, divergence } from './probeDiffusion';

/** The 1 % critical value of the two-sample KS statistic: c(0.01) = 1.628 times √((n + m)/(n m)). */
const ksCritical = (n: number, m: number) => 1.628 * Math.sqrt((n + m) / (n * m));

export interface LangevinCase {
  kind: 'langevin' | 'annealed';
  score: 'exact' | 'learned';
  n: number;
  steps: number;
  seed: number;
  width?: number;
  depth?: number;
}

function specOf(c: LangevinCase, seed: number): SamplingSpec {
  const common = {
    mixture: DEFAULT_MIXTURE.map((m) => ({ ...m })),
    n: c.n,
    eps: c.kind === 'annealed' ? 0.002 : 0.01,
    steps: c.steps,
    init: { kind: 'uniform' as const, a: -3, b: 3 },
    seed,
    snapshotRange: { lo: -5, hi: 5, bins: 40 },
    tracks: 8,
  };
  return c.kind === 'annealed'
    ? { ...common, kind: 'annealed', smin: 0.1, smax: 3, levels: 5 }
    : { ...common, kind: 'langevin' };
}

async function fusedRun(c: LangevinCase, seed: number, config: TrainConfig, net: Float32Array | null) {
  const score = net
    ? { kind: 'learned' as const, config, params: [{ values: net }] }
    : { kind: 'exact' as const };
  const run = await FusedParticleRun.create(await device(), planRun(specOf(c, seed)), score);
  const t0 = performance.now();
  while (!run.state().done) await run.advance(Infinity, 10_000);
  const seconds = (performance.now() - t0) / 1000;
  const xs = await run.particles();
  const h = await run.histogram({ lo: -5, hi: 5, bins: 50 });
  const tracks = run.takeTracks();
  const metrics = await run.metrics();
  const state = run.state();
  run.dispose();
  return { xs, h, tracks, metrics, state, seconds };
}

async function langevin(c: LangevinCase) {
  const width = c.width ?? 16;
  const depth = c.depth ?? 2;
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, width, depth, smin: 0.1, smax: 3, levels: 5 };
  const net = c.score === 'learned' ? randomNet(width, depth, 9) : null;
  const a = await fusedRun(c, c.seed, config, net);
  const again = await fusedRun(c, c.seed, config, net);
  const other = await fusedRun(c, c.seed + 1, config, net);
  // The JS reference: the same schedule and seed split, its own noise stream (ziggurat), in double precision.
  const rule = learnedSigmaRule(config);
  const score: BatchScore | undefined = net
    ? (xs, out, sigma) => {
        const s = rule(sigma);
        for (let i = 0; i < xs.length; i++) out[i] = jsNet(net, width, depth, xs[i], Math.log(s)) / s;
      }
    : undefined;
  const spec = specOf(c, c.seed + 100);
  const ref =
    spec.kind === 'annealed'
      ? createAnnealedRun({ ...spec, T: spec.steps, score, trajectories: false })
      : createLangevinRun({ ...spec, score, trajectories: false });
  ref.step(Infinity);
  // The kernel's bin rule in f32 arithmetic (j = ⌊(x − lo)·scale⌋, each operation rounded to f32), so the
  // atomic counts must equal these exactly.
  const scale32 = Math.fround(50 / 10);
  const cpuCounts = new Array<number>(50).fill(0);
  for (const x of a.xs) {
    const j = Math.floor(Math.fround(Math.fround(x + 5) * scale32));
    if (j >= 0 && j < 50) cpuCounts[j]++;
  }
  const last = a.tracks.steps.length - 1;
  const trackIdx = planRun(specOf(c, c.seed)).trackIndices;
  return {
    n: c.n,
    steps: a.state.step,
    ks: ks2(a.xs, ref.particles),
    critical: ksCritical(a.xs.length, ref.particles.length),
    sameSeedEqual: a.xs.every((x, i) => Object.is(x, again.xs[i])),
    otherSeedDiffers: a.xs.some((x, i) => x !== other.xs[i]),
    histogramsMatch: cpuCounts.every((v, j) => v === a.h.counts[j]),
    lastTrackStep: a.tracks.steps[last],
    tracksMatch: Array.from(trackIdx).every(
      (i, j) => a.tracks.positions[last * trackIdx.length + j] === a.xs[i],
    ),
    gpuMean: a.metrics.mean,
    cpuMean: a.xs.reduce((s, x) => s + x, 0) / a.xs.length,
    weights: a.metrics.weights,
    particleStepsPerSec: (c.n * a.state.step) / a.seconds,
    diverged: a.state.divergence?.reason ?? null,
  };
}

declare global {
  interface Window {
    gpuProbe: Record<string, (...args: never[]) => Promise<unknown>>;
  }
}

window.gpuProbe = { philox, mixtureCheck, flowVelocityCheck, netCheck, langevin, diffusion, divergence };
document.title = 'gpu probe ready';
