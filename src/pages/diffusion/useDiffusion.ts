/**
 * Keeps the page's run in step with its URL: starts the training worker's backend (the badge, and training the
 * ε-model, need it), adopts an ε-model the worker already holds, and re-samples whenever anything that changes
 * the samples changes (debounced while a slider moves).
 */
import { useEffect } from 'react';
import { pageValues, useAppStore, usePageValues } from '../../store/appStore';
import { trainerClient } from '../../store/trainSession';
import { rowKey, useDiffusionSession } from '../../store/diffusionSession';
import { jobOf } from './diffusionModel';
import { adoptWorkerModel, sample } from './diffusionActions';

const DEBOUNCE_MS = 150;

export function useDiffusion(): void {
  const values = usePageValues('diffusion');
  const backend = values.backend;
  const modelStep = useDiffusionSession((s) => s.model?.step ?? 0);

  useEffect(() => {
    const client = trainerClient();
    client
      .init(backend)
      .then(() => adoptWorkerModel(pageValues('diffusion')))
      .catch((error: Error) => useAppStore.getState().addNotice(error.message, 'runtime', 'error'));
  }, [backend]);

  const key = rowKey(jobOf(values), values.score);
  useEffect(() => {
    const timer = setTimeout(() => void sample(pageValues('diffusion')), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, modelStep]);
}
