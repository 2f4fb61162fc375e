import { ParamSlider } from '../../components/ParamSlider';
import { ParamSegmented } from '../../components/ParamSegmented';
import { useParam } from '../../store/appStore';

const SAMPLER_OPTIONS = [
  { value: 'ancestral', label: 'Ancestral' },
  { value: 'sde', label: 'Reverse SDE' },
  { value: 'ode', label: 'PF ODE' },
  { value: 'pc', label: 'Pred.–corr.' },
] as const;
const SCORE_OPTIONS = [
  { value: 'true', label: 'Exact score' },
  { value: 'learned', label: 'Learned ε-model' },
] as const;

/** The choices a reader flips most, right above figure 1: the sampler, the score it follows, its steps. */
export function DiffusionTransport() {
  const ddpm = useParam('diffusion', 'sde') === 'ddpm';
  const T = useParam('diffusion', 'T');
  return (
    <>
      <ParamSegmented
        page="diffusion"
        name="sampler"
        label="Reverse sampler"
        options={SAMPLER_OPTIONS}
        testId="sampler"
      />
      <ParamSegmented
        page="diffusion"
        name="score"
        label="The score it follows"
        options={SCORE_OPTIONS}
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
