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
 * The reverse-time samplers on the exact field at n = 10⁵ (the size), 20 steps: DDPM ancestral, reverse SDE,
 * probability-flow ODE (Heun), predictor–corrector (ancestral predictor, 2 corrector steps), and flow matching's
 * ODE (Euler and Heun); then flow matching's Heun on a seeded 16 × 1 velocity network, SMALL_N particles, 8 steps.
 */
const DIFFUSION_CASES = [
  { sampler: { kind: 'ancestral' }, n: 100_000, steps: 20, seed: 7 },
  { sampler: { kind: 'sde' }, n: 100_000, steps: 20, seed: 7 },
  { sampler: { kind: 'ode', solver: 'heun' }, n: 100_000, steps: 20, seed: 7 },
  {
    sampler: { kind: 'pc', predictor: 'ancestral', correctorSteps: 2, snr: 0.16 },
    n: 100_000,
    steps: 20,
    seed: 7,
  },
  { sampler: { kind: 'flow', solver: 'euler' }, n: 100_000, steps: 20, seed: 7 },
  { sampler: { kind: 'flow', solver: 'heun' }, n: 100_000, steps: 20, seed: 7 },
  { sampler: { kind: 'flow', solver: 'heun' }, n: 100_000, steps: 8, seed: 7, net: { width: 16, depth: 1 } },
];

/**
 * Sizes: SwiftShader runs compute on the CPU, and this file must stay cheap in the suite, so the KS samples are
 * 2 × 10⁴ (exact-score Langevin), 5 × 10⁴ (exact-score diffusion samplers) and 10⁴ (the network) rather than
 * 10⁵; the 1 % critical value 1.628 √(2/n) scales with them.
 */
test('fused samplers: kernels match their references; samplers match the JS samplers in distribution and repeat for a seed', async ({
  page,
}) => {
  test.setTimeout(180_000);
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
    const r = await probe<Record<string, unknown> & { ks: number; critical: number }>(page, 'diffusion', c);
    console.log(c, r);
    expect(r.ks).toBeLessThan(r.critical);
    expect(r).toMatchObject({
      steps: c.steps,
      diverged: false,
      finite: true,
      sameSeedEqual: true,
      otherSeedDiffers: true,
    });
  }
  expect(errors).toEqual([]);
});
