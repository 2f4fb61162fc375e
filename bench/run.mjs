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
  const training = wants('training') ? await trainingBenchmarks(browser, server.url) : previous.training;
  const sampling = wants('sampling') ? await samplingBenchmarks(browser, server.url) : previous.sampling;
  const diffusion = wants('diffusion')
    ? await diffusionBenchmarks(browser, server.url, previous.diffusion)
    : previous.diffusion;
  const firstload = wants('firstload') ? await firstLoadBenchmarks(browser, server.url) : previous.firstload;
  const fusedSampling = wants('fused')
    ? await fusedSamplingBenchmarks(browser, server.url)
    : previous.fusedSampling;
  const fusedTraining = wants('fused-training')
    ? await fusedTrainingBenchmarks(browser, server.url)
    : previous.fusedTraining;
  const dsmFrames = wants('dsmframes') ? await dsmFrameBenchmarks(server.url) : previous.dsmFrames;
  const plane = wants('plane') ? await planeBenchmarks(browser, server.url) : previous.plane;
  const results = {
    ...previous,
    date: new Date().toISOString(),
    machine,
    training,
    sampling,
    diffusion,
    firstload,
    fusedSampling,
    fusedTraining,
    dsmFrames,
    plane,
  };
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  const md = markdownReport(results);
  writeFileSync('bench/results.md', md);
  console.log('\n' + md);
} finally {
  await browser.close();
  server.stop();
}
