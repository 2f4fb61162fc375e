import { pageValues } from '../../store/appStore';
import { train } from './diffusionActions';
import type { LearnedStepsState } from './flowFiguresStore';

/**
 * What the steps figure says about its learned curves: that they are being computed, which model is missing
 * and how to get it (the velocity model with the page's own Train action), or why they failed.
 */
export function LearnedStepsNote({ learned }: { learned: LearnedStepsState | null }) {
  if (!learned || learned.status === 'computing')
    return <span data-testid="flow-steps-learned">Learned curves: computing…</span>;
  if (learned.status === 'training')
    return (
      <span data-testid="flow-steps-learned">
        The velocity model is training; its curves follow when it is done.
      </span>
    );
  if (learned.status === 'failed')
    return <span data-testid="flow-steps-learned">The learned curves failed: {learned.message}</span>;
  const models = learned.models ?? { fm: false, vp: false };
  return (
    <span data-testid="flow-steps-learned">
      {models.fm ? (
        <>Dotted (Heun) and dash-dotted (Euler): the same runs on the learned velocity. </>
      ) : (
        <>
          No velocity model is trained for these settings, so no learned flow-matching curve is drawn yet.{' '}
          <button
            type="button"
            className="button primary"
            onClick={() => void train(pageValues('diffusion'))}
            data-testid="flow-steps-train"
          >
            Train the velocity model
          </button>{' '}
        </>
      )}
      {models.vp
        ? 'The VP ODE on a learned ε-model of this mixture is drawn the same way.'
        : 'The VP probability-flow ODE’s learned curve needs an ε-model trained on the VP SDE for this mixture: choose the VP SDE, train it, and come back; the page keeps it until the tab is reloaded.'}
    </span>
  );
}
