/**
 * The page's worked settings (issue 15): each retells a part of the line's story in the plane, and sets the whole
 * link so that a click reproduces it. The numbers are the ones the unit tests and the prose use.
 */
import type { Preset } from '../../components/PresetButtons';
import { MIXTURE_2D_PRESETS } from '../../engine/plane/presets2';

const toy = MIXTURE_2D_PRESETS.twoModes;
const ring = MIXTURE_2D_PRESETS.ring;
const curve = MIXTURE_2D_PRESETS.curve;

/** Annealed Langevin on the ring of eight from σ = 8 to 0.05 in `levels` levels, ε = 10⁻⁴, T = 100. */
function ringLadder(id: string, label: string, what: string, levels: number): Preset {
  return {
    id,
    label,
    hint: `Annealed Langevin on the ring of eight with ${what}`,
    values: {
      mix2: ring,
      sampler: 'annealed',
      eps: 1e-4,
      smin: 0.05,
      smax: 8,
      levels,
      T: 100,
      init: { kind: 'uniform', a: -8, b: 8 },
      n: 10_000,
    },
  };
}

export const SAMPLING2D_PRESETS: readonly Preset[] = [
  {
    id: 'toy-langevin',
    label: 'Two modes: Langevin',
    hint: 'Plain Langevin on Song & Ermon’s 0.2/0.8 toy from a uniform start: the split stays about even',
    values: {
      mix2: toy,
      sampler: 'langevin',
      eps: 0.1,
      steps: 300,
      init: { kind: 'uniform', a: -8, b: 8 },
      n: 10_000,
    },
  },
  {
    id: 'toy-annealed',
    label: 'Two modes: annealed',
    hint: 'Annealed Langevin, σ from 20 to 1 over 10 levels: the weights come out as 0.2 and 0.8',
    values: {
      mix2: toy,
      sampler: 'annealed',
      eps: 0.1,
      smin: 1,
      smax: 20,
      levels: 10,
      T: 100,
      init: { kind: 'uniform', a: -8, b: 8 },
      n: 10_000,
    },
  },
  ringLadder('ring-few', 'Ring: 2 levels', 'only two noise levels, σ = 8 then 0.05', 2),
  ringLadder('ring-many', 'Ring: 12 levels', 'twelve noise levels from σ = 8 to 0.05', 12),
  {
    id: 'curve-langevin',
    label: 'Thin curve: Langevin',
    hint: 'Plain Langevin on data near a curve, ε = 0.024: close to the stability limit across the curve',
    values: {
      mix2: curve,
      sampler: 'langevin',
      eps: 0.024,
      steps: 300,
      init: { kind: 'uniform', a: -6, b: 6 },
      n: 10_000,
    },
  },
  {
    id: 'curve-annealed',
    label: 'Thin curve: annealed',
    hint: 'Annealed Langevin from σ = 3 to 0.02: the blurred scores bring the cloud onto the curve',
    values: {
      mix2: curve,
      sampler: 'annealed',
      eps: 0.001,
      smin: 0.02,
      smax: 3,
      levels: 10,
      T: 100,
      init: { kind: 'uniform', a: -6, b: 6 },
      n: 10_000,
    },
  },
];
