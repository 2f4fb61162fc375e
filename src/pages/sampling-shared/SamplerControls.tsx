import type { ReactNode } from 'react';
import { MixtureEditorGroup } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { SeedControl } from '../../components/SeedControl';
import { ParamSegmented } from '../../components/ParamSegmented';
import { useParam } from '../../store/appStore';
import type { SamplerKind } from '../../worker/samplerProtocol';
import { EngineBadge } from './EngineBadge';
import { InitEditor } from './InitEditor';

const SCORE_OPTIONS = [
  { value: 'exact', label: 'Exact' },
  { value: 'learned', label: 'Learned network' },
] as const;

/**
 * The controls both sampling pages share (play/step/reset live in SamplerTransport, beside the figure): the
 * particle count, the page's own sliders (`children`), the initial distribution, exact or learned score, presets,
 * the seed, the engine and the mixture.
 */
export function SamplerControls({
  kind,
  children,
  presets,
}: {
  kind: SamplerKind;
  children: ReactNode;
  presets: ReactNode;
}) {
  const score = useParam(kind, 'score');
  return (
    <>
      <ControlGroup title="Particles and steps">
        <ParamSlider page={kind} name="n" label="Particles n" hint="100 to 1,000,000" />
        {children}
      </ControlGroup>
      <ControlGroup title="Start">
        <InitEditor kind={kind} />
      </ControlGroup>
      <ControlGroup title="Score">
        <ParamSegmented page={kind} name="score" label="Follow the score" options={SCORE_OPTIONS} />
        <p className="slider-hint">
          {score === 'learned'
            ? 'The network trained on the train page, s_θ(x, σ) = net(x, log σ)/σ.'
            : 'The mixture’s own score, in closed form: the sampler’s error alone.'}
        </p>
      </ControlGroup>
      <ControlGroup title="Presets">{presets}</ControlGroup>
      <ControlGroup title="Randomness and engine">
        <SeedControl />
        <p className="slider-hint">Keys: space play/pause · → one step · r reset</p>
        <EngineBadge />
      </ControlGroup>
      <MixtureEditorGroup />
    </>
  );
}
