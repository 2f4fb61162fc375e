// Fused WGSL training beside TF.js's WebGPU ops on the same WebGPU adapter (SwiftShader on these machines), with
// wasm beside them, in one run: DSM steps/s at batch 512 for the 2→W→W→1 network, W = 64 and 128, and what `auto`
// picks on the train page's default network and the rates its re-measure button states (the software adapter
// included). The WebGPU rows come from tests/gpu/probeTraining.ts (bundled and served as a test-only page), the
// wasm rows from the train page itself (training.mjs's trainingSpeed).
// Usage: npm run bench -- --only=fused-training (or node bench/fused-training.mjs http://127.0.0.1:<port>/).
import os from 'node:os';
import { launch, openProbe } from './browser.mjs';
import { autoChoice, trainingSpeed } from './training.mjs';

const WIDTHS = [64, 128];
/** Timed calls per path, and about how long each lasts. */
const CALLS = 3;
const CALL_SECONDS = 2;

export async function fusedTrainingBenchmarks(browser, url) {
  const loadBefore = os.loadavg()[0];
  const page = await openProbe(browser, url, 'tests/gpu/probeTraining.ts', 'training bench ready');
  const call = (name, ...args) => page.evaluate(([n, a]) => window.trainingBench[n](...a), [name, args]);
  const adapter = await call('start');
  console.log(`  WebGPU adapter: ${adapter}`);
  const rows = [];
  for (const width of WIDTHS) {
    const fused = await call('trainingRate', 'fused', width, CALLS, CALL_SECONDS);
    console.log(`  fused width ${width}: ${fused.rate.toFixed(2)} steps/s (${fused.stepsPerCall} per call)`);
    const ops = await call('trainingRate', 'ops', width, CALLS, CALL_SECONDS);
    console.log(`  ops width ${width}: ${ops.rate.toFixed(2)} steps/s (${ops.stepsPerCall} per call)`);
    rows.push({ width, fused: fused.rate, ops: ops.rate, fusedRuns: fused.rates, opsRuns: ops.rates });
  }
  await page.close();
  for (const row of rows) {
    const wasm = await trainingSpeed(browser, url, 'wasm', row.width);
    row.wasm = wasm.started ? wasm.stepsPerSec : null;
    console.log(`  wasm width ${row.width}: ${wasm.started ? wasm.stepsPerSec.toFixed(1) : 'did not start'}`);
  }
  const { auto, remeasured } = await autoChoice(browser, url);
  console.log(`  auto picked ${auto.name}; re-measured: ${remeasured.name}: ${remeasured.reason}`);
  return {
    date: new Date().toISOString(),
    load: [loadBefore, os.loadavg()[0]],
    adapter,
    rows,
    auto,
    remeasured,
  };
}

const f = (v, digits = 2) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

/** The Markdown section of results.md. */
export function fusedTrainingReport({ date, load, adapter, rows, auto, remeasured }) {
  return [
    '## Fused WGSL training beside TF.js ops on the same WebGPU adapter, and wasm: DSM steps per second',
    '',
    `Measured ${date} on the WebGPU adapter "${adapter}", load average ${f(load[0], 1)} before and ` +
      `${f(load[1], 1)} after (bench/fused-training.mjs). Batch 512, 2→W→W→1, Adam; median of ${CALLS} timed calls.`,
    '',
    '| width | fused (WebGPU) | ops (WebGPU) | fused / ops | wasm | fused / wasm |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.width} | ${f(r.fused)} | ${f(r.ops)} | **${f(r.fused / r.ops, 1)}×** | ${f(r.wasm, 1)} | ` +
        `${r.wasm ? `${f(r.fused / r.wasm, 2)}×` : '–'} |`,
    ),
    '',
    `auto on a first visit (default network, DSM): **${auto.name}** (${auto.reason}).`,
    '',
    `Re-measure button: **${remeasured.name}** (${remeasured.reason}).`,
    '',
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const browser = await launch();
  try {
    console.log(
      JSON.stringify(await fusedTrainingBenchmarks(browser, process.argv[2] ?? 'http://127.0.0.1:5405/')),
    );
  } finally {
    await browser.close();
  }
}
