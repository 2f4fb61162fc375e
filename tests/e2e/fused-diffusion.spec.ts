/**
 * The diffusion page's learned runs on the fused WebGPU kernels (SwiftShader here): one small ε-model, trained
 * once on wasm, sampled by the tensor ops (wasm) and by the fused kernels (webgpu) from the same link.
 *
 * - Probability-flow ODE (Heun): no step noise, and the fused run starts from the same prior draws as the ops run,
 *   so every particle follows the same path up to f32 against f64 rounding; the metrics agree to 10⁻³.
 * - DDPM ancestral: the fused run's step noise is Philox on the GPU, not the CPU's stream, so the two runs agree
 *   in distribution only. Both ask the same question of the same model, so their distances to the data differ by
 *   at most their distance to each other: |KS₁ − KS₂| ≤ KS(run₁, run₂), whose 1 % critical value at n = 10⁴ each is
 *   1.628 √(2/n) ≈ 0.023; |W1₁ − W1₂| ≤ W1(run₁, run₂), about 0.02 between two samples of
 *   10⁴ from one law of std ≈ 2, so 0.05 leaves room for its spread.
 * - Determinism: the same link on the same backend repeats the fused ancestral run (Philox noise) bit for bit.
 * - Predictor–corrector: in distribution as ancestral, with the same number of network evaluations.
 * - Flow matching (a velocity model trained on the same link with sde = fm): as the ODE, to 10⁻³.
 */
import { expect, test, type Page } from '@playwright/test';
import { hook, openPage, watchErrors } from './helpers';

interface Metrics {
  step: number;
  n: number;
  w1: number;
  ks: number;
  mean: number;
  std: number;
  resultScore: string;
  diverged: string | null;
  scoreEvaluations: number;
}

const N = 10_000;
const KS_CRITICAL = 1.628 * Math.sqrt(2 / N);
const W1_NOISE = 0.05;
const LINK = `sde=ddpm&T=100&steps=20&n=${N}&width=16&train=300&seed=3&score=learned`;

const run = (page: Page) => hook<Metrics>(page, 'run()');
const reason = async (page: Page) => (await hook<{ reason: string }>(page, 'backend()')).reason;

/**
 * The same document on another link (the backend is a link parameter): the trained model stays. A new backend is
 * started by the training worker first (its badge text), and the sampler worker's engine text replaces it when
 * the next learned run starts, so the run waits for the former; a link that changes the backend alone changes
 * no sample, so no run starts before that.
 */
async function relink(page: Page, sampler: string, backend: string, link = LINK): Promise<void> {
  const query = `${link}&sampler=${sampler}&backend=${backend}`;
  await page.evaluate((q) => (window.location.hash = `#/diffusion?${q}`), query);
  await page.waitForFunction(
    ([s, b]) => {
      const p = window.scoreLab.params();
      return p.sampler === s && p.backend === b && window.scoreLab.backend().name === b;
    },
    [sampler, backend],
  );
}

test('diffusion page: learned runs on WebGPU use the fused kernels, agree with the ops path and repeat for a seed', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const errors = watchErrors(page);
  await page.goto('about:blank');
  await openPage(page, `#/diffusion?${LINK}&sampler=ancestral&backend=wasm`, 'w1');
  const opsAnc = await run(page);
  expect(opsAnc.resultScore).toBe('learned');
  expect(await reason(page)).toContain('tensor ops on wasm');
  await relink(page, 'ode', 'wasm');
  const opsOde = await run(page);
  expect(await reason(page)).toContain('tensor ops on wasm');

  await relink(page, 'ode', 'webgpu');
  const fusedOde = await run(page);
  expect(await reason(page)).toContain('runs fused');
  expect(fusedOde.resultScore).toBe('learned');
  expect(fusedOde.diverged).toBeNull();
  expect(fusedOde.step).toBe(20);
  // Heun: two evaluations per step except the last, which ends at t = 0 (Euler), as on the ops path.
  expect(fusedOde.scoreEvaluations).toBe(opsOde.scoreEvaluations);
  for (const key of ['w1', 'ks', 'mean', 'std'] as const)
    expect(Math.abs(fusedOde[key] - opsOde[key]), key).toBeLessThan(1e-3);

  await relink(page, 'ancestral', 'webgpu');
  const fusedAnc = await run(page);
  expect(await reason(page)).toContain('runs fused');
  expect(fusedAnc.diverged).toBeNull();
  expect(Math.abs(fusedAnc.ks - opsAnc.ks)).toBeLessThan(KS_CRITICAL);
  expect(Math.abs(fusedAnc.w1 - opsAnc.w1)).toBeLessThan(W1_NOISE);
  // The step noise differs, so the samples do: a fused run that ignored its noise would not.
  expect(fusedAnc.w1).not.toBe(opsAnc.w1);
  const again = await run(page);
  for (const key of ['w1', 'ks', 'mean', 'std'] as const) expect(again[key], key).toBe(fusedAnc[key]);

  // Predictor–corrector: the corrector's step size comes from batch-wide norms (pcKernels.ts); its noise is Philox
  // too, so the fused run agrees with the ops run in distribution, at the same count of network evaluations.
  await relink(page, 'pc', 'webgpu');
  const fusedPc = await run(page);
  expect(await reason(page)).toContain('runs fused');
  expect(fusedPc.diverged).toBeNull();
  await relink(page, 'pc', 'wasm');
  const opsPc = await run(page);
  expect(await reason(page)).toContain('tensor ops on wasm');
  expect(fusedPc.scoreEvaluations).toBe(opsPc.scoreEvaluations);
  expect(Math.abs(fusedPc.ks - opsPc.ks)).toBeLessThan(KS_CRITICAL);
  expect(Math.abs(fusedPc.w1 - opsPc.w1)).toBeLessThan(W1_NOISE);

  // Flow matching: a small velocity model trained on wasm (sde = fm), its Heun ODE on both paths. No noise and the
  // same prior draws, so the fused run follows the ops run particle by particle, as the ε-model's ODE above.
  const flowLink = LINK.replace('sde=ddpm', 'sde=fm');
  await relink(page, 'ode', 'wasm', flowLink);
  const opsFlow = await run(page);
  expect(opsFlow.resultScore).toBe('learned');
  expect(await reason(page)).toContain('tensor ops on wasm');
  await relink(page, 'ode', 'webgpu', flowLink);
  const fusedFlow = await run(page);
  expect(await reason(page)).toContain('runs fused');
  expect(fusedFlow.diverged).toBeNull();
  expect(fusedFlow.scoreEvaluations).toBe(opsFlow.scoreEvaluations);
  for (const key of ['w1', 'ks', 'mean', 'std'] as const)
    expect(Math.abs(fusedFlow[key] - opsFlow[key]), key).toBeLessThan(1e-3);
  expect(errors).toEqual([]);
});
