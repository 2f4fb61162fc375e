/**
 * What a reader should know about the trained model a learned-score run uses: whether it learned this page's
 * mixture, and whether the run asks it about noise levels it never saw.
 */
import { formatMixture } from '../../store/mixtureParam';
import type { TrainConfig } from '../../engine/training/config';
import type { Mixture } from '../../engine/mixture';
import type { SamplerConfig } from '../../worker/samplerProtocol';

function normalised(m: Mixture): Mixture {
  const total = m.reduce((s, c) => s + c.weight, 0);
  return m.map((c) => ({ ...c, weight: c.weight / total }));
}

function sameMixture(a: Mixture, b: Mixture): boolean {
  const [x, y] = [normalised(a), normalised(b)];
  return (
    x.length === y.length &&
    x.every(
      (c, k) =>
        Math.abs(c.weight - y[k].weight) < 1e-6 &&
        Math.abs(c.mean - y[k].mean) < 1e-6 &&
        Math.abs(c.std - y[k].std) < 1e-6,
    )
  );
}

const short = (v: number) => String(Number(v.toPrecision(3)));

export function modelNotices(model: TrainConfig, step: number, run: SamplerConfig): string[] {
  const notices: string[] = [];
  if (!sameMixture(model.mixture, run.mixture))
    notices.push(
      `The trained model (step ${step}) learned the mixture ${formatMixture(model.mixture)}, not this page's ` +
        `${formatMixture(run.mixture)}: the particles follow what the network learned, and the figures compare ` +
        `them with this page's mixture. Train a model for this mixture to compare like with like.`,
    );
  const single = model.objective !== 'ncsn' || model.levels === 1;
  if (run.kind === 'annealed' && single)
    notices.push(
      `The trained model is a single-level ${model.objective.toUpperCase()} model (σ = ${short(model.smin)}): ` +
        `every annealing level uses that one score, so this run is plain Langevin with a changing step.`,
    );
  else if (run.kind === 'annealed' && run.smax !== undefined && run.smin !== undefined) {
    if (run.smax > model.smax * 1.0001 || run.smin < model.smin * 0.9999)
      notices.push(
        `The run's noise levels (σ from ${short(run.smax)} to ${short(run.smin)}) go beyond the levels the ` +
          `model was trained on (${short(model.smax)} to ${short(model.smin)}): there the network extrapolates.`,
      );
  }
  return notices;
}
