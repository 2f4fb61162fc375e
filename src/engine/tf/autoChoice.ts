/**
 * The measured `auto`: which backend won, and the sentence that says so. Pure functions of the measured rates,
 * so the choice is tested with made-up timings (measure.ts does the timing, backend.ts the starting).
 *
 * Rule: the highest measured rate wins. A candidate whose first (warm-up) step did not finish in time has no rate
 * and never wins while another has one. A software adapter is
 * one more candidate: it wins only by measuring faster (never by being WebGPU). Ties go to the earlier candidate
 * in the order the caller gave (backend.ts gives hardware WebGPU, wasm, then a software adapter).
 */
import type { BackendName } from './backend';

export interface Measurement {
  name: BackendName;
  /** Shown in the reason, e.g. "WebGPU", "WebGPU (software adapter)", "wasm". */
  label: string;
  /** Workload units per second after the warm-up step (0 when `unfinished`). */
  rate: number;
  /** Set when the warm-up step had not finished after this many ms: the candidate was given up, with no rate. */
  unfinished?: number;
  /** A WebGPU fallback/software adapter (it must be started with the fallback adapter allowed). */
  software?: boolean;
}

/** What was measured: kept with the verdict so a cached reason can say it again. */
export interface Verdict {
  name: BackendName;
  software: boolean;
  /** e.g. "steps/s" */
  unit: string;
  /** e.g. "training steps of the 1→64→64→1 network, batch 512" */
  what: string;
  measurements: Measurement[];
}

/** The winner, or null when no candidate has a rate. */
export function pickFastest(measurements: readonly Measurement[]): Measurement | null {
  let best: Measurement | null = null;
  for (const m of measurements)
    if (!m.unfinished && Number.isFinite(m.rate) && m.rate > 0 && (best === null || m.rate > best.rate))
      best = m;
  return best;
}

/** A rate for people: three significant figures below 100, whole numbers with thousands separators above. */
export function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '?';
  if (rate >= 100) return Math.round(rate).toLocaleString('en-US');
  return Number(rate.toPrecision(3)).toString();
}

function rateText(m: Measurement, unit: string): string {
  if (m.unfinished)
    return `${m.label} not measured (its first step took over ${formatRate(m.unfinished / 1000)} s)`;
  return `${m.label} ${formatRate(m.rate)} ${unit}`;
}

/**
 * "auto, measured just now: WebGPU 1,850 steps/s vs wasm 210 steps/s on this machine (training steps of …)".
 * The winner comes first; the others follow in the order measured.
 */
export function measuredReason(verdict: Verdict, when: 'now' | 'cached'): string {
  const winner = verdict.measurements.find(
    (m) => m.name === verdict.name && !!m.software === verdict.software,
  );
  const ordered = winner
    ? [winner, ...verdict.measurements.filter((m) => m !== winner)]
    : verdict.measurements;
  const rates = ordered.map((m) => rateText(m, verdict.unit)).join(' vs ');
  const prefix = when === 'now' ? 'auto, measured just now' : 'auto, as measured earlier in this browser';
  return `${prefix}: ${rates} on this machine (${verdict.what})`;
}

/** Whether a verdict may be cached: every candidate has a rate (none was given up during its first step). */
export function cacheable(verdict: Verdict): boolean {
  return verdict.measurements.length > 0 && verdict.measurements.every((m) => !m.unfinished);
}

const NAMES: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

function isMeasurement(v: unknown): v is Measurement {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  return (
    NAMES.includes(m.name as BackendName) &&
    typeof m.label === 'string' &&
    typeof m.rate === 'number' &&
    Number.isFinite(m.rate) &&
    m.rate > 0 &&
    m.unfinished === undefined &&
    (m.software === undefined || typeof m.software === 'boolean')
  );
}

/** A verdict read back from storage, or null if it is not one (an older format, a hand-edited entry). */
export function parseVerdict(value: unknown): Verdict | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!NAMES.includes(v.name as BackendName) || typeof v.software !== 'boolean') return null;
  if (typeof v.unit !== 'string' || typeof v.what !== 'string') return null;
  if (!Array.isArray(v.measurements) || !v.measurements.every(isMeasurement)) return null;
  const verdict = v as unknown as Verdict;
  return verdict.measurements.some((m) => m.name === verdict.name && !!m.software === verdict.software)
    ? verdict
    : null;
}

/** The cache key: one verdict per app version, WebGPU adapter and kind of workload. */
export function verdictKey(appVersion: string, adapter: string, workloadKind: string): string {
  return `${appVersion}|${adapter}|${workloadKind}`;
}
