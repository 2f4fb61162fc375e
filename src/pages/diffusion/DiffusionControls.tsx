import { BackendBadge } from '../../components/BackendBadge';
import { MixtureEditor } from '../../components/MixtureEditor';
import { ControlGroup } from '../../components/PageLayout';
import { ParamSlider } from '../../components/ParamSlider';
import { SeedControl } from '../../components/SeedControl';
import { Segmented } from '../../components/Segmented';
import { SCHEDULE_INFO, SCHEDULE_NAMES } from '../../engine/schedules';
import { useAppStore } from '../../store/appStore';
import { TrainPanel } from './TrainPanel';
import { modelName } from './diffusionModel';

const SDE_OPTIONS = [
  { value: 'ddpm', label: 'DDPM (discrete)' },
  { value: 'vp', label: 'VP SDE' },
  { value: 've', label: 'VE SDE' },
  { value: 'fm', label: 'Flow matching (rectified flow)' },
];
/**
 * Process, the sampler's settings, steps and particles, the ε-model's training, seed, mixture. The sampler and
 * the score themselves are in the transport above figure 1 (DiffusionTransport).
 */
export function DiffusionControls() {
  const values = useAppStore((s) => s.values);
  const setParam = useAppStore((s) => s.setParam);
  const setParams = useAppStore((s) => s.setParams);
  const sde = values.sde as string;
  const sampler = values.sampler as string;
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
                value={values.schedule as string}
                onChange={(e) => setParam('schedule', e.target.value)}
                data-testid="schedule"
              >
                {SCHEDULE_NAMES.map((name) => (
                  <option key={name} value={name}>
                    {SCHEDULE_INFO[name].label} ({SCHEDULE_INFO[name].family.toUpperCase()})
                  </option>
                ))}
              </select>
            </label>
            <ParamSlider name="T" hint="noise levels of the discrete process, which the ε-model trains on" />
          </>
        )}
      </ControlGroup>
      <ControlGroup title="Sampler settings">
        {sampler === 'ancestral' && (
          <Segmented
            label="Step variance σ²"
            options={[
              { value: 'betaTilde', label: 'Posterior' },
              { value: 'beta', label: 'β (forward)' },
            ]}
            value={values.variance as string}
            onChange={(v) => setParam('variance', v)}
            testId="variance"
          />
        )}
        {sampler === 'ode' && (
          <Segmented
            label="ODE solver"
            options={[
              { value: 'heun', label: 'Heun (2nd order)' },
              { value: 'euler', label: 'Euler' },
            ]}
            value={values.solver as string}
            onChange={(v) => setParam('solver', v)}
            testId="solver"
          />
        )}
        {sampler === 'pc' && (
          <>
            <ParamSlider name="snr" hint="target signal-to-noise ratio of the Langevin corrector" />
            <ParamSlider
              name="corrector"
              hint="Langevin steps at each new level, after its predictor step (Song et al. 2021)"
            />
          </>
        )}
        <ParamSlider name="n" hint="particles sampled" />
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
