import { useRef } from 'react';
import { pageValues, useAppStore } from '../../store/appStore';
import { quote } from '../../engine/textInput';
import { checkModelFileLimits } from '../../store/modelFileLimits';
import { trainParamsOf } from '../../store/trainConfig';
import { trainerClient } from '../../store/trainSession';

/** A sentence without its closing period, to be continued. */
const unstop = (text: string): string => text.replace(/[.\s]+$/, '');

/**
 * Save the trained model as a JSON download, or load one. A bad file is refused with a notice and the current
 * model is kept. A loaded model brings its own settings, which are written into the link; a file whose settings a
 * link cannot hold is refused first (store/modelFileLimits.ts), since the link would clamp them and the page would
 * then start a fresh run in place of the weights it had just loaded.
 */
export function ModelFileControls() {
  const input = useRef<HTMLInputElement>(null);
  const { addNotice } = useAppStore.getState();

  const save = async () => {
    try {
      const { json } = await trainerClient().save();
      const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'score-lab-model.json';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (error) {
      addNotice(`Could not save the model: ${(error as Error).message}`, 'runtime', 'error');
    }
  };

  const load = async (file: File) => {
    const name = quote(file.name);
    const refuse = (why: string) =>
      addNotice(
        `${name} was not loaded: ${unstop(why)}. The current model is unchanged.`,
        'runtime',
        'error',
      );
    try {
      const text = await file.text();
      const limits = checkModelFileLimits(text);
      if (!limits.ok) return refuse(limits.error);
      const loaded = await trainerClient().load(text);
      const c = loaded.config;
      useAppStore.getState().setParams(trainParamsOf(c));
      addNotice(
        `Loaded ${name}: ${c.objective}, width ${c.width}, depth ${c.depth}, trained ${loaded.step} steps.`,
      );
      for (const note of limits.notes) addNotice(note, 'runtime', 'warning');
      await trainerClient().evaluate({ level: pageValues('train').level });
    } catch (error) {
      refuse((error as Error).message);
    }
  };

  return (
    <div className="file-row">
      <button type="button" className="button" onClick={save} data-testid="save-model">
        Save model
      </button>
      <button
        type="button"
        className="button"
        onClick={() => input.current?.click()}
        data-testid="load-model"
      >
        Load model…
      </button>
      <input
        ref={input}
        className="file-input"
        type="file"
        accept="application/json,.json"
        aria-label="Model file to load"
        data-testid="model-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void load(file);
          e.target.value = '';
        }}
      />
    </div>
  );
}
