// Fused WGSL samplers beside the tensor-ops sampler on the same WebGPU adapter (SwiftShader on these machines):
// learned-score particle-steps/s at 10⁵ particles, fused and as tf ops, and exact-score particle-steps/s at 10⁶ fused;
// then flow matching's Heun on the same network as a learned velocity at 10⁵, fused and as tf ops.
// Bundles tests/gpu/probeBench.ts with rolldown and serves it through page.route on the preview server's origin
// (WebGPU needs a secure context). Usage: node bench/fused-sampling.mjs http://127.0.0.1:<port>/
import os from 'node:os';
import { chromium } from '@playwright/test';
import { rolldown } from 'rolldown';
import { FLAGS } from './browser.mjs';

export async function fusedSamplingBenchmarks(browser, url) {
  const bundle = await rolldown({
    input: 'tests/gpu/probeBench.ts',
    platform: 'browser',
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({ format: 'esm', codeSplitting: false });
  if (output.length !== 1) throw new Error(`expected one bundled file, got ${output.length}`);
  const code = output[0].code;
  await bundle.close();
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  await page.route('**/__gpu-bench/**', (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: code })
      : route.fulfill({
          contentType: 'text/html',
          body: '<!doctype html><script type="module" src="bench.js"></script>',
        }),
  );
  await page.goto(`${url}__gpu-bench/index.html`);
  await page.waitForFunction(() => document.title === 'gpu bench ready', null, { timeout: 60_000 });
  const call = (name, ...args) => page.evaluate(([n, a]) => window.gpuBench[n](...a), [name, args]);
  const rows = [];
  const fused = await call('fusedLearned', 100_000, 8);
  rows.push({ score: 'learned', engine: 'fused', n: 100_000, rate: fused });
  console.log(`  fused learned n=10⁵: ${(fused / 1e6).toFixed(3)} M particle-steps/s`);
  const ops = await call('opsLearned', 100_000, 2);
  rows.push({ score: 'learned', engine: `tensor ops on ${ops.backend}`, n: 100_000, rate: ops.rate });
  console.log(`  ops learned n=10⁵ (${ops.backend}): ${(ops.rate / 1e6).toFixed(3)} M particle-steps/s`);
  const exact = await call('fusedExact', 1_000_000, 10);
  rows.push({ score: 'exact', engine: 'fused', n: 1_000_000, rate: exact });
  console.log(`  fused exact n=10⁶: ${(exact / 1e6).toFixed(3)} M particle-steps/s`);
  console.log(`  fused / ops (learned, n=10⁵): ${(fused / ops.rate).toFixed(1)}×`);
  // Flow matching's Heun on the same network as a velocity (two network calls per step).
  const flowFused = await call('fusedFlowLearned', 100_000, 2);
  rows.push({ score: 'learned velocity, flow matching Heun', engine: 'fused', n: 100_000, rate: flowFused });
  const flowOps = await call('opsFlowLearned', 100_000, 1);
  rows.push({
    score: 'learned velocity, flow matching Heun',
    engine: `tensor ops on ${flowOps.backend}`,
    n: 100_000,
    rate: flowOps.rate,
  });
  console.log(
    `  flow matching Heun, learned n=10⁵: fused ${(flowFused / 1e6).toFixed(3)} vs ops ${(flowOps.rate / 1e6).toFixed(3)} M particle-steps/s (${(flowFused / flowOps.rate).toFixed(1)}×)`,
  );
  await page.close();
  return { date: new Date().toISOString(), load: os.loadavg()[0], rows };
}

/** The Markdown section of results.md. */
export function fusedSamplingReport({ date, load, rows }) {
  const rate = (score, engine) => rows.find((r) => r.score === score && r.engine.startsWith(engine))?.rate;
  const ratio = rate('learned', 'fused') / rate('learned', 'tensor');
  const flow = 'learned velocity, flow matching Heun';
  const flowRatio = rate(flow, 'fused') / rate(flow, 'tensor');
  return [
    '## Fused WGSL samplers beside tensor ops on the same WebGPU adapter: million particle-steps per second (Langevin, and flow matching where the row says so)',
    '',
    `Measured ${date}, load average ${load.toFixed(1)} on this machine (bench/fused-sampling.mjs).`,
    '',
    '| score | engine | n | M particle-steps/s |',
    '|---|---|---|---|',
    ...rows.map(
      (r) => `| ${r.score} | ${r.engine} | ${r.n.toLocaleString('en')} | ${(r.rate / 1e6).toFixed(3)} |`,
    ),
    '',
    `Learned score at 10⁵ particles: fused / tensor ops = **${ratio.toFixed(1)}×** on the same adapter.`,
    ...(Number.isFinite(flowRatio)
      ? [
          '',
          `Flow matching's Heun on a learned velocity (the same network) at 10⁵ particles: fused / tensor ops = **${flowRatio.toFixed(1)}×**.`,
        ]
      : []),
    '',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  try {
    console.log(
      JSON.stringify(await fusedSamplingBenchmarks(browser, process.argv[2] ?? 'http://127.0.0.1:5405/')),
    );
  } finally {
    await browser.close();
  }
}
