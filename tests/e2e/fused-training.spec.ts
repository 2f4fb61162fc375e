/**
 * The fused WebGPU training step (engine/gpu/training*.ts) on the software adapter (SwiftShader) against the ops
 * path (engine/tf/trainer.ts, here on TF.js's CPU backend in Node): from the same initial weights and the same
 * batches, 100 steps of every fused objective end at the same parameters to 1e-4 relative; with batches drawn on
 * the GPU, a seed gives bit-identical parameters twice over and the loss falls.
 *
 * The fused code runs in the browser from a test-only bundle (tests/e2e/fused/trainingHarness.ts, built here with
 * Vite's API and injected into the served app's page, a secure context with WebGPU); it is never in the app's build.
 */
import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from '../../src/engine/training/config';
import type { FusedObjective } from '../../src/engine/gpu/training';
import { checkTraining } from '../../src/engine/gpu/trainingBench';
import { netForwardReference, type NetworkShape } from '../../src/engine/gpu/network';
import type { TrainingBenchOptions } from '../../src/engine/gpu/trainingBench';
import type { HarnessResult, PlainSpec } from './fused/trainingHarness';

const STEPS = 100;

let harness = '';

async function bundle(): Promise<string> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('./fused/trainingHarness.ts', import.meta.url)),
        formats: ['iife'],
        name: 'fusedHarnessBundle',
        fileName: 'harness',
      },
    },
  })) as Rollup.RollupOutput[];
  return output[0].output[0].code;
}

function config(objective: FusedObjective, overrides: Partial<TrainConfig> = {}): TrainConfig {
  return {
    ...DEFAULT_TRAIN_CONFIG,
    objective,
    width: 16,
    depth: 2,
    batch: 64,
    levels: 6,
    seed: 11,
    ...(objective === 'eps' ? { diffusion: { sde: 'ddpm', schedule: 'linear', T: 100 } } : {}),
    ...overrides,
  };
}

interface Harness {
  train(spec: PlainSpec, steps: number, chunk: number, fed: number[] | null): Promise<HarnessResult>;
  ops(config: TrainConfig, steps: number): Promise<{ params: number[][]; losses: number[] }>;
  opsBatches(config: TrainConfig, steps: number): number[];
  specFor(config: TrainConfig, fedSteps: number): PlainSpec;
  bench(options: TrainingBenchOptions, steps: number): Promise<string>;
  forward(shape: NetworkShape, params: number[], xs: number[], logSigma: number): Promise<number[]>;
}

/** Calls the injected harness in the page (arguments and results travel as JSON). */
function call<K extends keyof Harness>(page: Page, name: K, ...args: Parameters<Harness[K]>) {
  return page.evaluate(
    ([n, a]) =>
      (globalThis as unknown as { fusedHarness: Record<string, (...x: unknown[]) => unknown> }).fusedHarness[
        n
      ](...a),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<Harness[K]>>>;
}

/** ‖a − b‖∞ / ‖b‖∞ over all parameters. */
function relativeGap(a: number[][], b: number[][]): number {
  let gap = 0;
  let size = 0;
  b.forEach((values, k) =>
    values.forEach((v, i) => {
      gap = Math.max(gap, Math.abs(a[k][i] - v));
      size = Math.max(size, Math.abs(v));
    }),
  );
  return gap / size;
}

test.beforeAll(async () => {
  harness = await bundle();
});

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await page.addScriptTag({ content: harness });
});

