import { fmt } from '../../components/Readout';
import { useTrainSession } from '../../store/trainSession';

/**
 * A live read-out for the prose: σ²·D(σ) per level, the fair way to compare levels (|s_σ| ∝ 1/σ once σ exceeds
 * the component widths, so D itself shrinks with σ), and the smallest level's share of the mean D.
 */
export function WeightedFisher() {
  const evaluation = useTrainSession((s) => s.evaluation);
  if (!evaluation || evaluation.sigmas.length < 2 || evaluation.sigmas.some((s) => !(s > 0))) {
    return <>With the NCSN objective and several levels this spot lists σ²·D(σ) for the current network.</>;
  }
  const { sigmas, fisher } = evaluation;
  const weighted = sigmas.map((s, i) => s * s * fisher[i]);
  const total = fisher.reduce((a, b) => a + b, 0);
  const smallestShare = total > 0 ? fisher[fisher.length - 1] / total : NaN;
  return (
    <>
      Now, from σ = {fmt(sigmas[0])} down to σ = {fmt(sigmas[sigmas.length - 1])}, σ²·D(σ) reads{' '}
      <span data-testid="weighted-fisher">{weighted.map((v) => fmt(v, 2)).join(', ')}</span>, and the smallest
      level alone makes up <span data-testid="smallest-level-share">{fmt(100 * smallestShare, 2)}%</span> of
      the mean Fisher divergence in the status line.
    </>
  );
}
