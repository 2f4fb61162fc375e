import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectClose, hook, notices, openPage, urlQuery, watchErrors } from './helpers';

interface TrainMetrics {
  step: number;
  loss: number | null;
  lossHistory: { steps: number[]; losses: number[] };
  sigmas: number[];
  fisher: number[];
  meanFisher: number;
  fisherAtStart: number[] | null;
  stepsPerSec: number;
  mode: string;
}

/** Opens the train page and waits until the worker has a model evaluated at step 0. */
async function openTrain(page: Page, query: string): Promise<void> {
  // A fresh document each time: a hash change alone would keep the previous run's metrics on screen.
  await page.goto('about:blank');
  await openPage(page, `#/train?${query}`, 'sigmas');
  await page.waitForFunction(() => {
    const m = window.scoreLab.metrics() as { mode?: string; fisher?: number[] };
    return m.mode === 'idle' && (m.fisher?.length ?? 0) > 0;
  });
}

const metrics = (page: Page) => hook<TrainMetrics>(page, 'metrics()');

test('train page: NCSN on the auto backend brings the Fisher divergence down at every level', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openTrain(page, 'objective=ncsn&levels=6&steps=400&seed=3');
  const backend = await hook<{ name: string; reason: string }>(page, 'backend()');
  expect(['wasm', 'webgl', 'cpu', 'webgpu']).toContain(backend.name);
  expect(backend.reason.length).toBeGreaterThan(10);
  await expect(page.getByTestId('backend-badge')).toContainText(backend.name);

  const result = await hook<TrainMetrics>(page, 'run()');
  expect(result.step).toBe(400);
  expect(result.sigmas).toHaveLength(6);
  expect(result.sigmas[0]).toBeCloseTo(5, 6);
  expect(result.sigmas[5]).toBeCloseTo(0.05, 6);
  expect(result.fisher).toHaveLength(6);
  expect(result.fisherAtStart).toHaveLength(6);
  const start = result.fisherAtStart!.reduce((a, b) => a + b, 0) / 6;
  // 400 steps of Adam take the untrained net's mean divergence down by more than an order of magnitude.
  expect(result.meanFisher).toBeLessThan(start / 10);
  expect(result.lossHistory.steps.length).toBeGreaterThan(10);
  expect(result.stepsPerSec).toBeGreaterThan(0);
  await expect(page.getByTestId('train-step')).toHaveText('400');
  expect(errors).toEqual([]);
});

test('train page: run() is deterministic, and WebGPU on the software adapter agrees with the CPU backend', async ({
  page,
}) => {
  const tiny = 'objective=dsm&width=8&depth=1&batch=32&steps=12&seed=7';
  const fisherOn = async (backend: string) => {
    await openTrain(page, `${tiny}&backend=${backend}`);
    expect((await hook<{ name: string }>(page, 'backend()')).name).toBe(backend);
    return (await hook<TrainMetrics>(page, 'run()')).fisher[0];
  };
  const cpu = await fisherOn('cpu');
  expect(await hook<TrainMetrics>(page, 'run()').then((m) => m.fisher[0])).toBe(cpu);
  const webgpu = await fisherOn('webgpu');
  // On WebGPU the steps ran in the fused kernels (engine/gpu/training*.ts), fed the same batches as the ops path.
  expect((await hook<{ reason: string }>(page, 'backend()')).reason).toContain('fused WGSL kernels');
  const wasm = await fisherOn('wasm');
  // float32 on every backend; the same seeded weights, batches and noise: only rounding differs.
  expectClose(webgpu, cpu, 1e-3 * cpu);
  expectClose(wasm, cpu, 1e-3 * cpu);
});

test('train page: step, play, pause and reset drive the worker; settings live in the URL', async ({
  page,
}) => {
  await openTrain(page, 'objective=dsm&width=16&batch=64');
  await page.getByTestId('step').click();
  await expect(page.getByTestId('train-step')).toHaveText('10');
  await page.getByTestId('play').click();
  await expect.poll(async () => (await metrics(page)).step).toBeGreaterThan(30);
  await page.getByTestId('pause').click();
  await expect(page.getByTestId('play')).toBeVisible();
  const paused = (await metrics(page)).step;
  await page.waitForTimeout(400);
  expect((await metrics(page)).step).toBe(paused);
  await page.keyboard.press('r');
  await expect(page.getByTestId('train-step')).toHaveText('0');

  await page.getByTestId('param-objective').getByText('ESM').click();
  await expect.poll(async () => (await urlQuery(page)).objective).toBe('esm');
  await page.reload();
  await page.waitForFunction(() => window.scoreLab.params().objective === 'esm');
  expect((await urlQuery(page)).width).toBe('16');
});

test('train page: a saved model loads back; a bad file and a bad link each give a notice', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openTrain(page, 'objective=dsm&width=16&batch=64&smin=0.3&lr=1e9&levels=abc');
  const linkNotices = (await notices(page)).join('\n');
  expect(linkNotices).toContain('lr');
  expect(linkNotices).toContain('levels');
  expect((await hook<Record<string, number>>(page, 'params()')).lr).toBe(0.1);

  await page.getByTestId('step').click();
  await expect(page.getByTestId('train-step')).toHaveText('10');
  const before = (await metrics(page)).fisher[0];
  const download = page.waitForEvent('download');
  await page.getByTestId('save-model').click();
  const file = await (await download).path();
  const json = readFileSync(file, 'utf8');
  expect(JSON.parse(json).config.objective).toBe('dsm');

  await page.getByTestId('model-file').setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"something else","weights":[1,2,3]}'),
  });
  await expect.poll(async () => (await notices(page)).join('\n')).toContain('broken.json');
  expect((await metrics(page)).step).toBe(10);

  await page.keyboard.press('r');
  await expect(page.getByTestId('train-step')).toHaveText('0');
  await page
    .getByTestId('model-file')
    .setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect.poll(async () => (await notices(page)).join('\n')).toContain('Loaded "good.json"');
  await expect.poll(async () => (await metrics(page)).fisher[0]).toBeCloseTo(before, 6);
  expect(errors).toEqual([]);
});

test('train page: a diverging run stops with a message and a reset', async ({ page }) => {
  await openTrain(page, 'objective=esm&lr=0.1&width=128&depth=4&batch=16&seed=2');
  await page.getByTestId('play').click();
  // A huge learning rate on a deep net blows up quickly; if it does not, this run proves nothing, so wait for it.
  await expect(page.getByTestId('diverged')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('diverged-reset').click();
  await expect(page.getByTestId('diverged')).toHaveCount(0);
  await expect(page.getByTestId('train-step')).toHaveText('0');
});
