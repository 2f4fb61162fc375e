/**
 * The fused WGSL samplers on the browser's WebGPU adapter (SwiftShader on these machines): the kernels against
 * their JavaScript references (Philox bit for bit, the mixture score and the network to f32 rounding), and every
 * fused sampler against the JavaScript sampler of the same schedule in distribution, with determinism for a seed.
 *
 * The probe (tests/gpu/probeRuns.ts) is bundled here with rolldown and served through page.route on the preview
 * server's origin (WebGPU needs a secure context; 127.0.0.1 is one): it never enters the app's build.
 */
import { expect, test, type Page } from '@playwright/test';
import { rolldown } from 'rolldown';

let probeCode = '';

test.beforeAll(async () => {
  const bundle = await rolldown({ input: 'tests/gpu/probeRuns.ts', platform: 'browser', logLevel: 'silent' });
  probeCode = (await bundle.generate({ format: 'esm' })).output[0].code;
  await bundle.close();
});

async function openProbe(page: Page): Promise<void> {
  await page.route('**/__gpu-probe/**', (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: probeCode })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><title>gpu probe</title><script type="module" src="probe.js"></script>',
        }),
  );
  await page.goto('./__gpu-probe/index.html');
  await page.waitForFunction(() => document.title === 'gpu probe ready');
}

const probe = <T>(page: Page, name: string, ...args: unknown[]) =>
  page.evaluate(
    ([n, a]) =>
      (window as unknown as { gpuProbe: Record<string, (...x: unknown[]) => Promise<unknown>> }).gpuProbe[
        n as string
      ](...(a as unknown[])),
    [name, args] as const,
  ) as Promise<T>;

/**
 * The reverse-time samplers: on the exact field DDPM ancestral, reverse SDE and probability-flow ODE (Heun) at
 * 5 × 10⁴ particles, 20 steps; the predictor–corrector (ancestral predictor, 2 corrector steps) and flow
 * matching's ODE (Euler, Heun) at 10⁵, 10 steps; then flow matching's Heun on a seeded 16 × 1 velocity network at
 * 10⁵, 6 steps. Few steps and a small network keep SwiftShader's share of the suite small.
 */
const DIFFUSION_CASES = [
  { sampler: { kind: 'ancestral' }, n: 50_000, steps: 20, seed: 7 },
  { sampler: { kind: 'sde' }, n: 50_000, steps: 20, seed: 7 },
  { sampler: { kind: 'ode', solver: 'heun' }, n: 50_000, steps: 20, seed: 7 },
  {
    sampler: { kind: 'pc', predictor: 'ancestral', correctorSteps: 2, snr: 0.16 },
    n: 100_000,
    steps: 10,
    seed: 7,
  },
  { sampler: { kind: 'flow', solver: 'euler' }, n: 100_000, steps: 10, seed: 7 },
  { sampler: { kind: 'flow', solver: 'heun' }, n: 100_000, steps: 10, seed: 7 },
  { sampler: { kind: 'flow', solver: 'heun' }, n: 100_000, steps: 6, seed: 7, net: { width: 16, depth: 1 } },
];

/**
 * Sizes: SwiftShader runs compute on the CPU, and this file must stay cheap in the suite, so the Langevin KS samples
 * are 2 × 10⁴ (exact score) and 10⁴ (the network), and the older diffusion samplers' 5 × 10⁴, rather than 10⁵;
 * the 1 % critical value 1.628 √(2/n) scales with them.
 */
test('fused samplers: kernels match their references; samplers match the JS samplers in distribution and repeat for a seed', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openProbe(page);
  const words = await probe<{ words: number; mismatches: number; first: string }>(page, 'philox', 256);
  expect(words.words).toBe(1024);
  expect(words.mismatches, words.first).toBe(0);
  const score = await probe<{ points: number; worst: number; plain: number; where: string }>(
    page,
    'mixtureCheck',
    100,
  );
  console.log('mixture score', score);
  expect(score.points).toBe(300);
  expect(score.worst, score.where).toBeLessThan(1e-5);
  const net = await probe<{ worst: number }>(page, 'netCheck', 200, 16, 2);
  console.log('network', net);
  expect(net.worst).toBeLessThan(1e-5);
  for (const c of [
    { kind: 'annealed', score: 'exact', n: 20_000, steps: 10, seed: 3 },
    { kind: 'langevin', score: 'learned', n: 10_000, steps: 20, seed: 5 },
  ]) {
    const r = await probe<Record<string, unknown> & { ks: number; critical: number }>(page, 'langevin', c);
    console.log(c, r);
    expect(r.ks).toBeLessThan(r.critical);
    expect(r).toMatchObject({
      sameSeedEqual: true,
      otherSeedDiffers: true,
      histogramsMatch: true,
      tracksMatch: true,
      diverged: null,
    });
  }
  const velocity = await probe<{ points: number; worst: number; where: string }>(
    page,
    'flowVelocityCheck',
    60,
  );
  console.log('flow velocity', velocity);
  expect(velocity.points).toBe(300);
  expect(velocity.worst, velocity.where).toBeLessThan(1e-5);
  for (const c of DIFFUSION_CASES) {
    const r = await probe<Record<string, unknown> & { ks: number; critical: number; maxDiff: number | null }>(
      page,
      'diffusion',
      c,
    );
    console.log(c, r);
    expect(r.ks).toBeLessThan(r.critical);
    // An ODE from the same draws: f32 against f64. Near t = 0 the exact fields' slopes grow like 1/v_k (the
    // components' variances at t), which magnifies f32 rounding to a few 10⁻⁴ here (3 × 10⁻⁷ on the network);
    // integrating a wrong field would be off by tenths.
    if (c.sampler.kind === 'ode' || c.sampler.kind === 'flow') expect(r.maxDiff).toBeLessThan(2e-3);
    expect(r).toMatchObject({
      steps: c.steps,
      diverged: false,
      finite: true,
      sameSeedEqual: true,
      otherSeedDiffers: true,
    });
  }
  // The predictor–corrector stopped by a bound that its largest |x| first crosses at step peakStep (tests/gpu/
  // probeDiffusion.ts): it stops before that step and keeps its last good state, bit for bit.
  const stop = await probe<Record<string, unknown> & { steps: number; peakStep: number }>(
    page,
    'divergence',
    { sampler: { kind: 'pc', correctorSteps: 2 }, n: 10_000, steps: 10, seed: 7 },
  );
  console.log('divergence', stop);
  expect(stop.peakStep).toBeGreaterThan(0);
  expect(stop.steps).toBeLessThan(stop.peakStep);
  expect(stop).toMatchObject({ keptLastGood: true, insideBound: true });
  expect(errors).toEqual([]);
});
