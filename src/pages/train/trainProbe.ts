import { pageValues, useAppStore } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { trainerClient, useTrainSession } from '../../store/trainSession';
import { trainConfigFrom } from '../../store/trainConfig';

/** metrics(): CONTRACT.md's train fields from the latest progress and evaluation. */
function metrics(): Record<string, unknown> {
  const { progress, evaluation, step, mode, lastRun } = useTrainSession.getState();
  return {
    step,
    loss: progress?.loss ?? null,
    lossHistory: progress?.lossHistory ?? { steps: [], losses: [] },
    sigmas: evaluation?.sigmas ?? [],
    fisher: evaluation?.fisher ?? [],
    meanFisher: evaluation?.meanFisher ?? null,
    fisherAtStart: evaluation?.fisherAtStart ?? null,
    evaluatedAtStep: evaluation?.step ?? null,
    stepsPerSec: progress?.stepsPerSec ?? lastRun?.stepsPerSec ?? 0,
    mode: mode.kind === 'ready' ? mode.status : mode.kind,
    diverged: mode.kind === 'diverged' ? mode.reason : null,
    backend: useAppStore.getState().backend.name,
  };
}

/**
 * run(): trains `steps` steps from the seed's initial weights as fast as possible and resolves with the run's
 * metrics (deterministic for a URL and backend), after refreshing the figures.
 */
async function run(): Promise<Record<string, unknown>> {
  const client = trainerClient();
  const values = pageValues('train');
  const { config } = trainConfigFrom(values);
  const status = await client.status();
  if (JSON.stringify(status.config) !== JSON.stringify(config)) await client.configure(config);
  const result = await client.runToEnd(values.steps);
  await client.evaluate({ level: values.level });
  return { ...metrics(), ...result.metrics };
}

export const trainProbe: PageProbe = { metrics, run };
