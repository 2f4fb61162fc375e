import { ControlGroup } from '../../components/PageLayout';
import { ParamSegmented } from '../../components/ParamSegmented';
import { ParamSlider } from '../../components/ParamSlider';
import { PresetButtons } from '../../components/PresetButtons';
import { SeedControl } from '../../components/SeedControl';
import type { PlaneSampler } from '../../engine/plane';
import type { InitSpec } from '../../engine/sampling';
import { InitEditor } from '../sampling-shared/InitEditor';
import { SAMPLING2D_PRESETS } from './presets';

const SAMPLERS = [
  { value: 'langevin', label: 'Langevin' },
  { value: 'annealed', label: 'Annealed' },
  { value: 'ddpm', label: 'DDPM' },
  { value: 'sde', label: 'SDE' },
  { value: 'ode', label: 'ODE' },
  { value: 'pc', label: 'PC' },
  { value: 'fm', label: 'Flow' },
] as const;

const SCORES = [
  { value: 'exact', label: 'Exact' },
  { value: 'learned', label: 'Learned' },
] as const;

/**
 * What the one-dimensional start text means in the plane: the engine (samplers2.ts) applies it to each coordinate
 * separately, drawing the 2n coordinates independently.
 */
export function initInPlane(init: InitSpec): string {
  if (init.kind === 'uniform')
    return `In the plane: uniform on the square [${init.a}, ${init.b}]², x and y drawn independently.`;
  if (init.kind === 'normal')
    return `In the plane: N((${init.mean}, ${init.mean}), ${init.std}² I), x and y each N(${init.mean}, ${init.std}²), independent.`;
  return `In the plane: every particle starts at the point (${init.x0}, ${init.x0}); the first step's noise spreads them.`;
}

/** The side panel: presets, the sampler and its own settings (only those it uses), particles and seed. */
export function Sampling2dControls({ sampler, init }: { sampler: PlaneSampler; init: InitSpec }) {
  const langevin = sampler === 'langevin' || sampler === 'annealed';
  return (
    <>
      <ControlGroup title="Presets">
        <div className="preset-row">
          <PresetButtons presets={SAMPLING2D_PRESETS} />
        </div>
      </ControlGroup>
      <ControlGroup title="Sampler">
        <ParamSegmented page="sampling2d" name="sampler" label="Sampler" options={SAMPLERS} />
        <ParamSegmented page="sampling2d" name="score" label="Score" options={SCORES} />
        {langevin && (
          <ParamSlider
            page="sampling2d"
            name="eps"
            hint={sampler === 'annealed' ? 'the last level’s step; α_i = ε σ_i²/σ_L²' : 'the step α'}
          />
        )}
        {sampler !== 'annealed' && (
          <ParamSlider
            page="sampling2d"
            name="steps"
            hint={langevin ? 'Langevin steps' : 'steps from t = 1 down to the end time'}
          />
        )}
        {sampler === 'annealed' && (
          <>
            <ParamSlider page="sampling2d" name="smax" hint="the first, largest noise level" />
            <ParamSlider page="sampling2d" name="smin" hint="the last, smallest noise level" />
            <ParamSlider page="sampling2d" name="levels" hint="noise levels, geometric from σ_max to σ_min" />
            <ParamSlider page="sampling2d" name="T" hint="Langevin steps at each level" />
          </>
        )}
      </ControlGroup>
      <ControlGroup title="Start">
        {langevin ? (
          <>
            <InitEditor kind="sampling2d" />
            <p className="slider-hint" data-testid="init-plane">
              {initInPlane(init)}
            </p>
          </>
        ) : (
          <p className="slider-hint" data-testid="init-plane">
            This sampler starts from N(0, I), where its forward process ends at t = 1 (exactly for flow
            matching; for DDPM and the VP SDE up to a trace √ᾱ ≈ 0.0065 of the data). A start of your own
            applies to Langevin and annealed Langevin only.
          </p>
        )}
      </ControlGroup>
      <ControlGroup title="Particles">
        <ParamSlider page="sampling2d" name="n" hint="10² to 10⁶; above 2·10⁴ drawn as a density raster" />
        <SeedControl hint="the start and every step’s noise" />
      </ControlGroup>
    </>
  );
}
