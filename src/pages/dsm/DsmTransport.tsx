import { ParamSlider } from '../../components/ParamSlider';
import { PlayControls } from '../../components/PlayControls';
import { resetSamples, RESET_N, stepOnce, useDsmRun } from './dsmRun';

const TITLES = {
  play: 'Keep adding samples (space)',
  step: 'Add one step of samples (→)',
  reset: `Back to ${RESET_N} samples (r)`,
};

/**
 * Play/step/reset and σ, right above figure 1. The buttons and their keys (space, →, r) are the app's one
 * PlayControls; Step pauses a running play and adds one growth step.
 */
export function DsmTransport() {
  const playing = useDsmRun((s) => s.mode.kind === 'playing');
  const play = useDsmRun((s) => s.play);
  const pause = useDsmRun((s) => s.pause);
  return (
    <>
      <PlayControls
        playing={playing}
        onPlay={play}
        onPause={pause}
        onStep={stepOnce}
        onReset={resetSamples}
        titles={TITLES}
      />
      <ParamSlider page="dsm" name="sigma" label="Noise σ" hint="x̃ = x + σz" />
    </>
  );
}
