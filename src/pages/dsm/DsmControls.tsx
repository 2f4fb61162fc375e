import { MixtureEditorGroup } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { PresetButtons } from '../../components/PresetButtons';
import { ParamSlider } from '../../components/ParamSlider';
import { Slider } from '../../components/Slider';
import { useAppStore } from '../../store/appStore';
import { DSM_PRESETS } from './dsmPresets';
import { resample } from './dsmRun';

/** n, the seed with resample, and the mixture (folded away); σ and play/step/reset are in DsmTransport. */
export function DsmControls() {
  const seed = useAppStore((s) => s.values.seed as number);
  const setParam = useAppStore((s) => s.setParam);
  return (
    <>
      <ControlGroup title="Presets">
        <div className="dsm-play-row">
          <PresetButtons presets={DSM_PRESETS} />
        </div>
      </ControlGroup>
      <ControlGroup title="Samples">
        <ParamSlider name="n" label="Clean samples n" hint="pairs (x, x̃)" />
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
      <MixtureEditorGroup />
    </>
  );
}
