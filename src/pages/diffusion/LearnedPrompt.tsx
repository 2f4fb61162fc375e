import { pageValues, useParam } from '../../store/appStore';
import { useDiffusionSession } from '../../store/diffusionSession';
import { train } from './diffusionActions';
import { modelName } from './diffusionModel';

/**
 * Shown right above figure 1 while score=learned has no ε-model: the figures keep the exact-score run, and the
 * reader can train the model from here (with its progress) without hunting for the button in the controls.
 */
export function LearnedPrompt() {
  const needsModel = useDiffusionSession((s) => s.needsModel);
  const mode = useDiffusionSession((s) => s.mode);
  const total = useParam('diffusion', 'train');
  const sde = useParam('diffusion', 'sde');
  const name = modelName(sde);
  const field = sde === 'fm' ? 'velocity' : 'score';
  if (!needsModel) return null;
  return (
    <div className="notice notice-warning diff-prompt" data-testid="needs-model">
      {mode.kind === 'training' ? (
        <p className="diff-progress" data-testid="prompt-progress">
          <progress max={mode.total} value={mode.step} /> Training the {name}: step {mode.step} of{' '}
          {mode.total}. The figures show the exact {field} until it is done.
        </p>
      ) : (
        <p>
          The learned {field} needs {name === 'ε-model' ? 'an' : 'a'} {name} trained for this process and
          mixture ({total.toLocaleString('en')} steps). Until then the figures show the <strong>exact</strong>{' '}
          {field}.{' '}
          <button
            type="button"
            className="button primary"
            onClick={() => void train(pageValues('diffusion'))}
            data-testid="train-now"
          >
            Train it now
          </button>
        </p>
      )}
    </div>
  );
}
