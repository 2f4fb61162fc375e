/**
 * The measured `auto`: the choice from made-up timings (a fake clock and fake backends), the cache, the
 * re-measure rule for the software adapter, abandonment of a candidate whose first step outlasts its share,
 * and the real training workload timed on the CPU backend.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  formatRate,
  measuredReason,
  parseVerdict,
  pickFastest,
  type Measurement,
} from '../../../src/engine/tf/autoChoice';
import type { BackendName } from '../../../src/engine/tf/backend';
import { tf } from '../../../src/engine/tf/core';
import { measureCandidates, timeRun, type Workload } from '../../../src/engine/tf/measure';
import { measuredAuto, type AutoInput } from '../../../src/engine/tf/measuredAuto';
import { trainingWorkload, type FusedEngineFactory } from '../../../src/engine/tf/trainWorkload';
import type { StepEngine } from '../../../src/engine/tf/trainer';
import { memoryVerdictStore } from '../../../src/engine/tf/verdictStore';
import { monotonicClock } from '../../../src/engine/clock';
import { gaussianConfig, useCpu } from './helpers';

const m = (name: BackendName, rate: number, extra: Partial<Measurement> = {}): Measurement => ({
  name,
  label: name,
  rate,
  ...extra,
});

describe('choosing from measured rates', () => {
  it('picks the highest rate; a software adapter wins only by measuring faster', () => {
    expect(pickFastest([m('webgpu', 1850), m('wasm', 210)])?.name).toBe('webgpu');
    expect(pickFastest([m('wasm', 157), m('webgpu', 3, { software: true })])?.name).toBe('wasm');
    expect(pickFastest([m('wasm', 157), m('webgpu', 400, { software: true })])?.software).toBe(true);
  });

  it('never lets a candidate without a rate win, and breaks ties towards the earlier candidate', () => {
    expect(pickFastest([m('webgpu', 0, { unfinished: 1500 }), m('wasm', 5)])?.name).toBe('wasm');
    expect(pickFastest([m('webgpu', 0, { unfinished: 1500 })])).toBeNull();
    expect(pickFastest([m('webgpu', 100), m('wasm', 100)])?.name).toBe('webgpu');
    expect(pickFastest([])).toBeNull();
  });

  it('writes rates as people read them and states them in the reason', () => {
    expect(formatRate(1850.4)).toBe('1,850');
    expect(formatRate(3.14159)).toBe('3.14');
    expect(formatRate(157.6)).toBe('158');
    const verdict = {
      name: 'wasm' as const,
      software: false,
      unit: 'steps/s',
      what: 'training steps of dsm',
      measurements: [m('webgpu', 2.5, { label: 'WebGPU' }), m('wasm', 210)],
    };
    expect(measuredReason(verdict, 'now')).toBe(
      'auto, measured just now: wasm 210 steps/s vs WebGPU 2.5 steps/s on this machine (training steps of dsm)',
    );
    expect(measuredReason(verdict, 'cached')).toMatch(/^auto, as measured earlier in this browser: wasm 210/);
  });

  it('reads back only well-formed verdicts whose winner was measured', () => {
    const good = { name: 'wasm', software: false, unit: 'steps/s', what: 'x', measurements: [m('wasm', 9)] };
    expect(parseVerdict(good)).toEqual(good);
    expect(parseVerdict({ ...good, name: 'webgpu' })).toBeNull();
    expect(parseVerdict({ ...good, measurements: [m('wasm', -1)] })).toBeNull();
    expect(parseVerdict('wasm')).toBeNull();
  });
});

/** A fake world: a clock that moves only when a fake step runs, and backends with fixed costs per step. */
function world(costs: Partial<Record<string, { first: number; step: number } | 'fails' | 'hangs'>>) {
  let t = 0;
  let active: string | null = null;
  const started: string[] = [];
  const disposed: string[] = [];
  const keyOf = (name: BackendName, software: boolean) => (software ? `${name}-sw` : name);
  const workload: Workload = {
    kind: 'training',
    unit: 'steps/s',
    what: 'fake steps',
    create(candidate) {
      const on = active!;
      expect(on.startsWith(candidate.name)).toBe(true);
      let calls = 0;
      return {
        run: (n) => {
          const cost = costs[on];
          if (cost === 'hangs') return new Promise<void>(() => undefined);
          if (typeof cost !== 'object') throw new Error('no such backend');
          t += (calls++ === 0 ? cost.first : 0) + n * cost.step;
          return Promise.resolve();
        },
        dispose: () => disposed.push(on),
      };
    },
  };
  const input = (extra: Partial<AutoInput> = {}): AutoInput => ({
    workload,
    remeasure: false,
    skip: new Set(),
    adapter: { hardware: true, description: 'acme gpu' },
    appVersion: '9.9.9',
    store: memoryVerdictStore(),
    start: async (name, software) => {
      const key = keyOf(name, software);
      if (costs[key] === 'fails' || costs[key] === undefined) throw new Error(`${key} is missing`);
      started.push(key);
      active = key;
      return `${key} running`;
    },
    activate: async (name) => {
      active = name;
    },
    label: (name) => name,
    clock: () => t,
    wait: () => new Promise<void>(() => undefined),
    ...extra,
  });
  return { input, started, disposed, now: () => t };
}

