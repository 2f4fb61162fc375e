/** Which diffusion jobs the fused kernels take (engine/tf/fused/diffusionJobs.ts), and the rows' names for them. */
import { describe, expect, it } from 'vitest';
import { fusedJobSupported, fusedSampler } from '../../../src/engine/tf/fused/diffusionJobs';
import type { DiffusionJob } from '../../../src/engine/diffusion/job';

const ddpm: DiffusionJob['process'] = { sde: 'ddpm', schedule: 'linear', T: 100 };

describe('fused diffusion jobs', () => {
  it('takes ancestral, reverse SDE and PF-ODE on the score processes, with the defaults of steps.ts', () => {
    expect(fusedSampler({ kind: 'ancestral' })).toEqual({ kind: 'ancestral', variance: 'betaTilde' });
    expect(fusedSampler({ kind: 'ancestral', variance: 'beta' })).toEqual({
      kind: 'ancestral',
      variance: 'beta',
    });
    expect(fusedSampler({ kind: 'sde' })).toEqual({ kind: 'sde' });
    expect(fusedSampler({ kind: 'ode' })).toEqual({ kind: 'ode', solver: 'heun' });
    expect(fusedSampler({ kind: 'ode', solver: 'euler' })).toEqual({ kind: 'ode', solver: 'euler' });
    for (const sde of ['ddpm', 'vp', 've'] as const)
      expect(fusedJobSupported({ process: { ...ddpm, sde }, sampler: { kind: 'sde' } })).toBe(true);
  });

  it('leaves predictor–corrector and flow matching to the tensor ops', () => {
    expect(fusedSampler({ kind: 'pc' })).toBeNull();
    expect(fusedJobSupported({ process: ddpm, sampler: { kind: 'pc', correctorSteps: 1 } })).toBe(false);
    expect(fusedJobSupported({ process: { ...ddpm, sde: 'fm' }, sampler: { kind: 'ode' } })).toBe(false);
  });
});
