import { MixtureEditor } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { Slider } from '../../components/Slider';
import { useAppStore } from '../../store/appStore';
import { DSM_PRESETS } from './dsmPresets';
import { growOnce, resample, resetSamples, useDsmRun } from './dsmRun';

/** σ, n with play/step/reset, the seed with resample, and the mixture (folded away). */
export function DsmControls() {
  const seed = useAppStore((s) => s.values.seed as number);
  const setParam = useAppStore((s) => s.setParam);
  const setParams = useAppStore((s) => s.setParams);
  const playing = useDsmRun((s) => s.mode.kind === 'playing');
  const toggle = useDsmRun((s) => s.toggle);
  const pause = useDsmRun((s) => s.pause);
  return (
    <>
      <ControlGroup title="Noise">
        <ParamSlider name="sigma" label="Noise σ" hint="x̃ = x + σz" />
        <div className="dsm-play-row">
          {DSM_PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              className="button"
              title={p.hint}
              onClick={() => setParams(p.values)}
              data-testid={`preset-${p.id}`}
            >
              {p.label}
            </button>
          ))}
        </div>
      </ControlGroup>
      <ControlGroup title="Samples">
        <ParamSlider name="n" label="Clean samples n" hint="pairs (x, x̃)" />
        <div className="dsm-play-row">
          <button
            type="button"
            className="button primary dsm-play"
            onClick={toggle}
            aria-pressed={playing}
            data-testid="play"
            title="Keep adding samples (space)"
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
          >
            Step
          </button>
          <button
            type="button"
            className="button"
            onClick={resetSamples}
            data-testid="reset"
            title="Back to 50 samples (r)"
          >
            Reset
          </button>
        </div>
        <p className="slider-hint dsm-keys">Keys: space play/pause · → step · r reset</p>
      </ControlGroup>
      <ControlGroup title="Randomness">
        <Slider
          label="Seed"
          hint="every draw on the page"
          value={seed}
          min={0}
          max={9999}
          integer
          onChange={(v) => setParam('seed', v)}
          testId="param-seed"
        />
        <button type="button" className="button" onClick={resample} data-testid="resample">
          Resample (new seed)
        </button>
      </ControlGroup>
      <details className="control-group">
        <summary>Edit the mixture</summary>
        <MixtureEditor />
      </details>
    </>
  );
}
