import { MixtureEditorGroup } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { PresetButtons } from '../../components/PresetButtons';
import { ParamSlider } from '../../components/ParamSlider';
import { SeedControl } from '../../components/SeedControl';
import { DSM_PRESETS } from './dsmPresets';

/** n, the seed with resample, and the mixture (folded away); σ and play/step/reset are in DsmTransport. */
export function DsmControls() {
  return (
    <>
      <ControlGroup title="Presets">
        <div className="dsm-play-row">
          <PresetButtons presets={DSM_PRESETS} />
        </div>
      </ControlGroup>
      <ControlGroup title="Samples">
        <ParamSlider page="dsm" name="n" label="Clean samples n" hint="pairs (x, x̃)" />
        <p className="slider-hint dsm-keys">Keys: space play/pause · → step · r reset</p>
      </ControlGroup>
      <ControlGroup title="Randomness">
        <SeedControl hint="every draw on the page" button="Resample (new seed)" buttonTestId="resample" />
      </ControlGroup>
      <MixtureEditorGroup />
    </>
  );
}
