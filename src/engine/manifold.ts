/**
 * The manifold hypothesis in one dimension: a component whose width w shrinks to zero.
 *
 * While w > 0 the mixture has a density and a score. Near the component's mean, where it dominates, the score
 * is −(x − μ)/w²: its slope at the centre is −1/w², and its largest value is reached a few widths out, where
 * the other components take over, so max |s| grows like 1/w (times a factor that grows only like
 * √log(1/w)). At w = 0 the component is a point mass: p has no density, so ∇log p does not exist. Blurring by
 * any σ > 0 restores it: the component of q_σ has width √(w² + σ²) ≥ σ, so q_σ's score stays bounded on any
 * bounded range as w → 0.
 */
import { linspace } from './grid';
import { mixtureScore, perturbMixture, type Mixture } from './mixture';

/** The index of the narrowest component. */
export function narrowestComponent(mixture: Mixture): number {
  let best = 0;
  for (let k = 1; k < mixture.length; k++) if (mixture[k].std < mixture[best].std) best = k;
  return best;
}

/** The mixture with component k's std set to w (w = 0: a point mass, which has no density). */
export function withComponentWidth(mixture: Mixture, k: number, w: number): Mixture {
  return mixture.map((c, i) => (i === k ? { ...c, std: w } : c));
}

/**
 * Evaluation points: an even grid over the range plus a dense patch of ±12 widths around the narrow
 * component's mean, so the score's peak is resolved however small w is.
 */
export function resolvingGrid(
  range: [number, number],
  centre: number,
  w: number,
  points = 801,
): Float64Array {
  const base = linspace(range[0], range[1], points);
  if (!(w > 0)) return base;
  const patch = linspace(-12, 12, 241).map((u) => centre + u * w);
  const all = Float64Array.from([...base, ...patch].filter((x) => x >= range[0] && x <= range[1]));
  return all.sort();
}

export interface BlowUp {
  /** Largest |∇log p| on the range, or null when w = 0 (no density, no score). */
  maxScore: number | null;
  /** d/dx ∇log p at the component's mean, or null when w = 0. */
  centreSlope: number | null;
  /** Largest |∇log q_σ| on the range: finite for every w ≥ 0 when σ > 0. */
  maxScoreQ: number;
}

function maxAbs(mixture: Mixture, xs: Float64Array): number {
  let m = 0;
  for (const x of xs) m = Math.max(m, Math.abs(mixtureScore(mixture, x)));
  return m;
}

export function scoreBlowUp(
  mixture: Mixture,
  k: number,
  w: number,
  sigma: number,
  range: [number, number],
): BlowUp {
  const centre = mixture[k].mean;
  const narrowed = withComponentWidth(mixture, k, w);
  const q = perturbMixture(narrowed, sigma);
  const qGrid = resolvingGrid(range, centre, Math.sqrt(w * w + sigma * sigma));
  const maxScoreQ = maxAbs(q, qGrid);
  if (!(w > 0)) return { maxScore: null, centreSlope: null, maxScoreQ };
  const h = 1e-3 * w;
  const centreSlope = (mixtureScore(narrowed, centre + h) - mixtureScore(narrowed, centre - h)) / (2 * h);
  return { maxScore: maxAbs(narrowed, resolvingGrid(range, centre, w)), centreSlope, maxScoreQ };
}
