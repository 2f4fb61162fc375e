/**
 * The sampler worker's service driven through the real client and protocol, in process: messages are
 * structured-cloned and delivered as separate tasks, as between a page and a worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_CONFIG } from '../../src/engine/training/config';
import { serializeModel } from '../../src/engine/tf/modelFile';
import { initialParams } from '../../src/engine/tf/net';
import { createRng } from '../../src/engine/rng';
import { DEFAULT_LANGEVIN, WRONG_WEIGHTS_LANGEVIN } from '../../src/engine/sampling';
import { SamplerClient } from '../../src/worker/samplerClient';
import type { SamplerConfig, SamplerEvent, SamplerRequest } from '../../src/worker/samplerProtocol';
import { SamplerService } from '../../src/worker/samplerService';
import { InProcessWorker } from './inProcessWorker';

const client = new SamplerClient(
  new InProcessWorker<SamplerRequest, SamplerEvent>((host) => new SamplerService(host)),
);
const engines: SamplerEvent[] = [];
client.on('engine', (e) => engines.push(e));
afterAll(() => client.terminate());

function config(overrides: Partial<Omit<SamplerConfig, 'kind'>> = {}): SamplerConfig {
  const p = DEFAULT_LANGEVIN;
  return {
    kind: 'langevin',
    mixture: p.mixture.map((c) => ({ ...c })),
    n: 4000,
    eps: p.eps,
    steps: p.steps,
    init: p.init,
    seed: 3,
    snapshotRange: { lo: -4, hi: 5, bins: 30 },
    histogramRange: { lo: -4, hi: 5, bins: 90 },
    tracks: 12,
    score: 'exact',
    backend: 'auto',
    ...overrides,
  };
}

describe('sampler worker', () => {
  it('runs the exact score in plain JavaScript without a GPU, frame by frame', async () => {
    const first = await client.configure(config());
    expect(first.frame.fresh).toBe(true);
    expect(first.frame.state.step).toBe(0);
    expect(first.frame.metrics?.n).toBe(4000);
    expect(first.frame.histogram.counts.reduce((a, b) => a + b, 0)).toBe(4000);
    expect(first.frame.tracks.steps).toEqual([0]);
    const engine = engines[engines.length - 1];
    expect(engine).toMatchObject({ type: 'engine', engine: 'js', backend: null });

    const next = await client.advance(10, 1000);
    expect(next.frame.fresh).toBe(false);
    expect(next.frame.state.step).toBe(10);
    expect(next.frame.tracks.steps).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(next.frame.tracks.positions).toHaveLength(10 * 12);
    expect(next.frame.weights.map((w) => w.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('runs to the end deterministically, the same however the steps were taken', async () => {
    await client.configure(config());
    const a = await client.runToEnd();
    expect(a.metrics.final).toBe(true);
    expect(a.metrics.step).toBe(100);
    expect(a.frame.state.done).toBe(true);
    expect(a.particleStepsPerSec).toBeGreaterThan(0);
    const b = await client.runToEnd();
    expect(b.metrics).toEqual(a.metrics);
    // Animated: many small advances, then the final frame carries the same full metrics.
    await client.reset();
    let frame = (await client.advance(7, 1000)).frame;
    while (!frame.state.done) frame = (await client.advance(13, 1000)).frame;
    expect(frame.metrics).toEqual(a.metrics);
  });

  it('keeps the wrong mode weights with plain Langevin (the documented failure)', async () => {
    const p = WRONG_WEIGHTS_LANGEVIN;
    await client.configure(
      config({
        mixture: p.mixture.map((c) => ({ ...c })),
        eps: p.eps,
        steps: p.steps,
        init: p.init,
        seed: 1,
      }),
    );
    const r = await client.runToEnd();
    expect(r.metrics.modeWeights[0]).toBeGreaterThan(0.4);
  });

  it('stops a diverging run with the reason and keeps finite metrics', async () => {
    await client.configure(config({ eps: 5 }));
    const r = await client.runToEnd();
    const d = r.frame.state.divergence;
    expect(d).not.toBeNull();
    expect(d!.reason).toMatch(/too large/);
    expect(Number.isFinite(r.metrics.w1)).toBe(true);
  });

  it('refuses a learned run without a model, then runs one on tensors after loading it', async () => {
    await expect(client.configure(config({ score: 'learned', backend: 'cpu' }))).rejects.toThrow(/model/);
    await expect(client.loadModel('{"format":"nope"}')).rejects.toThrow(/not a usable/);
    const trainConfig = { ...DEFAULT_TRAIN_CONFIG, width: 8, depth: 2 };
    const json = serializeModel({
      config: trainConfig,
      step: 0,
      dataGeneration: 0,
      params: initialParams(trainConfig, createRng(1)),
    });
    const loaded = await client.loadModel(json);
    expect(loaded.model.config.width).toBe(8);
    const first = await client.configure(config({ score: 'learned', backend: 'cpu', n: 500, steps: 6 }));
    expect(first.frame.sigmaUsed).toBeCloseTo(trainConfig.smin, 9);
    expect(engines[engines.length - 1]).toMatchObject({ engine: 'tensor', backend: 'cpu' });
    const a = await client.runToEnd();
    const b = await client.runToEnd();
    expect(a.metrics.step).toBe(6);
    expect(b.metrics).toEqual(a.metrics);
  });

  it('interrupts a run to the end when the setting changes', async () => {
    await client.configure(config({ n: 100_000, steps: 2000 }));
    const run = client.runToEnd();
    const next = client.configure(config());
    await expect(run).rejects.toThrow(/interrupted/);
    expect((await next).frame.state.step).toBe(0);
  });
});
