/**
 * The one mapping between the train page's link and the worker's TrainConfig, in both directions (a run is
 * started from the link; undo and a loaded model file write a run's config back into it). The two sides share
 * their numeric fields by name; the objective and the mixture (`mix` in the link) are the rest. Reading the link
 * adds the one cross-field rule a single codec cannot express: σ_min must not exceed σ_max (the two are swapped,
 * with a notice).
 */
import { OBJECTIVES, type TrainConfig } from '../engine/training/config';
import type { PageValues } from './schemas';

type TrainValues = PageValues<'train'>;

/** The link's numeric parameters that are TrainConfig fields of the same name, in the config's field order. */
export const TRAIN_NUMBERS = [
  'smin',
  'smax',
  'levels',
  'width',
  'depth',
  'lr',
  'batch',
  'data',
  'seed',
] as const;
type TrainNumber = (typeof TRAIN_NUMBERS)[number];

/** The train link's parameters that describe a run (the rest, `steps` and `level`, say what to do and show). */
export type TrainRunValues = Pick<TrainValues, TrainNumber | 'objective' | 'mix'>;

function numbersOf(from: Pick<TrainConfig, TrainNumber>): Pick<TrainConfig, TrainNumber> {
  const out = {} as Pick<TrainConfig, TrainNumber>;
  for (const name of TRAIN_NUMBERS) out[name] = from[name];
  return out;
}

export function trainConfigFrom(values: TrainRunValues): { config: TrainConfig; notice?: string } {
  const numbers = numbersOf(values);
  let notice: string | undefined;
  if (numbers.smin > numbers.smax) {
    [numbers.smin, numbers.smax] = [numbers.smax, numbers.smin];
    notice = `σ_min (${values.smin}) was larger than σ_max (${values.smax}); the two were swapped.`;
  }
  // Field order matters: sameRun compares configs as JSON text.
  const config: TrainConfig = {
    objective: values.objective,
    ...numbers,
    mixture: values.mix.map((c) => ({ ...c })),
  };
  return { config, notice };
}

/**
 * The train link's parameters of a config (what undo and a loaded model put back). A config the link cannot
 * describe (the diffusion page's `eps` objective) is an error: model files are checked for that before they load
 * (modelFileLimits.ts).
 */
export function trainParamsOf(c: TrainConfig): TrainRunValues {
  const objective = OBJECTIVES.find((o) => o === c.objective);
  if (objective === undefined) throw new Error(`the objective "${c.objective}" has no train page link`);
  return { objective, ...numbersOf(c), mix: c.mixture.map((k) => ({ ...k })) };
}

/** Two configs describe the same run (so a trained model may be kept). */
export function sameRun(a: TrainConfig | null, b: TrainConfig): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
