/**
 * Playback (engine/diffusion/playback.ts): the forward noising is exact, so its particles are draws of p_t at
 * every grid time; the reverse sampler on the exact score tracks p_t along the way; stepping one at a time gives
 * the full-speed run's particles; and a run keeps a bounded number of frames.
 */
import { describe, expect, it } from 'vitest';
import { DiffusionRun, exactProcessScore } from '../../src/engine/diffusion';
import {
  createPlaybackRun,
  frameOf,
  frameStride,
  keepsFrame,
  MAX_FRAMES,
  trackIndices,
  type Direction,
  type FrameLayout,
} from '../../src/engine/diffusion/playback';
import { buildProcess, type ProcessSpec } from '../../src/engine/diffusion/processSpec';
import { DEFAULT_MIXTURE } from '../../src/engine/mixture';
import { runDiffusionJob, type DiffusionJob } from '../../src/engine/diffusion/job';

const N = 10_000;
/**
 * KS sampling noise: P(√n D_n > c) ≈ 2 e^(−2c²) for n i.i.d. draws. c = 2.23 makes that 10⁻⁴ per frame, so
 * over the ≤ 51 frames checked below a false alarm has probability below 0.5 %.
 */
const KS_NOISE = 2.23 / Math.sqrt(N);
const layout: FrameLayout = { range: [-6, 6], bins: 60, tracks: trackIndices(N, 8) };

function frames(spec: ProcessSpec, direction: Direction, steps: number, every: number) {
  const process = buildProcess(spec);
  const run = createPlaybackRun({
    direction,
    process,
    mixture: DEFAULT_MIXTURE,
    sampler: { kind: 'ancestral' },
    steps,
    n: N,
    seed: 3,
  });
  const out = [frameOf(run, DEFAULT_MIXTURE, process, layout)];
  while (!run.done) {
    run.step();
    if (run.stepIndex % every === 0) out.push(frameOf(run, DEFAULT_MIXTURE, process, layout));
  }
  return out;
}

describe('forward playback', () => {
  for (const spec of [
    { sde: 'ddpm', schedule: 'linear', T: 1000 },
    { sde: 'vp', schedule: 'linear', T: 2 },
    { sde: 've', schedule: 'linear', T: 2 },
  ] as ProcessSpec[]) {
    it(`${spec.sde}: every frame is within KS sampling noise of the exact p_t, t rising to 1`, () => {
      const fs = frames(spec, 'forward', 50, 1);
      expect(fs).toHaveLength(51);
      expect(fs[50].t).toBe(1);
      for (let i = 1; i < fs.length; i++) expect(fs[i].t).toBeGreaterThan(fs[i - 1].t);
      for (const f of fs) expect(f.ks, `t = ${f.t}`).toBeLessThan(KS_NOISE);
    });
  }
});

describe('reverse playback on the exact score', () => {
  it('DDPM ancestral, 1000 steps: within KS noise of p_t at t = 1, 0.75, 0.5, 0.25 and 0', () => {
    const fs = frames({ sde: 'ddpm', schedule: 'linear', T: 1000 }, 'reverse', 1000, 250);
    expect(fs.map((f) => f.t)).toEqual([1, 0.75, 0.5, 0.25, 0]);
    for (const f of fs) expect(f.ks, `t = ${f.t}`).toBeLessThan(KS_NOISE);
    // W1 to the data at the end: the engine's bound for this sampler (diffusion-samplers.test.ts).
    expect(fs[4].w1).toBeLessThan(0.05);
  });

  it('stepping one at a time gives the full-speed run bit for bit', () => {
    const process = buildProcess({ sde: 'vp', schedule: 'linear', T: 2 });
    const options = { process, sampler: { kind: 'pc' as const }, steps: 30, n: 500, seed: 9 };
    const played = createPlaybackRun({ ...options, direction: 'reverse', mixture: DEFAULT_MIXTURE });
    while (!played.done) played.step(1);
    const full = new DiffusionRun({ ...options, score: exactProcessScore(DEFAULT_MIXTURE, process) }).run();
    expect(Array.from(played.particles)).toEqual(Array.from(full));
  });
});

describe('frames', () => {
  it('count every particle once, in a bin or outside', () => {
    const [f] = frames({ sde: 've', schedule: 'linear', T: 2 }, 'reverse', 10, 10);
    // At t = 1 the VE prior has std 20, so most particles lie outside [−6, 6].
    expect(f.outside).toBeGreaterThan(N / 2);
    expect(f.counts.reduce((s, c) => s + c, 0) + f.outside).toBe(N);
    expect(f.tracks).toHaveLength(8);
  });

  it('are kept at most MAX_FRAMES + 1 per run, the first and the last always', () => {
    for (const total of [1, 100, MAX_FRAMES, MAX_FRAMES + 1, 1000, 5000]) {
      const stride = frameStride(total);
      let kept = 0;
      for (let s = 0; s <= total; s++) if (keepsFrame(s, total, stride)) kept++;
      expect(kept).toBeLessThanOrEqual(MAX_FRAMES + 1);
      expect(keepsFrame(0, total, stride) && keepsFrame(total, total, stride)).toBe(true);
      if (total <= MAX_FRAMES) expect(kept).toBe(total + 1);
    }
  });
});

describe('full-speed jobs keep the playback frames (the learned run beside the exact one)', () => {
  const job: DiffusionJob = {
    process: { sde: 've', schedule: 'linear', T: 2 },
    sampler: { kind: 'ode', solver: 'heun' },
    steps: 40,
    n: 800,
    seed: 4,
    mixture: [...DEFAULT_MIXTURE],
    tracks: 5,
    range: [-6, 6],
    bins: 30,
    frames: true,
  };
  const process = buildProcess(job.process);
  const played = createPlaybackRun({ ...job, process, direction: 'reverse' });
  const layout = { range: job.range, bins: job.bins, tracks: trackIndices(job.n, job.tracks) };
  const expected = [frameOf(played, DEFAULT_MIXTURE, process, layout)];
  while (!played.done) {
    played.step();
    expected.push(frameOf(played, DEFAULT_MIXTURE, process, layout));
  }

  it('on the exact score, synchronously: the frames of a playback run of the same settings, bit for bit', async () => {
    expect((await runDiffusionJob(job))!.frames).toEqual(expected);
  });

  it('on an asynchronous score (the learned path) answering the exact score: the same frames', async () => {
    const score = exactProcessScore(DEFAULT_MIXTURE, process);
    const result = await runDiffusionJob(job, {}, async (xs, t) => {
      const out = new Float64Array(xs.length);
      score(xs, t, out);
      return out;
    });
    expect(result!.frames).toEqual(expected);
    expect(result!.frames).toHaveLength(41);
  });

  it('are not kept unless asked for', async () => {
    expect((await runDiffusionJob({ ...job, frames: undefined }))!.frames).toBeUndefined();
  });
});
