/**
 * Noisy marginals of a 2D mixture (SCIENCE.md §11). Every forward process on these pages is affine in the data:
 * x_t = a x_0 + s z with z ~ N(0, I). A component N(μ, Σ) then becomes N(a μ, a² Σ + s² I), so the marginal p_t is
 * again a mixture with the same weights, and its score is exact.
 *   VE (the field page's σ):  a = 1,      s = σ
 *   VP / DDPM:                a = √ᾱ_t,   s = √(1 − ᾱ_t)
 *   flow matching:            a = 1 − t,  s = t
 */
import { componentOf, covarianceOf, type Mixture2 } from './mixture2';

export function affineMarginal2(mixture: Mixture2, a: number, s: number): Mixture2 {
  return mixture.map((c) => {
    const g = covarianceOf(c);
    const a2 = a * a;
    const s2 = s * s;
    return componentOf(c.weight, {
      mx: a * g.mx,
      my: a * g.my,
      vxx: a2 * g.vxx + s2,
      vxy: a2 * g.vxy,
      vyy: a2 * g.vyy + s2,
    });
  });
}

/** q_σ = p ∗ N(0, σ² I): the data blurred by isotropic noise of standard deviation σ. */
export function perturbMixture2(mixture: Mixture2, sigma: number): Mixture2 {
  return affineMarginal2(mixture, 1, sigma);
}

/** p_t of the VP process with ᾱ_t = alphaBar. */
export function vpMarginal2(mixture: Mixture2, alphaBar: number): Mixture2 {
  return affineMarginal2(mixture, Math.sqrt(alphaBar), Math.sqrt(1 - alphaBar));
}

/** p_t of the straight flow-matching path x_t = (1 − t) x_0 + t x_1. */
export function flowMarginal2(mixture: Mixture2, t: number): Mixture2 {
  return affineMarginal2(mixture, 1 - t, t);
}
