import type { ReactNode } from 'react';
import { MixtureEditor } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { PlayControls } from '../../components/PlayControls';
import { SeedControl } from '../../components/SeedControl';
import { Segmented } from '../../components/Segmented';
import { useAppStore } from '../../store/appStore';
import { useSamplerSession } from '../../store/samplerSession';
import { EngineBadge } from './EngineBadge';
import { InitEditor } from './InitEditor';
import { pause, play, resetRun, stepOnce } from './samplerRun';
import { SPEEDS, type Speed } from './useSamplerLoop';

const SCORE_OPTIONS = [
  { value: 'true', label: 'Exact' },
  { value: 'learned', label: 'Learned network' },
] as const;

const onStep = () => void stepOnce();
const onReset = () => void resetRun();

/**
 * The controls both sampling pages share: play/pause/step/reset with a speed, the particle count, the page's own
 * sliders (`children`), the initial distribution, exact or learned score, presets, the seed and the mixture.
 */
export function SamplerControls({
  speed,
  onSpeed,
  children,
  presets,
}: {
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  children: ReactNode;
  presets: ReactNode;
}) {
  const mode = useSamplerSession((s) => s.mode.kind);
  const score = useAppStore((s) => s.values.score as string);
  const setParam = useAppStore((s) => s.setParam);
  const busy = mode === 'starting' || mode === 'needsModel' || mode === 'training' || mode === 'failed';
  return (
    <>
      <ControlGroup title="Run">
        <PlayControls
          playing={mode === 'playing'}
          disabled={busy}
          onPlay={play}
          onPause={pause}
          onStep={onStep}
          onReset={onReset}
          speeds={SPEEDS}
          speed={speed}
          onSpeed={(v) => onSpeed(v as Speed)}
        />
        <p className="slider-hint">Keys: space play/pause · → one step · r reset</p>
        <EngineBadge />
      </ControlGroup>
      <ControlGroup title="Particles and steps">
        <ParamSlider name="n" label="Particles n" hint="100 to 1,000,000" />
        {children}
      </ControlGroup>
      <ControlGroup title="Start">
        <InitEditor />
      </ControlGroup>
      <ControlGroup title="Score">
        <Segmented
          label="Follow the score"
          options={SCORE_OPTIONS}
          value={score}
          onChange={(v) => setParam('score', v)}
          testId="param-score"
        />
        <p className="slider-hint">
          {score === 'learned'
            ? 'The network trained on the train page, s_θ(x, σ) = net(x, log σ)/σ.'
            : 'The mixture’s own score, in closed form: the sampler’s error alone.'}
        </p>
      </ControlGroup>
      <ControlGroup title="Presets">{presets}</ControlGroup>
      <ControlGroup title="Randomness">
        <SeedControl />
      </ControlGroup>
      <details className="control-group">
        <summary>Edit the mixture</summary>
        <MixtureEditor />
      </details>
    </>
  );
}
