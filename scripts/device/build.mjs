// Bundles the GPU harness (scripts/device/runPlans.ts and the app's WGSL builders it imports) into one ES module
// that plain Node runs: `node scripts/device/build.mjs [outfile]` (default .device/run-plans.mjs).
import { build } from 'rolldown';

const file = process.argv[2] ?? '.device/run-plans.mjs';
await build({
  input: 'scripts/device/runPlans.ts',
  platform: 'node',
  output: { file, format: 'esm' },
});
console.log(`wrote ${file}`);
