/**
 * Timing the page's own workload on each candidate backend.
 *
 * Per candidate:
 *  - one warm-up step, not counted: it compiles shaders, creates the optimiser's moments and warms caches, a
 *    cost paid once per page. It is cut off at WARMUP_LIMIT_MS: a candidate still in its first step then is
 *    given up (no rate; it cannot win), and its tensors are freed once that step ends;
 *  - then timed batches within the candidate's share of the budget (what is left divided by the candidates
 *    left): one step, then batches sized from the rate so far to end near the share's deadline;
 *  - rate = steps / time of the timed batches after the first one (that one alone when no other fitted). Each
 *    batch ends with a readback, so GPU work is finished, not merely queued, when the clock stops.
 * So the budget bounds the timed steps in all (a batch is not interrupted: a share can overrun by one step);
 * each warm-up adds at most WARMUP_LIMIT_MS.
 */
import type { Clock } from '../clock';
import type { BackendName } from './backend';
import type { Measurement } from './autoChoice';

/** One instance of the workload, built on the backend that is active when `create` is called. */
export interface WorkloadRun {
  /** n units of work (training steps, sampler steps), finished (read back) when the promise resolves. */
  run(n: number): Promise<void>;
  /** Frees everything the run holds. */
  dispose(): void;
}

export interface Workload {
  /** Part of the cache key: verdicts for different kinds of work are kept apart, e.g. "training". */
  kind: string;
  /** The unit of the rate, e.g. "steps/s". */
  unit: string;
  /** What one unit is, for the reason text, e.g. "training steps of ncsn, 2 × 64 hidden units, batch 512". */
  what: string;
  /** An instance on the candidate `on`, whose backend is the active one (a workload may run its own path there). */
  create(on: { name: BackendName; software: boolean }): WorkloadRun;
}

export interface Candidate {
  name: BackendName;
  label: string;
  software?: boolean;
  /** Starts the backend and makes it the active one; resolves with how it runs, or throws why it cannot. */
  start(): Promise<string>;
}

export interface MeasureOptions {
  budgetMs: number;
  clock: Clock;
  /** Resolves after ms (setTimeout in the app; tests may resolve at once to force an abandonment). */
  wait(ms: number): Promise<void>;
}

export interface MeasureResult {
  measurements: Measurement[];
  /** How each measured candidate runs (from its start), by label. */
  how: Map<string, string>;
  /** Candidates that could not start: label and why. */
  failed: { label: string; error: unknown }[];
}

const MAX_BATCH = 4096;
/** The longest a warm-up step may take before its candidate is given up. */
export const WARMUP_LIMIT_MS = 1500;

export type Timing = { rate: number } | { rate: 0; unfinished: number };

/** Times one run: the warm-up, then timed steps within shareMs (see the note at the top). Disposes the run. */
export async function timeRun(
  run: WorkloadRun,
  shareMs: number,
  options: Omit<MeasureOptions, 'budgetMs'>,
): Promise<Timing> {
  const { clock } = options;
  const warmUp = run.run(1);
  let warm: boolean;
  try {
    warm = await Promise.race([warmUp.then(() => true), options.wait(WARMUP_LIMIT_MS).then(() => false)]);
  } catch (error) {
    run.dispose();
    throw error;
  }
  if (!warm) {
    const free = () => run.dispose();
    void warmUp.then(free, free);
    return { rate: 0, unfinished: WARMUP_LIMIT_MS };
  }
  try {
    const start = clock();
    // All timed batches, and those after the first (which may still carry one-off costs, e.g. a kernel the
    // warm-up step did not reach): the rate comes from the latter when there are any.
    const all = { steps: 0, ms: 0 };
    const later = { steps: 0, ms: 0 };
    let n = 1;
    for (let batch = 0; ; batch++) {
      const t = clock();
      await run.run(n);
      const dt = clock() - t;
      all.steps += n;
      all.ms += dt;
      if (batch > 0) {
        later.steps += n;
        later.ms += dt;
      }
      const perStep = (later.steps > 0 ? later.ms / later.steps : all.ms / all.steps) || 1e-3;
      const remaining = shareMs - (clock() - start);
      if (remaining < perStep) break;
      // The second batch aims at half of what is left, so that a third still fits if the first was slow.
      const aim = batch === 0 ? remaining / 2 : remaining;
      n = Math.max(1, Math.min(MAX_BATCH, Math.floor(aim / perStep)));
    }
    const used = later.steps > 0 ? later : all;
    return { rate: (used.steps * 1000) / Math.max(used.ms, 1e-3) };
  } finally {
    run.dispose();
  }
}

/**
 * Starts each candidate in turn and times the workload on it. The candidates' shares of timed steps add up to
 * budgetMs (a candidate that cannot start or run leaves its share to those after it). The active backend afterwards is the last
 * one started: the caller activates the winner.
 */
export async function measureCandidates(
  candidates: readonly Candidate[],
  workload: Workload,
  options: MeasureOptions,
): Promise<MeasureResult> {
  const measurements: Measurement[] = [];
  const how = new Map<string, string>();
  const failed: { label: string; error: unknown }[] = [];
  let left = options.budgetMs;
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    let text: string;
    try {
      text = await c.start();
    } catch (error) {
      failed.push({ label: c.label, error });
      continue;
    }
    const share = left / (candidates.length - i);
    let run: WorkloadRun;
    try {
      run = workload.create({ name: c.name, software: !!c.software });
    } catch (error) {
      failed.push({ label: c.label, error });
      continue;
    }
    let timing: Timing;
    try {
      timing = await timeRun(run, share, options);
    } catch (error) {
      failed.push({ label: c.label, error });
      continue;
    }
    left = Math.max(0, left - share);
    const { rate } = timing;
    const unfinished = 'unfinished' in timing ? timing.unfinished : 0;
    how.set(c.label, text);
    measurements.push({
      name: c.name,
      label: c.label,
      rate,
      ...(unfinished ? { unfinished } : {}),
      ...(c.software ? { software: true } : {}),
    });
  }
  return { measurements, how, failed };
}
