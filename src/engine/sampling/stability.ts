/**
 * When is a Langevin step size too large? For a Gaussian target N(μ, v) the score is (μ − x)/v and one step
 *
 *   x' − μ = (1 − ε/(2v)) (x − μ) + √ε z
 *
 * is a linear autoregression. It
 * - relaxes monotonically for ε < 2v,
 * - overshoots the mode (the factor 1 − ε/(2v) turns negative) for 2v < ε < 4v, while its stationary
 *   variance v / (1 − ε/(4v)) grows without bound as ε → 4v,
 * - diverges geometrically for ε > 4v (|1 − ε/(2v)| > 1).
 * In a mixture each component acts like this near its own mode. Far out in the tails the widest component
 * takes all the responsibility, so the run blows up once ε > 4 s_max²; a narrow component is emptied (its
 * particles are flung out and captured elsewhere) already once ε > 4 s_min², without any divergence.
 */
import type { Mixture } from '../mixture';

export interface StepSizeLimits {
  /** Variance of the narrowest component (of q_σ when σ > 0). */
  narrowVariance: number;
  /** Variance of the widest component: it decides whether the whole run diverges. */
  wideVariance: number;
}

export function stepSizeLimits(mixture: Mixture, sigma = 0): StepSizeLimits {
  let narrow = Infinity;
  let wide = 0;
  for (const c of mixture) {
    if (!(c.weight > 0)) continue;
    const v = c.std * c.std + sigma * sigma;
    narrow = Math.min(narrow, v);
    wide = Math.max(wide, v);
  }
  return { narrowVariance: narrow, wideVariance: wide };
}

/** Compact numbers for sentences: 3 significant digits, no trailing zeros. */
export function fmt(v: number): string {
  return String(Number(v.toPrecision(3)));
}

/** Names "ε" or, in annealed Langevin, the level's step α_i. */
function stepName(level: number | undefined): string {
  return level === undefined ? 'ε' : `α${level + 1}`;
}

/**
 * Why a run on the exact mixture score diverged: a sentence that names the step size, the component that
 * failed and the threshold it broke. `level` is the 0-based annealing level (omitted for plain Langevin).
 */
export function explainExactDivergence(
  mixture: Mixture,
  stepSize: number,
  sigma: number | undefined,
  level?: number,
): string {
  const { narrowVariance, wideVariance } = stepSizeLimits(mixture, sigma ?? 0);
  const name = stepName(level);
  const where = level === undefined ? '' : ` at level ${level + 1} (σ = ${fmt(sigma ?? 0)})`;
  const of = sigma ? ' of q_σ' : '';
  const sWide = Math.sqrt(wideVariance);
  const sNarrow = Math.sqrt(narrowVariance);
  return (
    `step size ${name} = ${fmt(stepSize)} is too large${where}: the update x ← x + (${name}/2) s(x) + √${name} z ` +
    `overshoots a component of std s once ${name} > 2 s² and diverges once ${name} > 4 s²; ` +
    `the widest component${of} (s = ${fmt(sWide)}) needs ${name} < ${fmt(4 * wideVariance)}` +
    (narrowVariance < wideVariance
      ? ` and the narrowest (s = ${fmt(sNarrow)}) ${name} < ${fmt(4 * narrowVariance)}.`
      : '.')
  );
}

/** The message for a score we know nothing about (a learned network). */
export function explainGenericDivergence(
  stepSize: number,
  sigma: number | undefined,
  level?: number,
): string {
  const name = stepName(level);
  const where = level === undefined ? '' : ` at level ${level + 1} (σ = ${fmt(sigma ?? 0)})`;
  return (
    `step size ${name} = ${fmt(stepSize)} is too large for this score${where}: the update overshoots where ` +
    `the score is steep (for a Gaussian of std s, once ${name} > 2 s²) and diverges beyond ${name} > 4 s²; ` +
    `try a smaller ε.`
  );
}

/**
 * Up-front warnings for plain Langevin with step ε on `mixture` (for the page's notices), empty when ε is
 * safe: components that ε will empty (ε > 4 s²) or blur badly (2 s² < ε: the stationary std is inflated by
 * at least 1/√(1 − ε/(4 s²)) ≥ √2).
 */
export function stepSizeWarnings(mixture: Mixture, eps: number): string[] {
  const { narrowVariance, wideVariance } = stepSizeLimits(mixture);
  if (eps > 4 * wideVariance) return [explainExactDivergence(mixture, eps, undefined)];
  if (eps > 4 * narrowVariance)
    return [
      `ε = ${fmt(eps)} exceeds 4 s² = ${fmt(4 * narrowVariance)} for the narrowest component ` +
        `(s = ${fmt(Math.sqrt(narrowVariance))}): its particles are flung out of it, so it ends up empty.`,
    ];
  if (eps > 2 * narrowVariance)
    return [
      `ε = ${fmt(eps)} exceeds 2 s² = ${fmt(2 * narrowVariance)} for the narrowest component ` +
        `(s = ${fmt(Math.sqrt(narrowVariance))}): the update overshoots its mode and its spread is inflated ` +
        `by the factor 1/√(1 − ε/(4 s²)).`,
    ];
  return [];
}
