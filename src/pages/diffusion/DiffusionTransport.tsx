import { ParamSlider } from '../../components/ParamSlider';
import { Segmented } from '../../components/Segmented';
import { useAppStore } from '../../store/appStore';

const SAMPLER_OPTIONS = [
  { value: 'ancestral', label: 'Ancestral' },
  { value: 'sde', label: 'Reverse SDE' },
  { value: 'ode', label: 'PF ODE' },
  { value: 'pc', label: 'Pred.–corr.' },
];
/** Flow matching is sampled by its ODE alone (crossRules.ts). */
const FLOW_SAMPLER_OPTIONS = [{ value: 'ode', label: 'Flow ODE' }];
const SCORE_OPTIONS = [
  { value: 'true', label: 'Exact score' },
  { value: 'learned', label: 'Learned ε-model' },
];
/** Flow matching follows a velocity: the exact marginal one, or a network trained on x_1 − x_0. */
const FLOW_FIELD_OPTIONS = [
  { value: 'true', label: 'Exact velocity' },
  { value: 'learned', label: 'Learned velocity' },
];

/** The choices a reader flips most, right above figure 1: the sampler, the score it follows, its steps. */
export function DiffusionTransport() {
  const values = useAppStore((s) => s.values);
  const setParam = useAppStore((s) => s.setParam);
  const ddpm = values.sde === 'ddpm';
  return (
    <>
      <Segmented
        label="Reverse sampler"
        options={values.sde === 'fm' ? FLOW_SAMPLER_OPTIONS : SAMPLER_OPTIONS}
        value={values.sampler as string}
        onChange={(v) => setParam('sampler', v)}
        testId="sampler"
      />
      <Segmented
        label={values.sde === 'fm' ? 'The velocity it follows' : 'The score it follows'}
        options={values.sde === 'fm' ? FLOW_FIELD_OPTIONS : SCORE_OPTIONS}
        value={values.score as string}
        onChange={(v) => setParam('score', v)}
        testId="score"
      />
      <ParamSlider
        name="steps"
        hint={ddpm ? `at most T = ${values.T as number}; fewer skips steps` : 'uniform in t'}
      />
    </>
  );
}
