/**
 * From the page's URL parameters to the worker's TrainConfig, with the one cross-field rule the schema cannot
 * express: σ_min must not exceed σ_max (the two are swapped, with a notice).
 */
import type { Mixture } from '../engine/mixture';
import type { ObjectiveName, TrainConfig } from '../engine/training/config';
import type { ParamValues } from './paramSpec';

export function trainConfigFrom(values: ParamValues): { config: TrainConfig; notice?: string } {
  let smin = values.smin as number;
  let smax = values.smax as number;
  let notice: string | undefined;
  if (smin > smax) {
    [smin, smax] = [smax, smin];
    notice = `σ_min (${values.smin}) was larger than σ_max (${values.smax}); the two were swapped.`;
  }
  const config: TrainConfig = {
    objective: values.objective as ObjectiveName,
    smin,
    smax,
    levels: values.levels as number,
    width: values.width as number,
    depth: values.depth as number,
    lr: values.lr as number,
    batch: values.batch as number,
    data: values.data as number,
    seed: values.seed as number,
    mixture: (values.mix as Mixture).map((c) => ({ ...c })),
  };
  return { config, notice };
}

/** Two configs describe the same run (so a trained model may be kept). */
export function sameRun(a: TrainConfig | null, b: TrainConfig): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}
