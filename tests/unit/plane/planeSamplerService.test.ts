/**
 * The plane sampler worker's learned runs (worker/planeSamplerService.ts, planeForward.ts, planeTensorForward.ts),
 * driven in process through the page's own client: the network is built by the service's forward once per run and
 * freed when the run is replaced or refused, every frame says how it is evaluated, and the tensor forward falls back
 * to JavaScript when wasm cannot start or fails mid-run, carrying the run on.
 */
import { describe, expect, it } from 'vitest';
import {
  batchedPlaneScore,
  MIXTURE_2D_PRESETS,
  planeNetLayout,
  type PlaneLearnedModel,
  type PlaneRunConfig,
} from '../../../src/engine/plane';
import { createRng } from '../../../src/engine/rng';
import { JAVASCRIPT_ENGINE, javascriptForward, type LearnedForward } from '../../../src/worker/planeForward';
import { PlaneSamplerClient } from '../../../src/worker/planeSamplerClient';
import type { PlaneSamplerApi } from '../../../src/worker/planeSamplerProtocol';
import { PlaneSamplerService } from '../../../src/worker/planeSamplerService';
import { tensorForward } from '../../../src/worker/planeTensorForward';
import { InProcessWorker } from '../inProcessWorker';

function model(seed: number): PlaneLearnedModel {
  const rng = createRng(seed);
  const params = planeNetLayout(8, 2).map(({ name, shape }) => ({
    name,
    shape,
    values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => 0.3 * rng.normal()),
  }));
  return { params, sigmaMin: 0.2, sigmaMax: 3, step: 10, version: seed };
}

const config: PlaneRunConfig = {
  sampler: 'langevin',
  mixture: MIXTURE_2D_PRESETS.default,
  n: 50,
  eps: 0.01,
  steps: 20,
  T: 5,
  smin: 0.2,
  smax: 3,
  levels: 4,
  init: { kind: 'uniform', a: -3, b: 3 },
  seed: 3,
};

/** A forward that counts what it builds and frees, and names its engine by build number. */
function countingForward() {
  const log = { built: 0, disposed: 0 };
  const forward: LearnedForward = {
    async build(m) {
      const js = await javascriptForward.build(m);
      const k = ++log.built;
      return { score: js.score, engine: () => `stand-in ${k}`, dispose: () => void log.disposed++ };
    },
  };
  return { log, forward };
}

function client(forward: LearnedForward) {
  return new PlaneSamplerClient(
    new InProcessWorker<PlaneSamplerApi['request'], PlaneSamplerApi['event']>(
      (host) => new PlaneSamplerService(host, forward),
    ),
    'test plane sampler',
  );
}

describe('learned runs in the plane sampler worker', () => {
  it('builds the network once per run, names its engine, and frees it when the run is replaced or refused', async () => {
    const { log, forward } = countingForward();
    const c = client(forward);
    const exact = await c.start(config);
    expect(exact.scoreEngine).toBeNull();
    const first = await c.start({ ...config, learned: model(1) });
    expect(first.scoreEngine).toBe('stand-in 1');
    const advanced = await c.advance(first.run, 5, 1000, false);
    expect(advanced.stage.step).toBe(5);
    expect(advanced.scoreEngine).toBe('stand-in 1');
    expect(log).toEqual({ built: 1, disposed: 0 });
    await c.start({ ...config, learned: model(2) });
    expect(log).toEqual({ built: 2, disposed: 1 });
    // Flow matching cannot use a network trained on a finite σ range: refused, and the network built for it freed.
    await expect(c.start({ ...config, sampler: 'fm', learned: model(3) })).rejects.toThrow(/Flow matching/);
    expect(log).toEqual({ built: 3, disposed: 2 });
    // The refused start left the previous run in place.
    const still = await c.advance(0, 1, 1000, false);
    expect(still.scoreEngine).toBe('stand-in 2');
  });

  it('samples with JavaScript, saying why, when wasm cannot start', async () => {
    const forward = tensorForward({
      startWasm: () => Promise.resolve({ ok: false, why: 'The wasm backend could not start (no memory).' }),
      tensorPairScore: () => {
        throw new Error('not to be called');
      },
    });
    const m = model(4);
    const built = await forward.build(m);
    expect(built.engine()).toBe(`${JAVASCRIPT_ENGINE}: The wasm backend could not start (no memory).`);
    const xs = Float64Array.from({ length: 20 }, (_, i) => i / 7 - 1);
    const a = new Float64Array(20);
    const b = new Float64Array(20);
    built.score(xs, a, 0.5);
    batchedPlaneScore(m.params, m.sigmaMin)(xs, b, 0.5);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('carries a run on in JavaScript when the tensor forward fails mid-run, and says so', async () => {
    let calls = 0;
    let disposed = 0;
    const forward = tensorForward({
      startWasm: () => Promise.resolve({ ok: true, how: 'wasm with SIMD, 1 thread' }),
      tensorPairScore: (params, sigma) => {
        const js = batchedPlaneScore(params, sigma);
        return {
          score: (xs, out, s) => {
            if (++calls === 3) throw new Error('out of memory');
            js(xs, out, s);
          },
          dispose: () => void disposed++,
        };
      },
    });
    const c = client(forward);
    const m = model(5);
    const start = await c.start({ ...config, learned: m });
    expect(start.scoreEngine).toBe('TensorFlow.js on wasm with SIMD, 1 thread');
    const frame = await c.advance(start.run, 10, 10_000, false);
    expect(frame.stage.step).toBe(10);
    expect(frame.scoreEngine).toBe(
      `${JAVASCRIPT_ENGINE}: TensorFlow.js on wasm failed during the run (out of memory)`,
    );
    expect(disposed).toBe(1);
    // The same positions as a run that used JavaScript throughout (the stand-in computes the same numbers).
    const js = client(javascriptForward);
    const reference = await js.start({ ...config, learned: m });
    const expected = await js.advance(reference.run, 10, 10_000, false);
    expect(Array.from(frame.positions)).toEqual(Array.from(expected.positions));
  });
});
