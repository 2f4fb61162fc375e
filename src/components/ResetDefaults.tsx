import { useState } from 'react';
import { defaultValues, useAppStore } from '../store/appStore';

/**
 * Puts every parameter of the page (mixture, seed and backend included) back to its default. Pages that hold
 * work a reset can discard (a trained network) ask first.
 */
const ASK_FIRST: Record<string, string> = {
  train: 'Reset every setting? A network whose shape changes is trained again from scratch.',
};

export function ResetDefaults() {
  const page = useAppStore((s) => s.page);
  const [asking, setAsking] = useState(false);
  if (page === 'home') return null;
  const reset = () => {
    setAsking(false);
    useAppStore.getState().setParams(defaultValues(page));
  };
  const question = ASK_FIRST[page];
  if (asking && question)
    return (
      <span className="reset-confirm" role="group" aria-label="Confirm reset">
        <span>{question}</span>
        <button type="button" className="button small" onClick={reset} data-testid="reset-confirm">
          Reset
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => setAsking(false)}
          data-testid="reset-cancel"
        >
          Keep
        </button>
      </span>
    );
  return (
    <button
      type="button"
      className="button small"
      onClick={() => (question ? setAsking(true) : reset())}
      data-testid="reset-defaults"
      title="Every setting of this page back to its default"
    >
      Reset to defaults
    </button>
  );
}
