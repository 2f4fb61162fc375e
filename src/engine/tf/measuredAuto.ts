/**
 * `auto` with a workload: use the verdict cached for this browser, or time the workload on each candidate and
 * keep the fastest. backend.ts passes in how to start and activate backends, so this file holds only the
 * decisions (and tests drive it with made-up backends and clocks).
 *
 * Candidates, in this order:
 *  - WebGPU on a hardware adapter;
 *  - wasm;
 *  - WebGPU on a software (fallback) adapter, only when the reader asks to re-measure. On the first visit it is
 *    left out: starting it and compiling its shaders costs seconds, and on an objective the fused kernels do not
 *    train it runs TF.js's generic ops, about fifty times slower than wasm (BROWSER.md: ≈ 3 vs ≈ 157 training
 *    steps/s). When asked, it is measured like the others (through the fused kernels where they train the
 *    objective: trainWorkload.ts) and wins only by measuring faster, which the fused kernels may.
 * WebGL and the CPU backend are not measured: backend.ts falls back to them, in that order, only when no
 * candidate starts.
 */
import type { Clock } from '../clock';
import type { BackendChoice, BackendName } from './backend';
import { cacheable, measuredReason, parseVerdict, pickFastest, verdictKey, type Verdict } from './autoChoice';
import { measureCandidates, WARMUP_LIMIT_MS, type Candidate, type Workload } from './measure';
import type { VerdictStore } from './verdictStore';

/** The timed steps' budget, shared by the candidates (each warm-up step adds at most WARMUP_LIMIT_MS). */
export const AUTO_BUDGET_MS = 500;

export interface AutoInput {
  workload: Workload;
  /** Ignore the cached verdict, measure (the software adapter too), and cache the new verdict. */
  remeasure: boolean;
  skip: ReadonlySet<BackendName>;
  /** The WebGPU adapter: whether it is hardware, its description (null: no adapter), what was found. */
  adapter: { hardware: boolean; description: string | null; note?: string };
  appVersion: string;
  store: VerdictStore;
  /** Starts a backend and makes it active; allowFallback lets WebGPU take a software adapter. */
  start(name: BackendName, allowFallback: boolean): Promise<string>;
  /** Makes an already started backend the active one again. */
  activate(name: BackendName): Promise<void>;
  label(name: BackendName): string;
  clock: Clock;
  wait(ms: number): Promise<void>;
  budgetMs?: number;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The choice, or null when no candidate could start (the caller then tries WebGL and the CPU backend);
 * `fallbacks` gets one sentence per candidate that failed.
 */
export async function measuredAuto(input: AutoInput, fallbacks: string[]): Promise<BackendChoice | null> {
  const { workload, skip, adapter } = input;
  const key = verdictKey(input.appVersion, adapter.description ?? 'no WebGPU adapter', workload.kind);

  if (!input.remeasure) {
    const cached = parseVerdict(await input.store.get(key).catch(() => null));
    if (cached && !skip.has(cached.name)) {
      try {
        const how = await input.start(cached.name, cached.software);
        return { name: cached.name, reason: `${measuredReason(cached, 'cached')}; ${how}`, fallbacks };
      } catch (error) {
        fallbacks.push(
          `The ${input.label(cached.name)} backend, chosen by an earlier measurement in this browser, could not ` +
            `start (${errorText(error)}); measuring again.`,
        );
      }
    }
  }

  const candidates: Candidate[] = [];
  const add = (name: BackendName, label: string, software: boolean) =>
    candidates.push({ name, label, software, start: () => input.start(name, software) });
  if (adapter.hardware && !skip.has('webgpu')) add('webgpu', 'WebGPU', false);
  if (!skip.has('wasm')) add('wasm', 'wasm', false);
  if (input.remeasure && adapter.description && !adapter.hardware && !skip.has('webgpu'))
    add('webgpu', 'WebGPU (software adapter)', true);
  if (candidates.length === 0) return null;
  if (candidates.length === 1 && !input.remeasure) {
    // Nothing to choose between: no time is spent measuring (the common case without a hardware GPU). Asked to
    // re-measure, the one candidate is timed all the same, so the reader gets its rate.
    const only = candidates[0];
    try {
      const how = await only.start();
      return {
        name: only.name,
        reason: `auto: ${adapter.note ? `${adapter.note}; ` : ''}${only.label} is the only candidate, nothing to measure; ${how}`,
        fallbacks,
      };
    } catch (error) {
      fallbacks.push(`The ${only.label} backend could not start (${errorText(error)}).`);
      return null;
    }
  }

  const result = await measureCandidates(candidates, workload, {
    budgetMs: input.budgetMs ?? AUTO_BUDGET_MS,
    clock: input.clock,
    wait: input.wait,
  });
  for (const f of result.failed)
    fallbacks.push(
      `The ${f.label} backend could not start or run (${errorText(f.error)}); it was not measured.`,
    );
  const winner = pickFastest(result.measurements);
  if (!winner) return null;
  await input.activate(winner.name);

  const verdict: Verdict = {
    name: winner.name,
    software: !!winner.software,
    unit: workload.unit,
    what: workload.what,
    measurements: result.measurements,
  };
  let reason = measuredReason(verdict, 'now');
  // A verdict with a given-up candidate is not kept, and it drops any older one: the next visit measures afresh
  // (by then the browser may have the shaders compiled, so the warm-up step may finish in time).
  await input.store.set(key, cacheable(verdict) ? verdict : null).catch(() => undefined);
  if (!cacheable(verdict))
    reason += `; not kept for later visits, since a warm-up step outlasted its ${WARMUP_LIMIT_MS / 1000} s limit`;
  return { name: winner.name, reason: `${reason}; ${result.how.get(winner.label) ?? ''}`, fallbacks };
}
