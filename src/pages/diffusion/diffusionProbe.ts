/**
 * The automation hook's view of the diffusion page (CONTRACT.md): step, n, modeWeights, w1, ks, mean, std,
 * particleStepsPerSec, plus the sampler, steps and the comparison table. `w1` appears once a run has finished
 * (tests wait for it). run() samples the current link to its end — training the ε-model first when score=learned
 * and none is held — and resolves with the metrics.
 */
import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { pageSchemas } from '../../store/schemas';
import type { ScoreSource } from '../../worker/samplerProtocol';
import { useDiffusionSession } from '../../store/diffusionSession';
import { hasModelFor, sample, train } from './diffusionActions';
import { learnedKey, learnedLikelihood, useLearnedLikelihood } from './learnedLikelihood';
import { likelihoodFor } from './likelihoodModel';
import { playbackMetrics } from './playbackProbe';
import { flowFigureMetrics } from './flowFiguresStore';

/**
 * `likelihood`: log p(x) on a grid over the data, closed form (`exact`) and by the probability-flow ODE with the
 * page's process, solver, steps and score (`ode`; for score=learned null until the worker has integrated it,
 * `odeExactScore` always the exact score's); `nll`: mean negative log-likelihood in nats over 256 fixed data
 * samples, the same way.
 */
/** The hook names a score source in the link's words (`true` | `learned`), as `params()` does. */
function scoreWord(score: ScoreSource): string {
  return pageSchemas.diffusion.score.format(score);
}

function likelihoodMetrics(): Record<string, unknown> {
  const values = pageValues('diffusion');
  const r = likelihoodFor(values);
  const learned = values.score === 'learned';
  const state = useLearnedLikelihood.getState().state;
  const done = learned && state.kind === 'done' && state.key === learnedKey(values) ? state : null;
  return {
    likelihood: {
      x: Array.from(r.x),
      exact: Array.from(r.exact),
      ode: learned ? (done ? Array.from(done.ode) : null) : Array.from(r.ode),
      odeExactScore: Array.from(r.ode),
      odeScore: scoreWord(values.score),
      steps: r.steps,
      solver: r.solver,
      maxGap: r.maxGap,
    },
    nll: {
      exact: r.nll.exact,
      ode: learned ? (done ? done.nll : null) : r.nll.ode,
      odeExactScore: r.nll.ode,
    },
  };
}

function metrics(): Record<string, unknown> {
  const values = pageValues('diffusion');
  const { result, table, mode, model, needsModel, loss } = useDiffusionSession.getState();
  const base: Record<string, unknown> = {
    sampler: values.sampler,
    sde: values.sde,
    score: scoreWord(values.score),
    steps: values.steps,
    // The full-speed run's state (idle, sampling, training, failed); `mode` is the playback's (CONTRACT.md).
    runMode: mode.kind,
    ...playbackMetrics(),
    table: table.map((row) => ({ ...row, score: scoreWord(row.score) })),
    needsModel,
    model: model ? { step: model.step, loss } : null,
    ...likelihoodMetrics(),
    flow: values.sde === 'fm' ? flowFigureMetrics() : null,
  };
  if (!result) return base;
  const s = result.summary;
  return {
    ...base,
    step: result.step,
    totalSteps: result.totalSteps,
    n: result.n,
    modeWeights: s?.modeWeights ?? null,
    w1: s?.w1 ?? null,
    ks: s?.ks ?? null,
    mean: s?.mean ?? null,
    std: s?.std ?? null,
    particleStepsPerSec: result.particleStepsPerSec,
    scoreEvaluations: result.scoreEvaluations,
    seconds: result.seconds,
    diverged: result.diverged,
    resultScore: scoreWord(result.score),
  };
}

async function run(): Promise<Record<string, unknown>> {
  const values = pageValues('diffusion');
  if (values.score === 'learned' && !hasModelFor(values)) await train(values);
  // A run superseded by a newer request (a slider moved meanwhile) resolves null: sample the link as it is now.
  for (let tries = 0; tries < 5; tries++) {
    if (await sample(pageValues('diffusion'))) break;
    if (useDiffusionSession.getState().needsModel) break;
  }
  await learnedLikelihood(pageValues('diffusion'));
  return metrics();
}

export const diffusionProbe: PageProbe = { metrics, run };
