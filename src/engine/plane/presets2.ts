/**
 * Mixtures for the plane pages. Each tells one part of the story (issue 15): the default looks good on first open;
 * Song & Ermon's two-mode toy shows plain Langevin keeping the wrong weights; the ring of eight needs enough noise
 * levels; the thin curve is data near a one-dimensional manifold, where the unblurred score is steep across it.
 */
import { componentOf, type Component2, type Mixture2 } from './mixture2';

/**
 * A component stretched along a direction: standard deviation `along` at angle `angle` (radians from the x axis)
 * and `across` perpendicular to it, Σ = R diag(along², across²) Rᵀ with R the rotation by `angle`.
 */
export function orientedComponent(
  weight: number,
  mx: number,
  my: number,
  along: number,
  across: number,
  angle: number,
): Component2 {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  const l2 = along * along;
  const w2 = across * across;
  return componentOf(weight, {
    mx,
    my,
    vxx: c * c * l2 + s * s * w2,
    vxy: c * s * (l2 - w2),
    vyy: s * s * l2 + c * c * w2,
  });
}

export const DEFAULT_MIXTURE_2D: Mixture2 = [
  { weight: 0.5, mx: -2, my: 1, sx: 1, sy: 0.6, rho: 0.5 },
  { weight: 0.3, mx: 2.5, my: 2, sx: 0.5, sy: 0.8, rho: -0.3 },
  { weight: 0.2, mx: 1.5, my: -2.5, sx: 0.7, sy: 0.4, rho: 0 },
];

/** Song & Ermon (2019, §3.2): p = 1/5 N((−5, −5), I) + 4/5 N((5, 5), I). */
export const TWO_MODES_2D: Mixture2 = [
  { weight: 0.2, mx: -5, my: -5, sx: 1, sy: 1, rho: 0 },
  { weight: 0.8, mx: 5, my: 5, sx: 1, sy: 1, rho: 0 },
];

/** Eight equal Gaussians of standard deviation 0.3 on a circle of radius 4. */
export const RING_OF_EIGHT: Mixture2 = Array.from({ length: 8 }, (_, k) => {
  const angle = (2 * Math.PI * k) / 8;
  return { weight: 1 / 8, mx: 4 * Math.cos(angle), my: 4 * Math.sin(angle), sx: 0.3, sy: 0.3, rho: 0 };
});

/**
 * Eight narrow components laid end to end along the arc y = 2 sin(x / 2) for x in [−5, 5], each elongated along the
 * curve's tangent (std 0.7 along, 0.08 across), so the data lies close to a curve.
 */
export const THIN_CURVE: Mixture2 = Array.from({ length: 8 }, (_, k) => {
  const x = -5 + (10 * k) / 7;
  const slope = Math.cos(x / 2);
  return orientedComponent(1 / 8, x, 2 * Math.sin(x / 2), 0.7, 0.08, Math.atan(slope));
});

export const MIXTURE_2D_PRESETS = {
  default: DEFAULT_MIXTURE_2D,
  twoModes: TWO_MODES_2D,
  ring: RING_OF_EIGHT,
  curve: THIN_CURVE,
} as const satisfies Record<string, Mixture2>;

export type Mixture2PresetName = keyof typeof MIXTURE_2D_PRESETS;