describe('timing a workload', () => {
  it('counts only the steps after the warm-up, and times them inside the share up to one step', async () => {
    const w = world({ wasm: { first: 50, step: 2 } });
    await w.input().start('wasm', false);
    const run = w.input().workload.create({ name: 'wasm', software: false });
    const timing = await timeRun(run, 250, { clock: w.now, wait: () => new Promise(() => undefined) });
    expect(timing).toEqual({ rate: 500 });
    // The warm-up is the first step (50 ms once + 2 ms); the timed steps then fill the 250 ms share.
    expect(w.now()).toBeGreaterThan(52 + 240);
    expect(w.now()).toBeLessThanOrEqual(52 + 252);
    expect(w.disposed).toEqual(['wasm']);
  });

  it('gives up a candidate whose warm-up step outlasts its limit, and frees it only when that step ends', async () => {
    const w = world({ webgpu: 'hangs', wasm: { first: 5, step: 1 } });
    const result = await measureCandidates(
      [
        { name: 'webgpu', label: 'WebGPU', start: () => w.input().start('webgpu', false) },
        { name: 'wasm', label: 'wasm', start: () => w.input().start('wasm', false) },
      ],
      w.input().workload,
      // The first wait (WebGPU's warm-up limit) ends at once; wasm's never needs to.
      {
        budgetMs: 500,
        clock: w.now,
        wait: (() => {
          let calls = 0;
          return () => (calls++ === 0 ? Promise.resolve() : new Promise<void>(() => undefined));
        })(),
      },
    );
    expect(result.measurements[0]).toEqual({ name: 'webgpu', label: 'WebGPU', rate: 0, unfinished: 1500 });
    expect(result.measurements[1].rate).toBe(1000);
    expect(pickFastest(result.measurements)?.name).toBe('wasm');
    expect(w.disposed).toEqual(['wasm']); // the hung WebGPU step never ended, so its run is not freed yet
  });
});

