import { usePlaneSession } from '../../store/planeSession';

/**
 * Says what the last setting change did to a trained run: kept (the same network shape and seed: the run goes on
 * from its step with the new settings) or reset (a new network at step 0).
 */
export function PlaneRunNotice() {
  const change = usePlaneSession((s) => s.change);
  if (!change) return null;
  const dismiss = () => usePlaneSession.setState({ change: null });
  return (
    <div
      className={change.kind === 'kept' ? 'run-change' : 'run-change reset'}
      role={change.kind === 'kept' ? 'status' : 'alert'}
      data-testid={`plane-${change.kind}-notice`}
    >
      <span>
        {change.kind === 'kept'
          ? `Changed ${change.what}: the network goes on from step ${change.step}, starting from its moving-average weights (the ones drawn and evaluated); Adam’s running averages start afresh.`
          : `Changed ${change.what}: that needs a new network (another shape or seed), so training starts again at step 0; the model trained for ${change.step} steps is gone.`}
      </span>
      <button type="button" className="button" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
