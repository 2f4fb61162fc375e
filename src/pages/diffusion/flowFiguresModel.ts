/**
 * The data of the two flow-matching figures, as plain numbers (SCIENCE.md §10), all on exact fields:
 * - paths: a few particles carried from the same starting noise at t = 1 to t = 0, by flow matching's ODE and by
 *   the VP probability-flow ODE, recorded at every step, with each transport's straightness;
 * - steps: W1 to the data against the number of steps for both ODEs (Euler and Heun), from the same noise.
 * Both transports start from N(0, 1) (the VP prior), so the same draws are a valid start for each.
 */
import { DiffusionRun, exactProcessScore, vpProcess } from '../../engine/diffusion';
import { exactVelocity, FlowRun, speedDeviation, straightness, type FlowSolver } from '../../engine/flow';
import { startNoise, type StepsCurve } from '../../engine/flow/learnedSteps';
import { wasserstein1 } from '../../engine/metrics';
import type { Mixture } from '../../engine/mixture';
import { createRng } from '../../engine/rng';

export const PATH_COUNT = 24;
export const PATH_STEPS = 100;
export const STEP_COUNTS = [2, 4, 8, 16, 32, 64] as const;
export const STEPS_N = 2000;

export interface TransportPaths {
  times: number[];
  /** paths[j] is particle j's position at each time. */
  paths: number[][];
  /** Length over chord (SCIENCE.md §10). */
  straightness: number;
  /** Mean squared deviation from constant speed on the chord (Liu et al. 2022). */
  speedDeviation: number;
}

function unpack(traj: { times: number[]; positions: Float32Array; tracks: number }): number[][] {
  return Array.from({ length: traj.tracks }, (_, j) =>
    traj.times.map((_, r) => traj.positions[r * traj.tracks + j]),
  );
}

function read(traj: { times: number[]; positions: Float32Array; tracks: number }): TransportPaths {
  return {
    times: traj.times,
    paths: unpack(traj),
    straightness: straightness(traj),
    speedDeviation: speedDeviation(traj),
  };
}

/** The same PATH_COUNT starting points, both transports, Heun with PATH_STEPS steps. */
export function flowVsVpPaths(mixture: Mixture, seed: number): { fm: TransportPaths; vp: TransportPaths } {
  const start = createRng(seed).normals(PATH_COUNT);
  const common = {
    steps: PATH_STEPS,
    n: PATH_COUNT,
    seed,
    start,
    tracks: PATH_COUNT,
    maxRecords: PATH_STEPS,
  };
  const fmRun = new FlowRun({ ...common, solver: 'heun' }, exactVelocity(mixture));
  fmRun.run();
  const vp = vpProcess();
  const vpRun = new DiffusionRun({
    ...common,
    process: vp,
    score: exactProcessScore(mixture, vp),
    sampler: { kind: 'ode', solver: 'heun' },
  });
  vpRun.run();
  const fmTraj = fmRun.trajectories();
  const vpTraj = vpRun.trajectories();
  return {
    fm: read(fmTraj),
    vp: read(vpTraj),
  };
}

export type { StepsCurve };

/** The four ODEs of the steps figure, each a function of the step count, all from the same noise. */
export function stepsSamplers(
  mixture: Mixture,
  seed: number,
): { id: string; label: string; sample: (steps: number) => Float64Array }[] {
  // The learned curves (engine/flow/learnedSteps.ts) start from these draws too.
  const start = startNoise(seed, STEPS_N);
  const field = exactVelocity(mixture);
  const vp = vpProcess();
  const score = exactProcessScore(mixture, vp);
  const flow = (solver: FlowSolver) => (steps: number) =>
    new FlowRun({ solver, steps, n: STEPS_N, seed, start, tracks: 0 }, field).run();
  const pf = (solver: FlowSolver) => (steps: number) =>
    new DiffusionRun({
      process: vp,
      score,
      sampler: { kind: 'ode', solver },
      steps,
      n: STEPS_N,
      seed,
      start,
      tracks: 0,
    }).run();
  return [
    { id: 'fm-heun', label: 'Flow matching, Heun', sample: flow('heun') },
    { id: 'fm-euler', label: 'Flow matching, Euler', sample: flow('euler') },
    { id: 'vp-heun', label: 'VP probability-flow ODE, Heun', sample: pf('heun') },
    { id: 'vp-euler', label: 'VP probability-flow ODE, Euler', sample: pf('euler') },
  ];
}

/**
 * W1 against steps on the exact fields, one point per call of `next` (so a page can yield between points and
 * stay responsive); `curves` holds what is done so far.
 */
export function* w1AgainstSteps(mixture: Mixture, seed: number): Generator<StepsCurve[], void, void> {
  const samplers = stepsSamplers(mixture, seed);
  const curves: StepsCurve[] = samplers.map((s) => ({ id: s.id, label: s.label, steps: [], w1: [] }));
  for (const steps of STEP_COUNTS) {
    samplers.forEach((s, i) => {
      curves[i].steps.push(steps);
      curves[i].w1.push(wasserstein1(s.sample(steps), mixture));
    });
    yield curves.map((c) => ({ ...c, steps: [...c.steps], w1: [...c.w1] }));
  }
}