describe('measuredAuto', () => {
  it('times hardware WebGPU and wasm, uses the faster, caches the verdict and reuses it', async () => {
    const w = world({ webgpu: { first: 40, step: 0.5 }, wasm: { first: 1, step: 5 } });
    const store = memoryVerdictStore();
    const fallbacks: string[] = [];
    const choice = await measuredAuto(w.input({ store }), fallbacks);
    expect(choice?.name).toBe('webgpu');
    expect(choice?.reason).toBe(
      'auto, measured just now: WebGPU 2,000 steps/s vs wasm 200 steps/s on this machine (fake steps); webgpu running',
    );
    expect(fallbacks).toEqual([]);
    expect(w.started).toEqual(['webgpu', 'wasm']);
    // Warm-ups (40.5 and 6 fake ms) plus timed steps within the 500 ms budget, which may overrun by one step.
    expect(w.now()).toBeGreaterThan(46.5 + 490);
    expect(w.now()).toBeLessThanOrEqual(46.5 + 500 + 5);

    const again = await measuredAuto(w.input({ store }), []);
    expect(again?.name).toBe('webgpu');
    expect(again?.reason).toMatch(
      /^auto, as measured earlier in this browser: WebGPU 2,000 steps\/s vs wasm 200/,
    );
    expect(w.started).toEqual(['webgpu', 'wasm', 'webgpu']); // only the cached winner was started
  });

  it('keeps verdicts apart per adapter and app version', async () => {
    const w = world({ webgpu: { first: 1, step: 0.5 }, wasm: { first: 1, step: 5 } });
    const store = memoryVerdictStore();
    await measuredAuto(w.input({ store }), []);
    await measuredAuto(w.input({ store, appVersion: '10.0.0' }), []);
    await measuredAuto(w.input({ store, adapter: { hardware: true, description: 'other gpu' } }), []);
    expect(w.started).toEqual(['webgpu', 'wasm', 'webgpu', 'wasm', 'webgpu', 'wasm']);
  });

  it('leaves a software adapter out unless asked to re-measure, and then lets it win only if faster', async () => {
    const slow = world({ 'webgpu-sw': { first: 300, step: 300 }, wasm: { first: 1, step: 6 } });
    const adapter = { hardware: false, description: 'google swiftshader' };
    const store = memoryVerdictStore();
    const first = await measuredAuto(slow.input({ adapter, store }), []);
    expect(first?.name).toBe('wasm');
    expect(slow.started).toEqual(['wasm']);
    const re = await measuredAuto(slow.input({ adapter, store, remeasure: true }), []);
    expect(slow.started).toEqual(['wasm', 'wasm', 'webgpu-sw']);
    expect(re?.name).toBe('wasm');
    // After its warm-up the software adapter's one timed step (300 fake ms) is longer than its share: 1000/300.
    expect(re?.reason).toMatch(/wasm 167 steps\/s vs WebGPU \(software adapter\) 3\.33 steps\/s/);

    const fast = world({ 'webgpu-sw': { first: 1, step: 0.1 }, wasm: { first: 1, step: 6 } });
    const won = await measuredAuto(fast.input({ adapter, remeasure: true }), []);
    expect(won?.name).toBe('webgpu');
    expect(won?.reason).toMatch(/; webgpu-sw running$/);
  });

  it('spends no time measuring when only one candidate can run', async () => {
    const w = world({ wasm: { first: 1, step: 2 } });
    const adapter = { hardware: false, description: null, note: 'no WebGPU in this browser' };
    const choice = await measuredAuto(w.input({ adapter }), []);
    expect(choice).toEqual({
      name: 'wasm',
      reason: 'auto: no WebGPU in this browser; wasm is the only candidate, nothing to measure; wasm running',
      fallbacks: [],
    });
    expect(w.now()).toBe(0);
    // Asked to re-measure, it is timed anyway, for its rate.
    const timed = await measuredAuto(w.input({ adapter, remeasure: true }), []);
    expect(timed?.reason).toBe(
      'auto, measured just now: wasm 500 steps/s on this machine (fake steps); wasm running',
    );
  });

  it('measures the others when one cannot start, with a sentence for the notice', async () => {
    const w = world({ webgpu: 'fails', wasm: { first: 1, step: 2 } });
    const fallbacks: string[] = [];
    const choice = await measuredAuto(w.input(), fallbacks);
    expect(choice?.name).toBe('wasm');
    expect(fallbacks).toEqual([
      'The WebGPU backend could not start or run (webgpu is missing); it was not measured.',
    ]);
    const none = world({});
    expect(await measuredAuto(none.input(), [])).toBeNull();
  });

  it('does not cache a verdict in which a candidate was abandoned', async () => {
    const w = world({ webgpu: 'hangs', wasm: { first: 1, step: 2 } });
    const store = memoryVerdictStore();
    // Each measurement's first wait (WebGPU's warm-up limit) ends at once; the later ones never need to.
    const firstWaitEnds = () => {
      let calls = 0;
      return () => (calls++ === 0 ? Promise.resolve() : new Promise<void>(() => undefined));
    };
    const choice = await measuredAuto(w.input({ store, wait: firstWaitEnds() }), []);
    expect(choice?.name).toBe('wasm');
    expect(choice?.reason).toMatch(
      /wasm 500 steps\/s vs WebGPU not measured \(its first step took over 1\.5 s\)/,
    );
    expect(choice?.reason).toMatch(/not kept for later visits/);
    await measuredAuto(w.input({ store, wait: firstWaitEnds() }), []);
    expect(w.started.filter((s) => s === 'wasm')).toHaveLength(2); // measured again, not read from the cache
  });

  it('drops an older verdict when a re-measurement cannot be kept', async () => {
    const store = memoryVerdictStore();
    const good = world({ webgpu: { first: 1, step: 0.5 }, wasm: { first: 1, step: 5 } });
    await measuredAuto(good.input({ store }), []);
    const hung = world({ webgpu: 'hangs', wasm: { first: 1, step: 2 } });
    let calls = 0;
    const wait = () => (calls++ === 0 ? Promise.resolve() : new Promise<void>(() => undefined));
    await measuredAuto(hung.input({ store, wait, remeasure: true }), []);
    const next = world({ webgpu: { first: 1, step: 0.5 }, wasm: { first: 1, step: 5 } });
    const choice = await measuredAuto(next.input({ store }), []);
    expect(choice?.reason).toMatch(/^auto, measured just now/);
    expect(next.started).toEqual(['webgpu', 'wasm']);
  });
});

