import { ParamSlider } from '../../components/ParamSlider';
import { ParamSegmented } from '../../components/ParamSegmented';
import { useParam } from '../../store/appStore';

const SAMPLER_OPTIONS = [
  { value: 'ancestral', label: 'Ancestral' },
  { value: 'sde', label: 'Reverse SDE' },
  { value: 'ode', label: 'PF ODE' },
  { value: 'pc', label: 'Pred.–corr.' },
] as const;
/** Flow matching is sampled by its ODE alone (crossRules.ts). */
const FLOW_SAMPLER_OPTIONS = [{ value: 'ode', label: 'Flow ODE' }] as const;
const SCORE_OPTIONS = [
  { value: 'exact', label: 'Exact score' },
  { value: 'learned', label: 'Learned ε-model' },
] as const;
/** Flow matching follows a velocity: the exact marginal one, or a network trained on x_1 − x_0. */
const FLOW_FIELD_OPTIONS = [
  { value: 'exact', label: 'Exact velocity' },
  { value: 'learned', label: 'Learned velocity' },
] as const;

/** The choices a reader flips most, right above figure 1: the sampler, the score it follows, its steps. */
export function DiffusionTransport() {
  const sde = useParam('diffusion', 'sde');
  const ddpm = sde === 'ddpm';
  const flow = sde === 'fm';
  const T = useParam('diffusion', 'T');
  return (
    <>
      <ParamSegmented
        page="diffusion"
        name="sampler"
        label="Reverse sampler"
        options={flow ? FLOW_SAMPLER_OPTIONS : SAMPLER_OPTIONS}
        testId="sampler"
      />
      <ParamSegmented
        page="diffusion"
        name="score"
        label={flow ? 'The velocity it follows' : 'The score it follows'}
        options={flow ? FLOW_FIELD_OPTIONS : SCORE_OPTIONS}
        testId="score"
      />
      <ParamSlider
        page="diffusion"
        name="steps"
        hint={ddpm ? `at most T = ${T}; fewer skips steps` : 'uniform in t'}
      />
    </>
  );
}
