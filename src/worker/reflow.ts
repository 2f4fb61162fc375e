/**
 * One round of reflow in the sampler worker, on the velocity model it holds (engine/flow/reflowPairs.ts): the
 * learned ODE's own (noise, sample) pairs, a copy of the velocity network trained further on them with the same
 * loss, and what the page shows of the result: straightness of both models' paths from the same noise, and the
 * reflowed model's W1 against the number of steps.
 */
import { learnedStepsCurves, startNoise, type StepsCurve } from '../engine/flow/learnedSteps';
import { ReflowBatchSource, reflowPairs } from '../engine/flow/reflowPairs';
import { AsyncFlowRun, speedDeviation, straightness, type AsyncVelocity } from '../engine/flow';
import { learnedField, type EpsModel } from '../engine/tf/eps/learnedJob';
import type { LoadedModel } from '../engine/tf/modelFile';
import { Trainer } from '../engine/tf/trainer';
import type { ReflowRequest } from './samplerProtocol';

/** Paths of the straightness read-out: as the exact-field path figure, 24 particles, 100 Heun steps. */
const PATHS = 24;
const PATH_STEPS = 100;
/** Training steps between progress reports (and cancellation checks). */
const CHUNK = 100;

export interface ReflowHooks {
  cancelled: () => boolean;
  onProgress: (step: number, total: number) => void;
  yieldTurn: () => Promise<void>;
}

export interface PathsRead {
  straightness: number;
  speedDeviation: number;
  times: number[];
  /** paths[j]: particle j at each time. */
  paths: number[][];
}

export interface ReflowOutcome {
  before: PathsRead;
  after: PathsRead;
  w1VsSteps: StepsCurve[];
  /** The mean training loss over the last chunk (its floor is 0 for a coupling whose lines never cross). */
  finalLoss: number;
}

async function readPaths(velocity: AsyncVelocity, seed: number): Promise<PathsRead> {
  const run = new AsyncFlowRun(
    {
      solver: 'heun',
      steps: PATH_STEPS,
      n: PATHS,
      seed,
      start: startNoise(seed, PATHS),
      tracks: PATHS,
      maxRecords: PATH_STEPS,
    },
    velocity,
  );
  await run.step(PATH_STEPS);
  const traj = run.trajectories();
  return {
    straightness: straightness(traj),
    speedDeviation: speedDeviation(traj),
    times: traj.times,
    paths: Array.from({ length: traj.tracks }, (_, j) =>
      traj.times.map((_, r) => traj.positions[r * traj.tracks + j]),
    ),
  };
}

/** Reflows `model` (a velocity model, `field` its network); resolves null when cancelled. */
export async function runReflow(
  model: LoadedModel,
  field: EpsModel,
  request: ReflowRequest,
  hooks: ReflowHooks,
): Promise<ReflowOutcome | null> {
  const spec = model.config.diffusion!;
  const first = learnedField(field, spec);
  const pairs = await reflowPairs(first, { n: request.pairs, seed: request.seed, steps: request.pairSteps });
  const batches = new ReflowBatchSource(pairs, model.config.batch, request.seed);
  const trainer = new Trainer(model.config, { params: model.params, batches });
  try {
    let finalLoss = NaN;
    for (let done = 0; done < request.trainSteps;) {
      if (hooks.cancelled()) return null;
      const chunk = Math.min(CHUNK, request.trainSteps - done);
      const losses = await trainer.train(chunk);
      const diverged = trainer.divergence(losses);
      if (diverged) throw new Error(`Reflow: ${diverged}`);
      finalLoss = losses.reduce((a, b) => a + b, 0) / losses.length;
      done += chunk;
      hooks.onProgress(done, request.trainSteps);
      await hooks.yieldTurn();
    }
    const second = learnedField(trainer, spec);
    const w1VsSteps = await learnedStepsCurves({
      mixture: request.mixture,
      seed: request.seed,
      n: request.n,
      stepCounts: request.stepCounts,
      velocity: second,
      velocityName: { id: 'reflow', label: 'reflowed velocity' },
      cancelled: hooks.cancelled,
    });
    if (!w1VsSteps) return null;
    return {
      before: await readPaths(first, request.seed),
      after: await readPaths(second, request.seed),
      w1VsSteps,
      finalLoss,
    };
  } finally {
    trainer.dispose();
  }
}
