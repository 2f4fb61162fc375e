/**
 * Issue 12: a setting change keeps the trained run when the network's shape and problem are unchanged, an
 * undoable configure sets the old run aside for undo, and a Play survives a configure that follows it.
 * The session is driven in process through the real client, as in session.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { TrainerClient } from '../../../src/worker/client';
import type { WorkerEvent, WorkerRequest } from '../../../src/worker/protocol';
import { TrainingSession } from '../../../src/worker/session';
import { keepsWeights } from '../../../src/engine/training/config';
import { gaussianConfig } from './helpers';
import { InProcessWorker } from '../inProcessWorker';

const client = new TrainerClient(
  new InProcessWorker<WorkerRequest, WorkerEvent>((host) => new TrainingSession(host)),
);
afterAll(() => client.terminate());

const config = gaussianConfig({ objective: 'ncsn', width: 8, depth: 1, batch: 32 });
const xs = () => Float32Array.from([-1, 0, 1, 2]);
const scores = async () => Array.from((await client.scoreAt(xs(), 0.5)).scores);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keepsWeights', () => {
  it('allows learning rate, batch, objective and levels; not width, depth, data, seed or mixture', () => {
    for (const change of [
      { lr: 0.01 },
      { batch: 64 },
      { objective: 'dsm' as const },
      { smin: 0.2, levels: 5 },
    ])
      expect(keepsWeights(config, { ...config, ...change })).toBe(true);
    for (const change of [{ width: 16 }, { depth: 2 }, { data: 50 }, { seed: 9 }])
      expect(keepsWeights(config, { ...config, ...change })).toBe(false);
    const moved = config.mixture.map((c) => ({ ...c, mean: c.mean + 1 }));
    expect(keepsWeights(config, { ...config, mixture: moved })).toBe(false);
  });
});

describe('training session: settings changes', () => {
  it('carries a trained run on under a new learning rate: same step, same scores, training goes on', async () => {
    await client.init('cpu');
    await client.configure(config);
    await client.step(30);
    const before = await scores();
    const status = await client.configure({ ...config, lr: 0.01 }, { keep: true, undoable: true });
    expect(status.step).toBe(30);
    expect(status.config?.lr).toBe(0.01);
    expect(await scores()).toEqual(before);
    expect((await client.step(5)).step).toBe(35);
  });

  it('starts a new network for a new width, and undo brings the old run back exactly', async () => {
    const before = await scores();
    const fisher = (await client.evaluate()).fisher;
    const status = await client.configure({ ...config, lr: 0.01, width: 12 }, { keep: true, undoable: true });
    expect(status).toMatchObject({ step: 0 });
    expect(status.config?.width).toBe(12);
    const back = await client.undo();
    expect(back.step).toBe(35);
    expect(back.config?.width).toBe(8);
    expect(await scores()).toEqual(before);
    expect((await client.evaluate()).fisher).toEqual(fisher);
    // Only one level of undo: the set-aside run is gone once brought back.
    await expect(client.undo()).rejects.toThrow(/no earlier run/);
  });

  it('keeps playing through a configure that follows a Play', async () => {
    await client.play();
    const status = await client.configure({ ...config, seed: 5 }, { keep: true });
    expect(status.status).toBe('playing');
    await sleep(100);
    expect((await client.status()).step).toBeGreaterThan(0);
    expect((await client.pause()).status).toBe('idle');
  });

  it('holds a Play sent while the first configure is still queued, and plays the model it makes', async () => {
    const fresh = new TrainerClient(
      new InProcessWorker<WorkerRequest, WorkerEvent>((host) => new TrainingSession(host)),
    );
    try {
      await fresh.init('cpu');
      const configured = fresh.configure(config);
      await fresh.play();
      await configured;
      await sleep(100);
      // Whichever came first on the queue, the run is playing the configured model.
      const status = await fresh.status();
      expect(status.status).toBe('playing');
      expect(status.step).toBeGreaterThan(0);
      await fresh.pause();
    } finally {
      fresh.terminate();
    }
  });

  it('a pause after the configure wins over the Play before it', async () => {
    await client.play();
    const configured = client.configure({ ...config, seed: 6 });
    const paused = await client.pause();
    await configured;
    expect(paused.status).toBe('idle');
    const { step, status } = await client.status();
    expect(status).toBe('idle');
    await sleep(100);
    expect((await client.status()).step).toBe(step);
  });
});

describe('training session: Play and configure delivered back to back', () => {
  it('a Play handled while the configure task is in flight is not lost to its reset', async () => {
    const events: WorkerEvent[] = [];
    const session = new TrainingSession({
      post: (event) => events.push(structuredClone(event)),
      yieldThen: (fn) => setImmediate(fn),
    });
    const replyTo = (id: number) =>
      new Promise<WorkerEvent>((resolve) => {
        const poll = () => {
          const e = events.find((x) => x.replyTo === id);
          if (e) resolve(e);
          else setTimeout(poll, 5);
        };
        poll();
      });
    try {
      session.handle({ type: 'init', id: 1, backend: 'cpu' });
      session.handle({ type: 'configure', id: 2, config });
      await replyTo(2);
      // The page's delayed re-configure and the reader's Play, in the same task: the configure's work has begun
      // (up to its first await) when the Play is handled.
      session.handle({ type: 'configure', id: 3, config: { ...config, seed: 8 } });
      session.handle({ type: 'play', id: 4 });
      expect(await replyTo(3)).toMatchObject({ status: 'playing' });
      await sleep(100);
      session.handle({ type: 'status', id: 5 });
      const status = await replyTo(5);
      expect(status).toMatchObject({ status: 'playing' });
      expect((status as { step: number }).step).toBeGreaterThan(0);
    } finally {
      session.dispose();
    }
  });
});
