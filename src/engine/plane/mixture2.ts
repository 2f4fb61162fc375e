/**
 * The data of the plane pages: a 2D Gaussian mixture p(x) = Σ_k π_k N(x; μ_k, Σ_k) (SCIENCE.md §11) with
 * Σ_k = [[s_x², ρ s_x s_y], [ρ s_x s_y, s_y²]], |ρ| < 1.
 *
 * As on the line, densities are combined in log space so that responsibilities and the score stay finite far in
 * the tails, where every p_k(x) underflows to 0.
 */
import { logSumExp } from '../special';

export interface Component2 {
  /** Mixture weight π_k ≥ 0 (a mixture's weights sum to 1). */
  weight: number;
  mx: number;
  my: number;
  /** Standard deviations along x and y, > 0. */
  sx: number;
  sy: number;
  /** Correlation, |ρ| < 1. */
  rho: number;
}

export type Mixture2 = readonly Component2[];

export const MAX_COMPONENTS_2D = 8;

/** Inverse covariance and log normaliser of one component, computed once per mixture and reused per point. */
interface Prepared {
  logWeight: number;
  mx: number;
  my: number;
  /** Σ⁻¹ = [[a, b], [b, c]]. */
  a: number;
  b: number;
  c: number;
  /** log N's constant: −log(2π) − ½ log det Σ. */
  logNorm: number;
}

export interface Gaussian2 {
  mx: number;
  my: number;
  /** Covariance entries Σ = [[vxx, vxy], [vxy, vyy]]. */
  vxx: number;
  vxy: number;
  vyy: number;
}

export function covarianceOf(c: Component2): Gaussian2 {
  return { mx: c.mx, my: c.my, vxx: c.sx * c.sx, vxy: c.rho * c.sx * c.sy, vyy: c.sy * c.sy };
}

/** The component with this mean and covariance (s_x = √Σ_xx, s_y = √Σ_yy, ρ = Σ_xy / (s_x s_y)). */
export function componentOf(weight: number, g: Gaussian2): Component2 {
  const sx = Math.sqrt(g.vxx);
  const sy = Math.sqrt(g.vyy);
  return { weight, mx: g.mx, my: g.my, sx, sy, rho: g.vxy / (sx * sy) };
}

function prepare(c: Component2): Prepared {
  const { vxx, vxy, vyy } = covarianceOf(c);
  const det = vxx * vyy - vxy * vxy;
  return {
    logWeight: Math.log(c.weight),
    mx: c.mx,
    my: c.my,
    a: vyy / det,
    b: -vxy / det,
    c: vxx / det,
    logNorm: -Math.log(2 * Math.PI) - 0.5 * Math.log(det),
  };
}

/**
 * A mixture prepared for many evaluations. Each method costs O(K) per point; `score` and `responsibilities`
 * write into caller-owned arrays so a grid or a particle cloud allocates nothing per point.
 */
export class PreparedMixture2 {
  private readonly parts: Prepared[];
  private readonly logTerms: Float64Array;

  constructor(readonly mixture: Mixture2) {
    this.parts = mixture.map(prepare);
    this.logTerms = new Float64Array(mixture.length);
  }

  get size(): number {
    return this.parts.length;
  }

  /** log π_k + log N(x; μ_k, Σ_k) for every k, into `this.logTerms`. */
  private fillLogTerms(x: number, y: number): Float64Array {
    for (let k = 0; k < this.parts.length; k++) {
      const p = this.parts[k];
      const dx = x - p.mx;
      const dy = y - p.my;
      const quad = p.a * dx * dx + 2 * p.b * dx * dy + p.c * dy * dy;
      this.logTerms[k] = p.logWeight + p.logNorm - 0.5 * quad;
    }
    return this.logTerms;
  }

  logPdf(x: number, y: number): number {
    return logSumExp(this.fillLogTerms(x, y));
  }

  pdf(x: number, y: number): number {
    return Math.exp(this.logPdf(x, y));
  }

  /** r_k(x) = π_k N(x; μ_k, Σ_k) / p(x), written into `out` (length K). */
  responsibilities(x: number, y: number, out: Float64Array): Float64Array {
    const terms = this.fillLogTerms(x, y);
    const total = logSumExp(terms);
    for (let k = 0; k < terms.length; k++) out[k] = Math.exp(terms[k] - total);
    return out;
  }

  /**
   * ∇log p(x) = Σ_k r_k(x) Σ_k⁻¹ (μ_k − x), written into `out` as [s_x, s_y]. Returns log p(x) as well, which the
   * same pass has already computed.
   */
  score(x: number, y: number, out: Float64Array): number {
    const terms = this.fillLogTerms(x, y);
    const total = logSumExp(terms);
    let gx = 0;
    let gy = 0;
    for (let k = 0; k < terms.length; k++) {
      const r = Math.exp(terms[k] - total);
      const p = this.parts[k];
      const dx = p.mx - x;
      const dy = p.my - y;
      gx += r * (p.a * dx + p.b * dy);
      gy += r * (p.b * dx + p.c * dy);
    }
    out[0] = gx;
    out[1] = gy;
    return total;
  }
}

/** Weights rescaled to sum to 1 (equal weights when none is positive). */
export function normalizeWeights2(mixture: Mixture2): Mixture2 {
  const total = mixture.reduce((sum, c) => sum + Math.max(0, c.weight), 0);
  if (!(total > 0) || !Number.isFinite(total))
    return mixture.map((c) => ({ ...c, weight: 1 / mixture.length }));
  return mixture.map((c) => ({ ...c, weight: Math.max(0, c.weight) / total }));
}

/** Mean E[x] = Σ π_k μ_k and covariance Σ π_k (Σ_k + μ_k μ_kᵀ) − E[x]E[x]ᵀ of the mixture. */
export function mixtureMoments2(mixture: Mixture2): Gaussian2 {
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const c of mixture) {
    const g = covarianceOf(c);
    mx += c.weight * c.mx;
    my += c.weight * c.my;
    sxx += c.weight * (g.vxx + c.mx * c.mx);
    sxy += c.weight * (g.vxy + c.mx * c.my);
    syy += c.weight * (g.vyy + c.my * c.my);
  }
  return { mx, my, vxx: sxx - mx * mx, vxy: sxy - mx * my, vyy: syy - my * my };
}
