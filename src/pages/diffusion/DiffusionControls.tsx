import { BackendBadge } from '../../components/BackendBadge';
import { MixtureEditor } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { SeedControl } from '../../components/SeedControl';
import { ParamSegmented } from '../../components/ParamSegmented';
import { Segmented } from '../../components/Segmented';
import { SCHEDULE_INFO, SCHEDULE_NAMES } from '../../engine/schedules';
import { useAppStore, usePageValues } from '../../store/appStore';
import { TrainPanel } from './TrainPanel';
import { modelName } from './diffusionModel';

const SDE_OPTIONS = [
  { value: 'ddpm', label: 'DDPM (discrete)' },
  { value: 'vp', label: 'VP SDE' },
  { value: 've', label: 'VE SDE' },
  { value: 'fm', label: 'Flow matching (rectified flow)' },
] as const;
/**
 * Process, the sampler's settings, steps and particles, the ε-model's training, seed, mixture. The sampler and
 * the score themselves are in the transport above figure 1 (DiffusionTransport).
 */
export function DiffusionControls() {
  const values = usePageValues('diffusion');
  const setParam = useAppStore((s) => s.setParam);
  const setParams = useAppStore((s) => s.setParams);
  const { sde, sampler } = values;
  return (
    <>
      <ControlGroup title="Process">
        <Segmented
          label="Forward process"
          options={SDE_OPTIONS}
          value={sde}
          // Flow matching has one sampler, its ODE: choosing it switches the sampler too (crossRules.ts says why).
          onChange={(v) => setParams(v === 'fm' ? { sde: v, sampler: 'ode' } : { sde: v })}
          testId="sde"
        />
        {sde === 'ddpm' && (
          <>
            <label className="diff-select">
              <span>Schedule</span>
              <select
                value={values.schedule}
                onChange={(e) => {
                  const name = SCHEDULE_NAMES.find((n) => n === e.target.value);
                  if (name) setParam('schedule', name);
                }}
                data-testid="schedule"
              >
                {SCHEDULE_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {SCHEDULE_INFO[name].label} ({SCHEDULE_INFO[name].family.toUpperCase()})
                  </option>
                ))}
              </select>
            </label>
            <ParamSlider
              page="diffusion"
              name="T"
              hint="noise levels of the discrete process, which the ε-model trains on"
            />
          </>
        )}
      </ControlGroup>
      <ControlGroup title="Sampler settings">
        {sampler === 'ancestral' && (
          <ParamSegmented
            page="diffusion"
            name="variance"
            label="Step variance σ²"
            options={[
              { value: 'betaTilde', label: 'Posterior' },
              { value: 'beta', label: 'β (forward)' },
            ]}
            testId="variance"
          />
        )}
        {sampler === 'ode' && (
          <ParamSegmented
            page="diffusion"
            name="solver"
            label="ODE solver"
            options={[
              { value: 'heun', label: 'Heun (2nd order)' },
              { value: 'euler', label: 'Euler' },
            ]}
            testId="solver"
          />
        )}
        {sampler === 'pc' && (
          <>
            <ParamSlider
              page="diffusion"
              name="snr"
              hint="target signal-to-noise ratio of the Langevin corrector"
            />
            <ParamSlider
              page="diffusion"
              name="corrector"
              hint="Langevin steps at each new level, after its predictor step (Song et al. 2021)"
            />
          </>
        )}
        <ParamSlider page="diffusion" name="n" hint="particles sampled" />
      </ControlGroup>
      <ControlGroup title={`The learned ${modelName(sde)}`}>
        <TrainPanel />
      </ControlGroup>
      <ControlGroup title="Seed and backend">
        <SeedControl />
        <BackendBadge />
      </ControlGroup>
      <details className="control-group">
        <summary>Edit the mixture</summary>
        <MixtureEditor />
      </details>
    </>
  );
}