describe('the training workload on a real backend', () => {
  it('times real training steps and leaves no tensor behind', async () => {
    await useCpu();
    const before = tf.memory().numTensors;
    const result = await measureCandidates(
      [{ name: 'cpu', label: 'CPU', start: async () => 'cpu' }],
      trainingWorkload(gaussianConfig({ width: 8, depth: 1, batch: 32 })),
      { budgetMs: 150, clock: monotonicClock, wait: (ms) => new Promise((r) => setTimeout(r, ms)) },
    );
    expect(result.measurements).toHaveLength(1);
    expect(result.measurements[0].unfinished).toBeUndefined();
    expect(result.measurements[0].rate).toBeGreaterThan(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});

/**
 * The training workload with both candidates on the CPU backend: "WebGPU" differs only in what the workload runs
 * there, the fused step engine (a fake here: instant, or failing) where it trains the objective, else the ops.
 */
describe('the training workload on the fused path', () => {
  const small = (objective: 'dsm' | 'ism') => gaussianConfig({ objective, width: 8, depth: 1, batch: 32 });

  beforeAll(async () => {
    await useCpu();
  });

  async function measureOnCpu(workload: Workload, fallbacks: string[] = []) {
    const before = tf.memory().numTensors;
    const choice = await measuredAuto(
      {
        workload,
        remeasure: false,
        skip: new Set(),
        adapter: { hardware: true, description: 'acme gpu' },
        appVersion: '9.9.9',
        store: memoryVerdictStore(),
        start: async (name) => `${name} running`,
        activate: async () => undefined,
        label: (name) => (name === 'webgpu' ? 'WebGPU' : name),
        clock: monotonicClock,
        wait: (ms) => new Promise((r) => setTimeout(r, ms)),
        budgetMs: 120,
      },
      fallbacks,
    );
    expect(tf.memory().numTensors).toBe(before);
    return choice;
  }

  /** A fused engine factory that records its calls; its engine takes no time, or throws when built. */
  function fakeFused(fails?: string) {
    const calls: boolean[] = [];
    let steps = 0;
    let disposed = 0;
    const factory: FusedEngineFactory = async (_trainer, allowSoftware) => {
      calls.push(allowSoftware);
      if (fails) throw new Error(fails);
      const engine: StepEngine = {
        train: async (n) => {
          steps += n;
          return new Float32Array(n);
        },
        dataChanged: () => undefined,
        dispose: () => void disposed++,
      };
      return engine;
    };
    return { factory, calls, steps: () => steps, disposed: () => disposed };
  }

  it('times the fused engine on WebGPU and picks it when it is faster than the ops on wasm', async () => {
    const fused = fakeFused();
    const choice = await measureOnCpu(trainingWorkload(small('dsm'), fused.factory));
    expect(fused.calls).toEqual([false]); // built once, in the warm-up step, on a hardware adapter
    expect(fused.steps()).toBeGreaterThan(1);
    expect(fused.disposed()).toBe(1);
    expect(choice?.name).toBe('webgpu');
    expect(choice?.reason).toMatch(
      /^auto, measured just now: WebGPU [\d,.]+ steps\/s vs wasm [\d,.]+ steps\/s on this machine \(training steps of dsm, one hidden layer of 8, batch 32; on WebGPU through the fused kernels\)/,
    );
  });

  it('times the ops path on WebGPU when the fused kernels do not train the objective', async () => {
    const fused = fakeFused();
    const choice = await measureOnCpu(trainingWorkload(small('ism'), fused.factory));
    expect(fused.calls).toEqual([]);
    expect(choice?.reason).toMatch(/WebGPU [\d,.]+ steps\/s/);
    expect(choice?.reason).toContain('(training steps of ism, one hidden layer of 8, batch 32)');
  });

  it('drops the WebGPU candidate, with the reason, when the fused kernels fail', async () => {
    const fused = fakeFused('the fused training kernels did not build: no such pipeline');
    const fallbacks: string[] = [];
    const choice = await measureOnCpu(trainingWorkload(small('dsm'), fused.factory), fallbacks);
    expect(fused.calls).toEqual([false]);
    expect(choice?.name).toBe('wasm');
    expect(choice?.reason).toMatch(/^auto, measured just now: wasm [\d,.]+ steps\/s on this machine/);
    expect(fallbacks).toEqual([
      'The WebGPU backend could not start or run (the fused training kernels did not build: no such pipeline); it was not measured.',
    ]);
  });
});
