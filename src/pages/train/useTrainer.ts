/**
 * Keeps the worker in step with the page's URL parameters: starts the chosen backend, and when a parameter that
 * defines the run changes (debounced while a slider moves) tells the worker. A change that leaves the network's
 * shape and the problem alone (learning rate, batch, objective, levels) carries the trained run on; any other
 * starts a new network at step 0, sets the old run aside and says so, with an undo (RunChangeNotice). Coming back
 * with the same settings keeps the model.
 */
import { useEffect, useRef } from 'react';
import { pageValues, useAppStore, usePageValues } from '../../store/appStore';
import { trainerClient, useTrainSession } from '../../store/trainSession';
import { sameRun, trainConfigFrom, trainParamsOf } from '../../store/trainConfig';
import { keepsWeights, type TrainConfig } from '../../engine/training/config';
import { describeChange } from './runChange';

const CONFIGURE_DEBOUNCE_MS = 200;

export function useTrainer(): void {
  const values = usePageValues('train');
  const backend = values.backend;
  const level = values.level;
  const backendReady = useRef<Promise<unknown> | null>(null);

  // Start (or switch) the tensor backend.
  useEffect(() => {
    const client = trainerClient();
    backendReady.current = client.init(backend).catch((error: Error) => {
      useTrainSession.setState({ mode: { kind: 'failed', message: error.message } });
      useAppStore.getState().addNotice(error.message, 'runtime', 'error');
    });
  }, [backend]);

  // A new run whenever the run's definition changes; the same definition keeps the model.
  const { config, notice } = trainConfigFrom(values);
  const configKey = JSON.stringify(config);
  useEffect(() => {
    if (notice) useAppStore.getState().addNotice(notice, 'input', 'warning');
    const timer = setTimeout(async () => {
      const client = trainerClient();
      await backendReady.current;
      const status = await client.status();
      const next = JSON.parse(configKey) as TrainConfig;
      if (sameRun(status.config, next)) return;
      const old = status.config;
      const trained = old !== null && status.step > 0 && status.status !== 'diverged';
      const kept = trained && keepsWeights(old, next);
      const { fisherHistory } = useTrainSession.getState();
      await client.configure(next, { keep: true, undoable: true });
      if (old && trained) {
        const what = describeChange(old, next);
        useTrainSession.setState({
          change: kept
            ? { kind: 'kept', step: status.step, what }
            : { kind: 'reset', step: status.step, what, values: trainParamsOf(old), fisherHistory },
        });
      }
      await client.evaluate({ level: pageValues('train').level });
    }, CONFIGURE_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [configKey, notice]);

  // The shown level: periodic evaluations carry its curves.
  useEffect(() => {
    const client = trainerClient();
    void backendReady.current?.then(() => client.evaluate({ level }).catch(() => undefined));
  }, [level]);

  // Leaving the page pauses training (the model is kept for the sampling pages).
  useEffect(
    () => () => {
      void trainerClient()
        .pause()
        .catch(() => undefined);
    },
    [],
  );
}
