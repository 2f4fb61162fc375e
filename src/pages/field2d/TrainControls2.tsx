import { ControlGroup } from '../../components/PageLayout';
import { ParamSegmented } from '../../components/ParamSegmented';
import { ParamSlider } from '../../components/ParamSlider';
import { useAppStore, usePageValues } from '../../store/appStore';

const OBJECTIVES = [
  { value: 'ncsn', label: 'NCSN' },
  { value: 'dsm', label: 'DSM' },
  { value: 'esm', label: 'ESM' },
  { value: 'ism', label: 'ISM' },
  { value: 'ssm', label: 'SSM' },
] as const;

const SUMMARY = {
  ncsn: 'Denoising on the ladder σ_max … σ_min (each sample draws one level), weighted by σ², one network conditioned on σ.',
  dsm: 'Denoising at the one level σ shown: learns the score of q_σ from noisy copies of data points.',
  esm: 'Explicit: regresses on the exact score of q_σ, only possible because this mixture’s score is known.',
  ism: 'Implicit (Hyvärinen): ½|s_θ|² + tr ∇s_θ, the trace from one tangent pass per coordinate.',
  ssm: 'Sliced: vᵀ(∇s_θ)v + ½(vᵀs_θ)² with random v, E[vvᵀ] = I, so ISM’s loss on average; one tangent pass per projection whatever the dimension.',
} as const;

/** The training run's settings: objective (with SSM's projections or the ncsn ladder), network and optimiser. */
export function TrainControls2() {
  const { objective } = usePageValues('field2d');
  const backend = useAppStore((s) => s.backend);
  return (
    <>
      <ControlGroup title="Training objective" testId="plane-objective-group">
        <ParamSegmented page="field2d" name="objective" label="Loss" options={OBJECTIVES} />
        <p className="slider-hint">{SUMMARY[objective]}</p>
        {objective === 'ncsn' && (
          <>
            <ParamSlider page="field2d" name="smin" label="σ_min" hint="smallest level" />
            <ParamSlider page="field2d" name="smax" label="σ_max" hint="largest level" />
            <ParamSlider page="field2d" name="levels" label="Levels L" hint="geometric" />
          </>
        )}
        {objective === 'ssm' && (
          <div data-testid="ssm-options">
            <ParamSegmented
              page="field2d"
              name="proj"
              label="Directions v"
              options={[
                { value: 'rademacher', label: 'Rademacher ±1' },
                { value: 'gaussian', label: 'Gaussian' },
              ]}
            />
            <ParamSlider page="field2d" name="nproj" label="Projections M" hint="per sample" />
            <ParamSegmented
              page="field2d"
              name="vr"
              label="Variance reduction (exact ½|s_θ|²)"
              options={[
                { value: 'off', label: 'Off' },
                { value: 'on', label: 'On' },
              ]}
            />
          </div>
        )}
      </ControlGroup>
      <ControlGroup title="Network and optimiser">
        <ParamSlider page="field2d" name="width" hint="units per layer" />
        <ParamSlider page="field2d" name="depth" hint="hidden layers" />
        <ParamSlider page="field2d" name="lr" hint="Adam" />
        <ParamSlider page="field2d" name="batch" hint="samples per step" />
        <ParamSlider page="field2d" name="steps" hint="how far a shared link’s automated run trains" />
        <p className="slider-hint" data-testid="plane-backend" title={backend.reason}>
          Backend: {backend.name === 'none' ? 'starting…' : backend.name}
        </p>
      </ControlGroup>
    </>
  );
}