test(`every fused objective matches the ops path after ${STEPS} steps on the same batches`, async ({
  page,
}) => {
  // Seven runs of 100 steps each on both paths: SwiftShader computes on the CPU, slowly on a loaded machine.
  test.setTimeout(240_000);
  // The four objectives at 16×2, batch 64 (tiles of 4 rows × 4 units), then an odd shape: tiles of 2 × 2 and
  // 1 × 2, and two tiled layers (trainingTiles.ts, trainingUpdate.ts).
  const runs = [
    ...(['ncsn', 'dsm', 'esm', 'eps'] as const).map((objective) => config(objective)),
    config('dsm', { width: 6, depth: 3, batch: 18 }),
    config('ncsn', { width: 5, depth: 3, batch: 17 }),
    // Flow matching trains its velocity network through the same regression kernel (objective eps, sde fm): the
    // fed rows carry (c_in x_t, log λ(t), λ, the conditional velocity x₁ − x₀), so the fused step must match there too.
    config('eps', { diffusion: { sde: 'fm', schedule: 'linear', T: 100 } }),
  ];
  for (const c of runs) {
    const started = Date.now();
    const objective = `${c.objective}${c.diffusion?.sde === 'fm' ? ' (flow matching)' : ''} ${c.width}×${c.depth} batch ${c.batch}`;
    // The ops trainer draws its batches from the seed's training stream; the same stream, replayed, feeds the GPU.
    const fed = await call(page, 'opsBatches', c, STEPS);
    const spec = await call(page, 'specFor', c, STEPS);
    const gpu = await call(page, 'train', spec, STEPS, 25, fed);
    const { params: opsParams, losses: opsLosses } = await call(page, 'ops', c, STEPS);

    const gap = relativeGap(gpu.params, opsParams);
    console.log(
      `${objective}: parameters differ by ${gap.toExponential(2)} (relative, max norm) on ${gpu.adapter};`,
      `${gpu.timedSteps} fused steps in ${gpu.seconds.toFixed(2)} s, ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
    );
    expect(gap, objective).toBeLessThan(1e-4);
    gpu.losses.forEach((loss, i) =>
      expect(Math.abs(loss - opsLosses[i]), `${objective} loss ${i}`).toBeLessThan(1e-4 * (1 + opsLosses[i])),
    );
    // The weights moved: agreement is not the trivial agreement of two untouched copies.
    const moved = Math.max(...gpu.params.flat().map((v, i) => Math.abs(v - spec.params[i])));
    expect(moved, objective).toBeGreaterThan(1e-3);
  }
});

test('fused training draws its batches on the GPU: a seed reproduces the parameters bit for bit, the loss falls, and the per-point network WGSL matches its reference', async ({
  page,
}) => {
  const c = config('ncsn', { data: 0 });
  const spec = await call(page, 'specFor', c, 0);
  const first = await call(page, 'train', spec, 60, 20, null);
  const second = await call(page, 'train', spec, 60, 30, null);
  expect(second.params).toEqual(first.params);
  expect(second.average).toEqual(first.average);
  const verdict = checkTraining(Float32Array.from(first.losses), first.losses.length);
  expect(verdict.ok, verdict.reason).toBe(true);
  const other = await call(page, 'train', { ...spec, seed: 12 }, 60, 20, null);
  expect(other.params).not.toEqual(first.params);
  // The plan handed to the hardware benchmark (the train page's problem, batches drawn on the GPU) checks itself.
  // network.ts's per-point forward pass (the samplers' network) against its double-precision reference.
  for (const shape of [
    { width: 16, depth: 1 },
    { width: 12, depth: 3 },
  ]) {
    const weights = (await call(page, 'specFor', { ...c, ...shape }, 0)).params.map(
      (v, i) => v + 0.01 * Math.sin(i),
    );
    const xs = [-3, -1.2, -0.1, 0.4, 2.2, 5];
    const gpuOut = await call(page, 'forward', shape, weights, xs, Math.log(0.3));
    xs.forEach((x, i) => {
      const ref = netForwardReference(shape, Float32Array.from(weights), x, Math.log(0.3));
      expect(Math.abs(gpuOut[2 * i] - ref.value)).toBeLessThan(1e-5 * (1 + Math.abs(ref.value)));
      expect(Math.abs(gpuOut[2 * i + 1] - ref.dx)).toBeLessThan(1e-5 * (1 + Math.abs(ref.dx)));
    });
  }
  expect(await call(page, 'bench', { width: 16, depth: 2, batch: 64 }, 60)).toMatch(
    /^loss fell from .* over 60 steps$/,
  );
});
