/**
 * Timing the page's own workload on each candidate backend, inside a fixed budget.
 *
 * Per candidate, with a share of the budget (what is left divided by the candidates left):
 *  - one first step, timed but not counted in the rate: it compiles shaders and warms caches, a cost paid once;
 *  - then batches sized from the rate so far so that the last one ends near the share's deadline (the first
 *    batch aims at half of what is left, in case the first step was unrepresentatively fast);
 *  - rate = steps of those batches / their time. Each batch ends with a readback, so GPU work is finished, not
 *    merely queued, when the clock stops.
 * If the share runs out while the first step is still running, the candidate is abandoned: no further batch
 * starts, its tensors are freed once the step in flight ends, and its rate is only a bound, under 1/share.
 * A batch cannot be interrupted, so a share can overrun by at most the batch in flight when its timer fires.
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
  create(): WorkloadRun;
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

/** Times one run within shareMs (see the note at the top). */
export async function timeRun(
  run: WorkloadRun,
  shareMs: number,
  options: Omit<MeasureOptions, 'budgetMs'>,
): Promise<{ rate: number; under: boolean }> {
  const { clock } = options;
  const start = clock();
  // Written by the timed loop, read after the race (an object, so the reads see the loop's writes).
  const s = { abandoned: false, first: null as number | null, steps: 0, spent: 0 };
  const work = (async () => {
    await run.run(1);
    const first = clock() - start;
    s.first = first;
    while (!s.abandoned) {
      const remaining = shareMs - (clock() - start);
      const perStep = s.steps > 0 ? s.spent / s.steps : first;
      if (remaining < perStep) break;
      const aim = s.steps > 0 ? remaining : remaining / 2;
      const n = Math.max(1, Math.min(MAX_BATCH, Math.floor(aim / Math.max(perStep, 1e-3))));
      const t = clock();
      await run.run(n);
      if (s.abandoned) break;
      s.spent += clock() - t;
      s.steps += n;
    }
  })();
  let finished: boolean;
  try {
    finished = await Promise.race([work.then(() => true), options.wait(shareMs).then(() => false)]);
  } catch (error) {
    run.dispose();
    throw error;
  }
  if (finished) run.dispose();
  else {
    s.abandoned = true;
    const free = () => run.dispose();
    void work.then(free, free);
  }
  // Counted batches give the rate; failing those, a finished first step gives a pessimistic one (it includes
  // the one-off compilation); failing that, only a bound.
  if (s.steps > 0 && s.spent > 0) return { rate: (s.steps * 1000) / s.spent, under: false };
  if (s.first !== null) return { rate: 1000 / Math.max(s.first, 1e-3), under: false };
  return { rate: 1000 / shareMs, under: true };
}

/**
 * Starts each candidate in turn and times the workload on it. The candidates' shares add up to budgetMs (a
 * candidate that cannot start leaves its share to those after it). The active backend afterwards is the last
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
    const t0 = options.clock();
    let run: WorkloadRun;
    try {
      run = workload.create();
    } catch (error) {
      failed.push({ label: c.label, error });
      continue;
    }
    let timing: { rate: number; under: boolean };
    try {
      timing = await timeRun(run, share, options);
    } catch (error) {
      failed.push({ label: c.label, error });
      continue;
    } finally {
      left = Math.max(0, left - (options.clock() - t0));
    }
    const { rate, under } = timing;
    how.set(c.label, text);
    measurements.push({
      name: c.name,
      label: c.label,
      rate,
      ...(under ? { under } : {}),
      ...(c.software ? { software: true } : {}),
    });
  }
  return { measurements, how, failed };
}
