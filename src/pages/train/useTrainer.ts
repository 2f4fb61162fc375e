/**
 * Keeps the worker in step with the page's URL parameters: starts the chosen backend, configures a new run when a
 * parameter that defines the run changes (debounced while a slider moves), and keeps a trained model when the
 * reader comes back with the same settings.
 */
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/appStore';
import { trainerClient, useTrainSession } from '../../store/trainSession';
import type { BackendRequest } from '../../worker/protocol';
import { sameRun, trainConfigFrom } from '../../store/trainConfig';

const CONFIGURE_DEBOUNCE_MS = 200;

export function useTrainer(): void {
  const values = useAppStore((s) => s.values);
  const backend = values.backend as BackendRequest;
  const level = values.level as number;
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
      if (sameRun(status.config, JSON.parse(configKey))) return;
      await client.configure(JSON.parse(configKey));
      await client.evaluate({ level: useAppStore.getState().values.level as number });
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
