import { fmt } from '../../components/Readout';
import { useSamplerSession } from '../../store/samplerSession';
import {
  acceptUntrainedModel,
  resetRun,
  SAMPLE_MIN_STEPS,
  TRAIN_MIN_STEPS,
  TRAIN_STEP_CAP,
  TRAIN_TARGET,
  trainDefaults,
} from './samplerRun';

/**
 * The messages a run can need: stopped by a divergence (with its cause and a reset), no trained model for the
 * learned score (with a button that trains one), the training's progress, or an engine that would not start.
 */
export function RunPanels({ divergedHint }: { divergedHint: string }) {
  const mode = useSamplerSession((s) => s.mode);
  switch (mode.kind) {
    case 'diverged':
      return (
        <div className="diverged-panel" role="alert" data-testid="diverged">
          <strong>The particles diverged at step {mode.step}.</strong>
          <span data-testid="diverged-reason">{mode.reason}</span>
          <span>{divergedHint}</span>
          <button
            type="button"
            className="button"
            onClick={() => void resetRun()}
            data-testid="diverged-reset"
          >
            ↺ Reset the run
          </button>
        </div>
      );
    case 'needsModel': {
      const m = mode.model;
      const share = m && m.meanFisher !== null && m.startFisher ? m.meanFisher / m.startFisher : null;
      return (
        <div className="samp-panel" role="status" data-testid="needs-model">
          {m ? (
            <>
              <strong>
                The score network has trained for only {m.step.toLocaleString('en')} steps: too few to sample
                with.
              </strong>
              <span data-testid="model-quality">
                At step {m.step} its mean Fisher divergence is{' '}
                {m.meanFisher === null ? '–' : fmt(m.meanFisher)}
                {share !== null && <> ({fmt(100 * share, 2)}% of its value at step 0)</>}. Sampling waits for{' '}
                {SAMPLE_MIN_STEPS.toLocaleString('en')} steps: before that the particles show the
                network&rsquo;s error as much as Langevin&rsquo;s (with the defaults, the lecture example ends
                at W1 ≈ 0.6 from a model at step 80, against about 0.13 at step 1,000).
              </span>
            </>
          ) : (
            <strong>No score network has been trained yet.</strong>
          )}
          <span>
            The learned score is the network of the train page. Train one here with that page&rsquo;s defaults
            for this mixture (NCSN over 10 noise levels, a 2→64→64→1 network). Training stops once the mean
            Fisher divergence is below {100 * TRAIN_TARGET}% of where it started and at least{' '}
            {TRAIN_MIN_STEPS} steps are done, or at step {TRAIN_STEP_CAP}: about a quarter of a minute.
          </span>
          <span className="samp-panel-actions">
            <button
              type="button"
              className="button primary"
              onClick={() => void trainDefaults()}
              data-testid="train-defaults"
            >
              Train a score model with the defaults
            </button>
            <a href="#/train">or open the train page</a>
            {m && (
              <button
                type="button"
                className="button"
                onClick={() => void acceptUntrainedModel()}
                data-testid="sample-anyway"
              >
                Sample with it anyway
              </button>
            )}
          </span>
        </div>
      );
    }
    case 'training': {
      const share = mode.meanFisher !== null && mode.startFisher ? mode.meanFisher / mode.startFisher : null;
      return (
        <div className="samp-panel" role="status" data-testid="training">
          <strong>Training the score network…</strong>
          <progress max={TRAIN_STEP_CAP} value={mode.step} aria-label="Training progress" />
          <span>
            step <strong data-testid="training-step">{mode.step}</strong> · mean Fisher divergence{' '}
            <strong data-testid="training-fisher">
              {mode.meanFisher === null ? '–' : fmt(mode.meanFisher)}
            </strong>
            {share !== null && (
              <>
                {' '}
                ({fmt(100 * share, 2)}% of step 0; stops below {100 * TRAIN_TARGET}% after step{' '}
                {TRAIN_MIN_STEPS})
              </>
            )}
          </span>
        </div>
      );
    }
    case 'failed':
      return (
        <div className="diverged-panel" role="alert" data-testid="failed">
          <strong>The sampler could not start: {mode.message}</strong>
          <button type="button" className="button" onClick={() => void resetRun()}>
            Try again
          </button>
        </div>
      );
    default:
      return null;
  }
}
