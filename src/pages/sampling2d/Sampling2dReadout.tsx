import { fmt, Readout, type ReadoutItem } from '../../components/Readout';
import { usePlaneSampling } from '../../store/planeSampling';

const pair = (v: readonly number[]) => `(${fmt(v[0])}, ${fmt(v[1])})`;
const matrix = (m: readonly (readonly number[])[]) => `[${fmt(m[0][0])}, ${fmt(m[0][1])}; ${fmt(m[1][1])}]`;

/** Where the run is and how close the cloud is to the truth (measured in the worker, at most once a second while playing). */
export function Sampling2dReadout({ weights }: { weights: readonly number[] }) {
  const { mode, stage, metrics, particleStepsPerSec, model, scoreEngine } = usePlaneSampling();
  const items: ReadoutItem[] = [];
  if (model)
    items.push({
      label: 'learned network',
      value: `step ${model.step}, Fisher ${model.fisher === null ? 'not measured' : fmt(model.fisher)}`,
      testId: 'readout-learned',
    });
  if (model && scoreEngine)
    items.push({ label: 'network evaluated with', value: scoreEngine, testId: 'readout-engine' });
  if (stage) {
    items.push({ label: 'step', value: `${stage.step} / ${stage.totalSteps}`, testId: 'readout-step' });
    if (stage.t !== null) items.push({ label: 't', value: fmt(stage.t), testId: 'readout-t' });
    if (stage.sigma !== null && stage.level !== null)
      items.push({ label: `σ (level ${stage.level + 1})`, value: fmt(stage.sigma), testId: 'readout-sigma' });
  }
  if (metrics) {
    items.push({
      label: 'sliced W1',
      value: `${fmt(metrics.sw1)}; noise floor ${fmt(metrics.sw1Floor)}`,
      testId: 'readout-sw1',
    });
    items.push({
      label: 'mode weights',
      value: metrics.modeWeights.map((w, k) => `${fmt(w, 2)} vs π ${fmt(weights[k] ?? NaN, 2)}`).join('; '),
      testId: 'readout-weights',
    });
    items.push({
      label: 'mean',
      value: `${pair(metrics.mean)}; exact ${pair(metrics.exactMean)}`,
      testId: 'readout-mean',
    });
    items.push({
      label: 'covariance [xx, xy; yy]',
      value: `${matrix(metrics.cov)}; exact ${matrix(metrics.exactCov)}`,
      testId: 'readout-cov',
    });
  }
  if (particleStepsPerSec > 0)
    items.push({ label: 'particle-steps/s', value: fmt(particleStepsPerSec), testId: 'readout-rate' });
  return (
    <>
      <Readout items={items} testId="sampling2d-readout" placeholder="Starting the run…" />
      {stage?.stopped && (
        <p className="notice warn" role="status" data-testid="run-stopped">
          The run stopped: {stage.stopped}
        </p>
      )}
      <p className="slider-hint" data-testid="run-mode">
        {mode === 'done'
          ? 'Done.'
          : mode === 'playing'
            ? 'Playing.'
            : mode === 'paused'
              ? 'Paused: Play or Step to move the particles.'
              : mode === 'error'
                ? 'The sampler failed (see the notice).'
                : 'Starting…'}
      </p>
    </>
  );
}
