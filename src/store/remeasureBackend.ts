/**
 * The re-measure control beside the backend badge: asks the training worker to time the backends again (its
 * `auto` then ignores this browser's cached verdict). The reply arrives as an ordinary `backend` event, which
 * trainSession.ts mirrors into the badge; a failure becomes a notice.
 */
import { useAppStore } from './appStore';
import { trainerClient } from './trainSession';

export async function remeasureBackend(): Promise<void> {
  try {
    await trainerClient().init('auto', true);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    useAppStore.getState().addNotice(`Re-measuring the backends failed: ${message}`, 'runtime', 'error');
  }
}
