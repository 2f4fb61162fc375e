import { fmtWeights } from '../../components/formatWeights';
import { fmt, Readout } from '../../components/Readout';
import { useAppStore } from '../../store/appStore';
import type { ParamChanges } from '../../store/schemas';
import { useDiffusionSession } from '../../store/diffusionSession';

/** Sampler settings a reset returns to (the page's defaults: DDPM linear, ancestral, 100 steps). */
const SAFE: ParamChanges = { sde: 'ddpm', schedule: 'linear', T: 1000, sampler: 'ancestral', steps: 100 };

/** The run's state and numbers: progress, the metrics, and what to do when a run cannot give any. */
export function RunStatus({ weights }: { weights: number[] }) {
  const mode = useDiffusionSession((s) => s.mode);
  const result = useDiffusionSession((s) => s.result);
  const setParams = useAppStore((s) => s.setParams);
  const s = result?.summary;
  return (
    <div className="diff-status" data-testid="run-status">
      {mode.kind === 'sampling' && (
        <p className="diff-progress" data-testid="sample-progress">
          <progress max={Math.max(1, mode.totalSteps)} value={mode.step} /> sampling with the {mode.score}{' '}
          score
          {mode.totalSteps > 0 && `: step ${mode.step} of ${mode.totalSteps}`}
        </p>
      )}
      {result?.diverged && (
        <p className="notice notice-error diff-notice" role="alert" data-testid="diverged">
          {result.diverged}{' '}
          <button
            type="button"
            className="button"
            onClick={() => setParams(SAFE)}
            data-testid="reset-sampler"
          >
            Reset the sampler
          </button>
        </p>
      )}
      <Readout
        testId="metrics-readout"
        placeholder="Sampling…"
        items={
          result
            ? [
                { label: 'W1 to the data', value: s ? fmt(s.w1) : '–', testId: 'readout-w1' },
                { label: 'KS', value: s ? fmt(s.ks) : '–' },
                {
                  label: `mode weights (data ${fmtWeights(weights)})`,
                  value: s ? fmtWeights(s.modeWeights) : '–',
                },
                { label: 'mean, std', value: s ? `${fmt(s.mean)}, ${fmt(s.std)}` : '–' },
                { label: 'score', value: result.score },
                { label: 'steps, score calls', value: `${result.totalSteps}, ${result.scoreEvaluations}` },
                { label: 'time', value: `${fmt(result.seconds * 1000)} ms` },
              ]
            : []
        }
      />
    </div>
  );
}
