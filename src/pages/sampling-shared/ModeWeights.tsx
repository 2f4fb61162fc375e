import { fmtWeight } from '../../components/formatWeights';
import { fmt } from '../../components/Readout';
import type { Mixture } from '../../engine/mixture';
import { useSamplerSession } from '../../store/samplerSession';
import { COMPONENT_COLOURS } from './charts';

/** Differences in a weight below this are sampling noise, not a failure (also the tests' tolerance). */
export const WEIGHT_TOLERANCE = 0.03;

/**
 * One bar per mixture component: the particles' share (mean responsibility) against the true weight π_k,
 * marked by a line. Once the run has ended, a share off by more than the tolerance is flagged, so plain
 * Langevin's failure with separated modes reads at a glance; until then the shares are still moving, and the
 * caption gives the run's progress instead of a verdict. With the learned score the shares carry the network's
 * errors as well as the sampler's, and the caption says so instead of blaming the sampler alone.
 */
export function ModeWeights({ mixture, failureNote }: { mixture: Mixture; failureNote: string }) {
  const metrics = useSamplerSession((s) => s.metrics);
  const done = useSamplerSession((s) => s.mode.kind === 'done');
  const progress = useSamplerSession((s) => s.frame?.state);
  const model = useSamplerSession((s) => (s.config?.score === 'learned' ? s.model : null));
  const total = mixture.reduce((s, c) => s + c.weight, 0);
  const shares = metrics?.modeWeights ?? null;
  const worst = shares
    ? Math.max(...mixture.map((c, k) => Math.abs((shares[k] ?? 0) - c.weight / total)))
    : 0;
  return (
    <section className="figure samp-weights" data-testid="mode-weights">
      <h2 className="figure-title">Mode weights: the particles&rsquo; share against the truth</h2>
      <ul className="samp-weight-list">
        {mixture.map((c, k) => {
          const truth = c.weight / total;
          const share = shares?.[k];
          const off = done && share !== undefined && Math.abs(share - truth) > WEIGHT_TOLERANCE;
          return (
            <li key={k} className={off ? 'samp-weight off' : 'samp-weight'} data-testid={`mode-weight-${k}`}>
              <span className="samp-weight-label">
                μ = {fmt(c.mean)}, s = {fmt(c.std)}
              </span>
              <span className="samp-weight-track" aria-hidden="true">
                <span
                  className={`samp-weight-bar ${COMPONENT_COLOURS[k % COMPONENT_COLOURS.length]}`}
                  style={{ width: `${100 * Math.min(1, share ?? 0)}%` }}
                />
                <span className="samp-weight-truth" style={{ left: `${100 * truth}%` }} />
              </span>
              <span className="samp-weight-numbers">
                <strong data-testid={`mode-weight-share-${k}`}>
                  {share === undefined ? '–' : fmtWeight(share)}
                </strong>{' '}
                vs π = {fmt(truth, 2)}
              </span>
            </li>
          );
        })}
      </ul>
      <p className="figure-caption" data-testid="weight-verdict">
        {!shares
          ? 'Shares appear once the run starts.'
          : !done
            ? `Run at step ${(progress?.step ?? 0).toLocaleString('en')} of ${(progress?.totalSteps ?? 0).toLocaleString('en')}: the verdict comes when it ends.`
            : worst > WEIGHT_TOLERANCE
              ? `Off by up to ${fmt(worst, 2)}. ${
                  model
                    ? `With the learned score this is the network’s error as well as the sampler’s (the model trained for ${model.step.toLocaleString('en')} steps); the same run with the exact score separates the two.`
                    : failureNote
                }`
              : `Every share is within ±${WEIGHT_TOLERANCE} of its true weight.`}{' '}
        Bars: mean responsibility of each component over the particles; lines: the true π.
      </p>
    </section>
  );
}
