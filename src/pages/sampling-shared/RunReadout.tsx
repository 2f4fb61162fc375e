import { fmt, Readout, type ReadoutItem } from '../../components/Readout';
import { mixtureMean, mixtureStd, type Mixture } from '../../engine/mixture';
import { useSamplerSession } from '../../store/samplerSession';
import { useTrainSession } from '../../store/trainSession';
import { measuredRate, secondsLeft, useRunClock } from './runClock';

/** Rates in millions or thousands: "17.2 M" reads better than 1.72e+7. */
export function fmtRate(v: number): string {
  if (v >= 1e6) return `${fmt(v / 1e6)} M`;
  if (v >= 1e3) return `${fmt(v / 1e3)} k`;
  return fmt(v);
}

/** The run's live figures: where it is, and how far the particles are from the mixture (SCIENCE.md §8). */
export function RunReadout({ mixture }: { mixture: Mixture }) {
  const frame = useSamplerSession((s) => s.frame);
  const metrics = useSamplerSession((s) => s.metrics);
  const annealed = useSamplerSession((s) => s.config?.kind === 'annealed');
  const state = frame?.state;
  const items: ReadoutItem[] = [];
  if (state) {
    items.push({ label: 'step', value: `${state.step} / ${state.totalSteps}`, testId: 'run-step' });
    if (annealed)
      items.push({
        label: 'level',
        value: `${state.level + 1} / ${state.levels} (σ = ${fmt(state.sigma ?? 0)}, α = ${fmt(state.stepSize)})`,
        testId: 'run-level',
      });
  }
  if (metrics) {
    items.push(
      { label: 'W1', value: fmt(metrics.w1), testId: 'run-w1' },
      { label: 'KS', value: fmt(metrics.ks), testId: 'run-ks' },
      { label: 'mean', value: `${fmt(metrics.mean)} (p: ${fmt(mixtureMean(mixture))})`, testId: 'run-mean' },
      { label: 'std', value: `${fmt(metrics.std)} (p: ${fmt(mixtureStd(mixture))})`, testId: 'run-std' },
    );
  }
  // With the learned score, how good the network is: its step, and its mean Fisher divergence when the training
  // worker's latest evaluation is of that same step.
  const model = useSamplerSession((s) => (s.config?.score === 'learned' ? s.model : null));
  const evaluation = useTrainSession((s) => s.evaluation);
  if (model)
    items.push({
      label: 'network',
      value:
        `step ${model.step.toLocaleString('en')}` +
        (evaluation && evaluation.step === model.step ? `, mean Fisher ${fmt(evaluation.meanFisher)}` : ''),
      testId: 'run-model',
    });
  const clock = useRunClock();
  const left = clock.since !== null && state && !state.done ? secondsLeft(clock) : null;
  if (left) {
    // The speed control's promise, kept or corrected: at the rate reached on this machine when that is lower.
    const rate = measuredRate(clock);
    items.push({
      label: 'time left',
      value: `≈ ${fmt(left.seconds, 2)} s${left.limited && rate !== null ? ` (this machine’s pace: ${fmtRate(rate)} steps/s)` : ''}`,
      testId: 'run-eta',
    });
  }
  if (state && state.particleStepsPerSec > 0)
    items.push({ label: 'particle-steps/s', value: fmtRate(state.particleStepsPerSec), testId: 'run-speed' });
  const mode = useSamplerSession((s) => s.mode.kind);
  const placeholder =
    mode === 'needsModel' || mode === 'training'
      ? 'The learned score needs a trained network first.'
      : 'Starting the sampler…';
  return <Readout items={items} testId="run-readout" placeholder={placeholder} />;
}
