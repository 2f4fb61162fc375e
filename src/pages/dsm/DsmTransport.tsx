import { ParamSlider } from '../../components/ParamSlider';
import { growOnce, resetSamples, RESET_N, useDsmRun } from './dsmRun';

/** Play/step/reset and σ, right above figure 1 (the keys are in useDsmKeys: space, →, r). */
export function DsmTransport() {
  const playing = useDsmRun((s) => s.mode.kind === 'playing');
  const toggle = useDsmRun((s) => s.toggle);
  const pause = useDsmRun((s) => s.pause);
  return (
    <>
      <div className="play-controls dsm-play-row">
        <button
          type="button"
          className="button primary play-button"
          onClick={toggle}
          aria-pressed={playing}
          data-testid="play"
          title="Keep adding samples (space)"
          aria-keyshortcuts="Space"
        >
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            pause();
            growOnce();
          }}
          data-testid="step"
          title="Add one step of samples (→)"
          aria-keyshortcuts="ArrowRight"
        >
          Step
        </button>
        <button
          type="button"
          className="button"
          onClick={resetSamples}
          data-testid="reset"
          title={`Back to ${RESET_N} samples (r)`}
          aria-keyshortcuts="r"
        >
          ↺ Reset
        </button>
      </div>
      <ParamSlider page="dsm" name="sigma" label="Noise σ" hint="x̃ = x + σz" />
    </>
  );
}
