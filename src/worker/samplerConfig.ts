/** The sampler worker's guard on a run's settings, before anything starts. */
import type { SamplerConfig } from './samplerProtocol';

const isCount = (v: unknown, lo: number, hi: number) =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;
const isPositive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Why a config cannot run (the page clamps its URL first; this guards the worker against anything else). */
export function configProblem(c: SamplerConfig): string | null {
  if (!isCount(c.n, 1, 1_000_000)) return 'n must be a whole number from 1 to 1,000,000';
  if (!isPositive(c.eps)) return 'ε must be a positive number';
  if (!isCount(c.steps, 0, 1_000_000)) return 'the number of steps must be a whole number ≥ 0';
  if (!Array.isArray(c.mixture) || c.mixture.length === 0) return 'the mixture has no component';
  if (c.kind === 'annealed') {
    if (!isPositive(c.smin) || !isPositive(c.smax) || c.smax! < c.smin!) return 'needs 0 < σ_min ≤ σ_max';
    if (!isCount(c.levels, 1, 1000)) return 'the number of levels must be a whole number ≥ 1';
  }
  return null;
}
