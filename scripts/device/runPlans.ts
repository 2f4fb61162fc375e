/**
 * Runs the app's fused GPU plans outside a browser, through Dawn's Node bindings (the `webgpu` package's
 * dawn.node, the WebGPU implementation Chromium uses), on whatever adapter Dawn finds: a real GPU on a machine
 * without a browser, or SwiftShader here. Bundled by scripts/device/build.mjs; see scripts/device/README.md.
 *
 * For each case: one warm-up run (compiles the pipelines), then repeated timed batches of k runs in one submit,
 * each ended by onSubmittedWorkDone so the clock stops when the GPU has finished; k grows until a batch takes
 * ≥ 50 ms; the rate is units × k / (median batch time) over 7 batches. Then the case's check reads its buffers.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { requestDeviceWithAdapterLimits } from '../../src/engine/tf/fused/gpuBuffers';
import { PlanRunner } from '../../src/engine/tf/fused/planRunner';
import { benchCases } from './cases';
import { profilePasses } from './profile';

interface Dawn {
  create(options: string[]): GPU;
  globals: Record<string, unknown>;
}

const require = createRequire(import.meta.url);
const dawn = require(process.env.DAWN_NODE ?? './dawn.node') as Dawn;
Object.assign(globalThis, dawn.globals);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  // Kept on globalThis: Dawn's instance must outlive its adapters and devices (a collected instance crashes them).
  const gpu = dawn.create((process.env.DAWN_OPTIONS ?? '').split(',').filter(Boolean));
  (globalThis as { dawnInstance?: GPU }).dawnInstance = gpu;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('Dawn found no adapter');
  const info = adapter.info;
  const adapterName = [info.vendor, info.architecture, info.device, info.description]
    .filter(Boolean)
    .join(' / ');
  console.log(`adapter: ${adapterName}`);
  const device = await requestDeviceWithAdapterLimits(adapter);
  device.addEventListener('uncapturederror', (e) =>
    console.error('GPU error:', (e as GPUUncapturedErrorEvent).error.message),
  );
  const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
  const rows: Record<string, unknown>[] = [];
  for (const c of benchCases()) {
    if (only && !only.test(c.name)) continue;
    const row: Record<string, unknown> = { name: c.name, unit: c.unit };
    let runner: PlanRunner | null = null;
    try {
      runner = new PlanRunner(device, c.plan);
      const t0 = performance.now();
      runner.run(c.sequence, 1);
      await device.queue.onSubmittedWorkDone();
      row.firstRunMs = +(performance.now() - t0).toFixed(2);
      if (!c.checkOnly) {
        let k = 1;
        for (;;) {
          const s = performance.now();
          runner.run(c.sequence, k);
          await device.queue.onSubmittedWorkDone();
          if (performance.now() - s >= 50 || k >= 1 << 16) break;
          k *= 2;
        }
        const times: number[] = [];
        for (let i = 0; i < 7; i++) {
          const s = performance.now();
          runner.run(c.sequence, k);
          await device.queue.onSubmittedWorkDone();
          times.push(performance.now() - s);
        }
        const ms = median(times);
        row.runsPerBatch = k;
        row.msPerRun = +(ms / k).toFixed(4);
        row.unitsPerSec = Math.round((c.unitsPerRun * k) / (ms / 1000));
      }
      if (c.check) row.check = await c.check((name) => runner!.read(name));
      if (process.env.PROFILE) row.passes = await profilePasses(device, c.plan, c.sequence);
      row.ok = true;
    } catch (error) {
      row.ok = false;
      row.error = String(error instanceof Error ? error.message : error);
    } finally {
      runner?.dispose();
    }
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  const out = process.env.OUT_JSON;
  if (out) writeFileSync(out, JSON.stringify({ adapter: adapterName, rows }, null, 2));
  device.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
