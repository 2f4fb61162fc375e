// npm run bench: builds the app, serves the production build, drives headless Chromium through the automation
// hook, and writes bench/results.json and bench/results.md. Numbers are medians of repeated runs in one session;
// compare ratios within one run, never across machines or days.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { build, launch, servePreview } from './browser.mjs';
import { diffusionBenchmarks } from './diffusion.mjs';
import { dsmFrameBenchmarks } from './dsmframes.mjs';
import { firstLoadBenchmarks } from './firstload.mjs';
import { fusedSamplingBenchmarks } from './fused-sampling.mjs';
import { fusedTrainingBenchmarks } from './fused-training.mjs';
import { planeBenchmarks } from './plane.mjs';
import { samplingBenchmarks } from './sampling.mjs';
import { trainingBenchmarks } from './training.mjs';
import { markdownReport } from './report.mjs';

const port = Number(process.env.BENCH_PORT ?? 4180);
// --only=sampling (or training, fused, fused-training, diffusion, firstload, dsmframes, plane) runs one section; the other keeps its numbers from the last results.json.
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? null;
const wants = (section) => only === null || only === section;
const previous = existsSync('bench/results.json')
  ? JSON.parse(readFileSync('bench/results.json', 'utf8'))
  : {};
if (!process.argv.includes('--no-build')) build();
const server = await servePreview(port);
const browser = await launch();
try {
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    chromium: browser.version(),
  };
  console.log(`Benchmark on ${machine.cpus} × ${machine.cpuModel}, Chromium ${machine.chromium}`);
  // Each section: its --only name, its key in results.json, and how it is measured. Run in this order; a section
  // not asked for keeps its numbers from the last results.json.
  const sections = [
    ['training', 'training', () => trainingBenchmarks(browser, server.url)],
    ['sampling', 'sampling', () => samplingBenchmarks(browser, server.url)],
    ['diffusion', 'diffusion', () => diffusionBenchmarks(browser, server.url, previous.diffusion)],
    ['firstload', 'firstload', () => firstLoadBenchmarks(browser, server.url)],
    ['fused', 'fusedSampling', () => fusedSamplingBenchmarks(browser, server.url)],
    ['fused-training', 'fusedTraining', () => fusedTrainingBenchmarks(browser, server.url)],
    ['dsmframes', 'dsmFrames', () => dsmFrameBenchmarks(server.url)],
    ['plane', 'plane', () => planeBenchmarks(browser, server.url)],
  ];
  const results = { ...previous, date: new Date().toISOString(), machine };
  for (const [flag, key, measure] of sections) if (wants(flag)) results[key] = await measure();
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  const md = markdownReport(results);
  writeFileSync('bench/results.md', md);
  console.log('\n' + md);
} finally {
  await browser.close();
  server.stop();
}
