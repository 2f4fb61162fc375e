import { pageValues } from '../../store/appStore';
import { usePlaneModel } from '../../store/planeModel';
import { runPlaneToEnd, usePlaneSampling } from '../../store/planeSampling';
import type { PageProbe } from '../../store/probe';
import { learnedRefusal } from './learnedRun';
import { planeFrameStats } from './planeTransport';

/** metrics(): the run's stage and last measured read-outs (CONTRACT.md §3), and the frame rate while playing. */
function metrics(): Record<string, unknown> {
  const {
    mode,
    stage,
    metrics: m,
    particleStepsPerSec,
    error,
    model,
    scoreEngine,
  } = usePlaneSampling.getState();
  const values = pageValues('sampling2d');
  const { sampler, score } = values;
  const frames = planeFrameStats();
  const planeModel = usePlaneModel.getState().model;
  // With a model, why it cannot serve this run (the σ range needed and the one trained), or null.
  const refusal = score === 'learned' && planeModel ? learnedRefusal(values, planeModel) : null;
  return {
    mode,
    sampler,
    score,
    error,
    step: stage?.step ?? 0,
    totalSteps: stage?.totalSteps ?? 0,
    t: stage?.t ?? null,
    sigma: stage?.sigma ?? null,
    level: stage?.level ?? null,
    stopped: stage?.stopped ?? null,
    n: m?.n ?? pageValues('sampling2d').n,
    // The read-outs appear once the worker has measured them (the first frame carries them).
    ...(m
      ? {
          modeWeights: m.modeWeights,
          sw1: m.sw1,
          sw1Floor: m.sw1Floor,
          slicedN: m.slicedN,
          mean: m.mean,
          cov: m.cov,
          exactMean: m.exactMean,
          exactCov: m.exactCov,
        }
      : {}),
    needsModel: score === 'learned' && planeModel === null,
    // score=learned with a run the model's σ range does not cover samples nothing (LearnedGate says why): a
    // finished view too.
    learnedUnsupported: refusal !== null,
    learnedRefusal: refusal,
    // What the current run samples with: a trained network (and its snapshot's step) or the exact score.
    scoreSource: model ? 'learned' : 'exact',
    modelStep: model?.step ?? null,
    // How the network is evaluated (TensorFlow.js on wasm, or plain JavaScript and why); null on the exact score.
    scoreEngine,
    particleStepsPerSec,
    fps: frames.fps,
    frameMs: frames.frameMs,
    paintMs: frames.paintMs,
  };
}

/** Waits for the run the current link starts, then runs it to the end. */
async function run(): Promise<Record<string, unknown>> {
  // score=learned with no model, or with a sampler a field2d network cannot serve, runs nothing (LearnedGate says
  // why): there is no run to finish.
  const values = pageValues('sampling2d');
  const model = usePlaneModel.getState().model;
  if (values.score === 'learned' && (!model || learnedRefusal(values, model) !== null)) return metrics();
  const started = performance.now();
  while (['starting', 'idle'].includes(usePlaneSampling.getState().mode)) {
    if (performance.now() - started > 30_000) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const mode = usePlaneSampling.getState().mode;
  if (mode === 'paused' || mode === 'playing') await runPlaneToEnd();
  return metrics();
}

export const sampling2dProbe: PageProbe = { metrics, run };
