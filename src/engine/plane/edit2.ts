/**
 * Edits of a 2D mixture under the hand, each returning a valid mixture: weights normalised, standard deviations in
 * range, |ρ| below its limit. Limits come from the caller (the URL codec owns them) so the engine holds no policy.
 *
 * A covariance is edited through its principal axes. Σ = R diag(a², b²) Rᵀ with a ≥ b the standard deviations along
 * the axes and R the rotation by θ; the axis handle sits at μ + 2a (cos θ, sin θ), two standard deviations out along
 * the major axis. Dragging it to a point p sets the axis direction to p − μ and a to |p − μ|/2, keeping b: the reader
 * stretches and turns the ellipse without touching its width.
 */
import { componentOf, covarianceOf, normalizeWeights2, type Component2, type Mixture2 } from './mixture2';
import { orientedComponent } from './presets2';

export interface Limits2 {
  mean: number;
  stdMin: number;
  stdMax: number;
  rho: number;
  minWeight: number;
  maxComponents: number;
}

/** How far out along the major axis its handle sits, in standard deviations. */
export const AXIS_HANDLE_SDS = 2;

export interface PrincipalAxes {
  /** Standard deviations along the major and minor axes (major ≥ minor). */
  major: number;
  minor: number;
  /** Angle of the major axis from the x axis, in (−π/2, π/2]. */
  angle: number;
}

/** Eigen-decomposition of a 2 × 2 covariance [[p, q], [q, r]]: λ = (p + r)/2 ± √(((p − r)/2)² + q²). */
export function principalAxes(c: Component2): PrincipalAxes {
  const { vxx, vxy, vyy } = covarianceOf(c);
  const mean = (vxx + vyy) / 2;
  const radius = Math.hypot((vxx - vyy) / 2, vxy);
  return {
    major: Math.sqrt(mean + radius),
    minor: Math.sqrt(Math.max(0, mean - radius)),
    angle: 0.5 * Math.atan2(2 * vxy, vxx - vyy),
  };
}

export function axisHandle(c: Component2): { x: number; y: number } {
  const { major, angle } = principalAxes(c);
  return {
    x: c.mx + AXIS_HANDLE_SDS * major * Math.cos(angle),
    y: c.my + AXIS_HANDLE_SDS * major * Math.sin(angle),
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Brings s_x, s_y and ρ into range (the covariance the reader sees is the clamped one). */
export function clampComponent2(c: Component2, limits: Limits2): Component2 {
  return {
    ...c,
    mx: clamp(c.mx, -limits.mean, limits.mean),
    my: clamp(c.my, -limits.mean, limits.mean),
    sx: clamp(c.sx, limits.stdMin, limits.stdMax),
    sy: clamp(c.sy, limits.stdMin, limits.stdMax),
    rho: clamp(c.rho, -limits.rho, limits.rho),
  };
}

export function moveMean2(mixture: Mixture2, k: number, x: number, y: number, limits: Limits2): Mixture2 {
  return mixture.map((c, i) => (i === k ? clampComponent2({ ...c, mx: x, my: y }, limits) : c));
}

/** The axis handle of component k dragged to (x, y): see the file comment. */
export function dragAxis2(mixture: Mixture2, k: number, x: number, y: number, limits: Limits2): Mixture2 {
  return mixture.map((c, i) => {
    if (i !== k) return c;
    const { minor } = principalAxes(c);
    const dx = x - c.mx;
    const dy = y - c.my;
    const along = Math.max(minor, Math.hypot(dx, dy) / AXIS_HANDLE_SDS);
    const angle = Math.hypot(dx, dy) > 0 ? Math.atan2(dy, dx) : principalAxes(c).angle;
    return clampComponent2(orientedComponent(c.weight, c.mx, c.my, along, minor, angle), limits);
  });
}

/** Sets π_k = w (within [minWeight, 1 − (K − 1) minWeight]) and rescales the others to keep the total at 1. */
export function setWeight2(mixture: Mixture2, k: number, w: number, limits: Limits2): Mixture2 {
  if (mixture.length === 1) return [{ ...mixture[0], weight: 1 }];
  const target = clamp(w, limits.minWeight, 1 - limits.minWeight * (mixture.length - 1));
  const others = mixture.reduce((sum, c, i) => (i === k ? sum : sum + c.weight), 0);
  return mixture.map((c, i) => {
    if (i === k) return { ...c, weight: target };
    const share = others > 0 ? c.weight / others : 1 / (mixture.length - 1);
    return { ...c, weight: (1 - target) * share };
  });
}

/**
 * Adds a round component (s = 0.6) at the point of a coarse lattice over the mean box farthest from every existing
 * mean, taking an equal share of the weight.
 */
export function addComponent2(mixture: Mixture2, limits: Limits2): Mixture2 {
  if (mixture.length >= limits.maxComponents) return mixture;
  const reach = Math.min(6, limits.mean);
  let best = { x: 0, y: 0, gap: -1 };
  for (let i = 0; i <= 12; i++) {
    for (let j = 0; j <= 12; j++) {
      const x = -reach + (2 * reach * i) / 12;
      const y = -reach + (2 * reach * j) / 12;
      const gap = Math.min(...mixture.map((c) => Math.hypot(c.mx - x, c.my - y)));
      if (gap > best.gap) best = { x, y, gap };
    }
  }
  const share = 1 / (mixture.length + 1);
  return normalizeWeights2([
    ...mixture.map((c) => ({ ...c, weight: c.weight * (1 - share) })),
    componentOf(share, { mx: best.x, my: best.y, vxx: 0.36, vxy: 0, vyy: 0.36 }),
  ]);
}

export function removeComponent2(mixture: Mixture2, k: number): Mixture2 {
  if (mixture.length <= 1) return mixture;
  return normalizeWeights2(mixture.filter((_, i) => i !== k));
}
