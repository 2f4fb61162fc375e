/**
 * The plane sampler worker's learned runs (worker/planeSamplerService.ts, planeForward.ts, planeTensorForward.ts),
 * driven in process through the page's own client: the network is built by the service's forward once per run and
 * freed when the run is replaced or refused, and every frame says how it is evaluated. The tensor forward and its
 * fallback to JavaScript are tested beside the other TensorFlow.js tests of the plane (tests/unit/tf/plane-net.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { javascriptForward, type LearnedForward } from '../../../src/worker/planeForward';
import { planeClientFor as client, planeModel as model, planeRunConfig as config } from './planeFixtures';

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
});
