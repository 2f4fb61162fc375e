/**
 * Learned-score sampling has one home, the sampler worker: the training worker trains, and the model it holds is
 * copied into the sampler worker (its model file's numbers, save → loadModel) once per trained version. The
 * Langevin, annealed and diffusion pages all sample from that copy, so sampling never queues behind training
 * chunks (or the other way round).
 */
import type { StatusEvent } from '../worker/protocol';
import { samplerClient } from './samplerSession';
import { trainerClient } from './trainSession';

/** The training worker's model the sampler worker holds: its config and step. */
let copiedKey: string | null = null;

/** Whether a model was ever copied into the sampler worker in this tab. */
export const samplerHasModel = (): boolean => copiedKey !== null;

/**
 * Makes the sampler worker hold the model the training worker reported in `status` (a copy is made only when the
 * config or the step changed since the last one).
 */
export async function copyModelToSampler(status: StatusEvent): Promise<void> {
  if (!status.config) throw new Error('There is no trained model yet: train one first.');
  const key = `${JSON.stringify(status.config)}@${status.step}`;
  if (key === copiedKey) return;
  const saved = await trainerClient().save();
  await samplerClient().loadModel(saved.json);
  copiedKey = key;
}
