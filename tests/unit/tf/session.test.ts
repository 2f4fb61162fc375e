/**
 * The worker's session driven through the real client and protocol, in process: messages are structured-cloned
 * and delivered as separate tasks, as between a page and a worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TrainerClient } from '../../../src/worker/client';
import type {
  EvaluationEvent,
  ProgressEvent,
  WorkerEvent,
  WorkerRequest,
} from '../../../src/worker/protocol';
import { TrainingSession, type SessionHost } from '../../../src/worker/session';
import { gaussianConfig } from './helpers';
import { InProcessWorker } from '../inProcessWorker';

/** A client on an in-process session; `time` replaces the session's clock and timers (default: real time). */
function connectSession(time: Pick<SessionHost, 'clock' | 'after'> = {}): TrainerClient {
  return new TrainerClient(
    new InProcessWorker<WorkerRequest, WorkerEvent>((host) => new TrainingSession({ ...host, ...time })),
  );
}

const client = connectSession();
const events: WorkerEvent[] = [];
client.subscribe((e) => events.push(e));
afterAll(() => client.terminate());

const config = gaussianConfig({ objective: 'ncsn', width: 8, depth: 1, batch: 32 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const xs = () => Float32Array.from([-1, 0, 1, 2]);

function nextEvent<T extends WorkerEvent['type']>(
  type: T,
  where: (e: Extract<WorkerEvent, { type: T }>) => boolean,
) {
  return new Promise<Extract<WorkerEvent, { type: T }>>((resolve) => {
    const off = client.on(type, (e) => {
      if (where(e)) {
        off();
        resolve(e);
      }
    });
  });
}

describe('training session', () => {
  it('starts the CPU backend and says why', async () => {
    const backend = await client.init('cpu');
    expect(backend.name).toBe('cpu');
    expect(backend.reason).toMatch(/asked for CPU/);
    expect(backend.fallbacks).toEqual([]);
  });

  it('configures a run at step 0 with its starting Fisher divergence', async () => {
    const evaluation = nextEvent('evaluation', (e) => e.step === 0 && e.fisherAtStart !== null);
    const status = await client.configure(config);
    expect(status).toMatchObject({ status: 'idle', step: 0, backend: 'cpu' });
    const e = await evaluation;
    expect(e.sigmas).toHaveLength(3);
    expect(e.fisherAtStart).toEqual(e.fisher);
    expect(e.curves.x.length).toBeGreaterThanOrEqual(401);
  });

  it('steps exactly, plays, and pauses at once', async () => {
    expect((await client.step(25)).step).toBe(25);
    const progressed = nextEvent('progress', (e) => e.step > 60);
    expect((await client.play()).status).toBe('playing');
    await progressed;
    const paused = await client.pause();
    expect(paused.status).toBe('idle');
    await sleep(50);
    expect((await client.status()).step).toBe(paused.step);
    const last = events.filter((e): e is ProgressEvent => e.type === 'progress').at(-1);
    expect(last?.step).toBe(paused.step);
    expect(last?.lossHistory.steps.at(-1)).toBe(paused.step);
    expect(last?.stepsPerSec).toBeGreaterThan(0);
  });

  it('runs to the end deterministically from the same seed', async () => {
    const a = await client.runToEnd(150);
    const b = await client.runToEnd(150);
    expect(a.metrics.step).toBe(150);
    expect(b.metrics.loss).toBe(a.metrics.loss);
    expect(b.metrics.fisher).toEqual(a.metrics.fisher);
    expect(a.metrics.meanFisher).toBeLessThan(a.metrics.fisherAtStart!.reduce((s, d) => s + d, 0) / 3);
    expect(a.metrics.lossHistory.steps.length).toBeGreaterThan(0);
  });

  it('answers evaluate with the requested level', async () => {
    const e: EvaluationEvent = await client.evaluate({ level: 2, points: 201 });
    expect(e.curves.level).toBe(2);
    expect(e.curves.sigma).toBeCloseTo(0.25, 10);
    expect(e.curves.x).toHaveLength(201);
  });

  it('resets to step 0 even while playing', async () => {
    await client.play();
    await sleep(30);
    const status = await client.reset();
    expect(status).toMatchObject({ step: 0, status: 'idle' });
  });

  it('saves, refuses a bad file without touching the model, and loads a good one', async () => {
    await client.step(40);
    const saved = await client.save();
    const before = await client.scoreAt(xs(), 0.5);
    await expect(client.load('{"format":"score-lab-model","version":1}')).rejects.toThrow(
      /not a usable Score Lab model/,
    );
    expect((await client.status()).step).toBe(40);
    expect(Array.from((await client.scoreAt(xs(), 0.5)).scores)).toEqual(Array.from(before.scores));
    await client.reset();
    const loaded = await client.load(saved.json);
    expect(loaded.step).toBe(40);
    expect(Array.from((await client.scoreAt(xs(), 0.5)).scores)).toEqual(Array.from(before.scores));
  });

  it('plays in slow motion at the set speed, and steps at once afterwards', async () => {
    // A clock and timers driven by hand: a timer fires only when advance() moves the clock past it.
    let t = 1000;
    const timers = new Set<{ at: number; fn: () => void }>();
    const manual = connectSession({
      clock: () => t,
      after: (ms, fn) => {
        const timer = { at: t + ms, fn };
        timers.add(timer);
        return () => timers.delete(timer);
      },
    });
    /** Moves the clock on, fires the timers now due, and waits until the session waits for a timer again. */
    const advance = async (ms: number) => {
      t += ms;
      for (const timer of [...timers].filter((x) => x.at <= t)) {
        timers.delete(timer);
        timer.fn();
      }
      while (timers.size === 0) await new Promise((resolve) => setImmediate(resolve));
    };
    try {
      await manual.init('cpu');
      await manual.configure(config);
      expect((await manual.setSpeed(20)).speedLimit).toBe(20); // one step every 50 ms
      await manual.play();
      await advance(0);
      expect((await manual.status()).step).toBe(0);
      await advance(49);
      expect((await manual.status()).step).toBe(0);
      await advance(1);
      expect((await manual.status()).step).toBe(1);
      await advance(120); // 2.4 steps earned: 2 taken, 0.4 banked
      expect((await manual.status()).step).toBe(3);
      await advance(10_000); // a quarter second banked at most: 5 steps
      const paused = await manual.pause();
      expect(paused.step).toBe(8);
      const stepped = await manual.step(3);
      expect(stepped.step).toBe(paused.step + 3);
    } finally {
      manual.terminate();
    }
  });

  it('uses the single σ of a single-level model whatever σ is asked', async () => {
    await client.configure(gaussianConfig({ objective: 'dsm', smin: 0.3, width: 4, depth: 1, batch: 16 }));
    expect((await client.scoreAt(xs(), 2)).sigma).toBe(0.3);
  });

  it('stops a diverging run with a reason, and refuses to play until reset', async () => {
    await client.configure(
      gaussianConfig({ objective: 'esm', smin: 0.001, lr: 1, width: 32, depth: 3, batch: 16 }),
    );
    const result = await client.runToEnd(3000);
    expect(result.metrics.diverged).toMatch(/diverged/);
    expect(result.metrics.step).toBeLessThan(3000);
    expect(events.some((e) => e.type === 'diverged')).toBe(true);
    expect((await client.status()).status).toBe('diverged');
    await expect(client.play()).rejects.toThrow(/reset it first/);
    expect((await client.reset()).status).toBe('idle');
  });

  it('refuses a bad configuration', async () => {
    await expect(client.configure({ ...config, width: 0 })).rejects.toThrow(/width/);
  });
});
