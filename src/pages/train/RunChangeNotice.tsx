import { useAppStore } from '../../store/appStore';
import { trainerClient, useTrainSession } from '../../store/trainSession';

/**
 * Says what the last setting change did to the trained run. Kept: the run goes on from its step with the new
 * settings. Reset: a network of another shape (or for another problem) starts at step 0; the old run is set
 * aside in the worker, and Undo brings it back together with its settings.
 */
export function RunChangeNotice() {
  const change = useTrainSession((s) => s.change);
  if (!change) return null;
  const dismiss = () => useTrainSession.setState({ change: null });
  if (change.kind === 'kept')
    return (
      <div className="run-change" role="status" data-testid="train-kept-notice">
        <span>
          Changed {change.what}: the network keeps its weights and goes on from step {change.step}{' '}
          (Adam&rsquo;s running averages start afresh).
        </span>
        <button type="button" className="button" onClick={dismiss} aria-label="Dismiss">
          ×
        </button>
      </div>
    );
  const undo = async () => {
    const saved = change;
    try {
      await trainerClient().undo();
      // The worker already runs the old settings: putting them back in the URL then configures nothing.
      useAppStore.getState().setParams(saved.values);
      useTrainSession.setState({ change: null, fisherHistory: saved.fisherHistory });
    } catch (error) {
      useAppStore.getState().addNotice((error as Error).message, 'runtime', 'error');
    }
  };
  return (
    <div className="run-change reset" role="alert" data-testid="train-reset-notice">
      <span>
        Changed {change.what}: that needs a new network, so training starts again at step 0. The model trained
        for {change.step} steps is set aside.
      </span>
      <button type="button" className="button primary" onClick={() => void undo()} data-testid="train-undo">
        Undo: back to step {change.step}
      </button>
      <button type="button" className="button" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
