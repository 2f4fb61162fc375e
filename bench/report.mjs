// The benchmark's Markdown table, from results.json's shape.
import { diffusionReport } from './diffusion.mjs';
import { dsmFramesReport } from './dsmframes.mjs';
import { firstLoadReport } from './firstload.mjs';
import { fusedSamplingReport } from './fused-sampling.mjs';
import { fusedTrainingReport } from './fused-training.mjs';
import { planeReport } from './plane.mjs';
const f = (v, digits = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

export function markdownReport({
  date,
  machine,
  training,
  sampling,
  diffusion,
  firstload,
  fusedSampling,
  fusedTraining,
  dsmFrames,
  plane,
}) {
  return [
    `# Score Lab benchmark`,
    '',
    `${date} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · Chromium ${machine.chromium}`,
    '',
    ...(training ? trainingReport(training) : []),
    ...(sampling ? samplingReport(sampling) : []),
    ...(fusedSampling ? fusedSamplingReport(fusedSampling) : []),
    ...(fusedTraining ? fusedTrainingReport(fusedTraining) : []),
    ...(diffusion ? diffusionReport(diffusion) : []),
    ...(firstload ? firstLoadReport(firstload) : []),
    ...(dsmFrames ? dsmFramesReport(dsmFrames) : []),
    ...(plane ? planeReport(plane) : []),
  ].join('\n');
}

function trainingReport(training) {
  const lines = [
    '## Training (DSM, batch 512, 2→W→W→1, Adam): steps per second, median of 3 runs',
    '',
    '| backend | width 64 | width 128 | note |',
    '|---|---|---|---|',
  ];
  const backends = [...new Set(training.speeds.map((s) => s.backend))];
  for (const b of backends) {
    const row = training.speeds.filter((s) => s.backend === b);
    const cell = (w) => {
      const r = row.find((s) => s.width === w);
      return r?.started ? f(r.stepsPerSec) : 'did not start';
    };
    lines.push(`| ${b} | ${cell(64)} | ${cell(128)} | ${row[0]?.note ?? ''} |`);
  }
  const started = training.speeds.filter((s) => s.started && s.width === 64);
  const fastest = started.reduce((a, b) => (b.stepsPerSec > (a?.stepsPerSec ?? -1) ? b : a), null);
  lines.push(
    '',
    `auto picked **${training.auto.name}** (${training.auto.reason}); fastest measured at width 64: **${fastest?.backend ?? '–'}**.`,
    '',
    ...(training.remeasured
      ? [`Re-measure button: **${training.remeasured.name}** (${training.remeasured.reason}).`, '']
      : []),
    `NCSN (default settings, auto backend, live page): mean Fisher divergence at step 0 = ${f(training.ncsn.startMeanFisher, 2)}; ` +
      (training.ncsn.secondsTo5Percent === null
        ? 'did not fall below 5% of it within 12 s.'
        : `below 5% of it after ${f(training.ncsn.secondsTo5Percent)} s (step ${training.ncsn.stepAt5Percent}).`),
    '',
  );
  return lines;
}

const millions = (r) => (r.started ? (r.skipped ? 'skipped' : f(r.rate / 1e6, 2)) : 'did not start');

/** Particle-steps per second (millions) per score, backend and n, and the frame times while 10⁵ particles play. */
function samplingReport({ speeds, frames }) {
  const sizes = [...new Set(speeds.map((s) => s.n))].sort((a, b) => a - b);
  const lines = [
    '## Sampling (langevin page, run()): million particle-steps per second, median of 3 runs',
    '',
    `| score | backend asked | engine | ${sizes.map((n) => `n = ${n.toLocaleString('en')}`).join(' | ')} |`,
    `|---|---|---|${sizes.map(() => '---').join('|')}|`,
  ];
  const rows = [...new Set(speeds.map((s) => `${s.score}|${s.backend}`))];
  for (const key of rows) {
    const [score, backend] = key.split('|');
    const row = speeds.filter((s) => s.score === score && s.backend === backend);
    const engine = row.find((r) => r.started)?.note ?? '–';
    const cell = (n) => {
      const r = row.find((s) => s.n === n);
      return r ? millions(r) : '–';
    };
    lines.push(`| ${score} | ${backend} | ${engine} | ${sizes.map(cell).join(' | ')} |`);
  }
  lines.push(
    '',
    '"skipped": the warm-up predicted more than 45 s for two steps. The exact score runs in plain JavaScript unless',
    'the backend is a GPU (WebGL, or WebGPU on a hardware adapter); here WebGL is SwiftShader, a CPU rasteriser.',
    '',
    '### Main thread while 10⁵ particles play at full speed',
    '',
    "Medians over three 3-second windows of the page's own frame statistics; the worst window's p95 beside them.",
    '',
    "Chromium's default compositing on a machine without a GPU, then compositing through SwiftShader GL (the flags",
    'the WebGL and WebGPU rows need), which competes with the sampler worker for the two cores.',
    '',
    '| compositing | score | backend | engine | fps | frame p50 (ms) | frame p95 (ms) | worst p95 (ms) | particle-steps/s (M) |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of frames)
    lines.push(
      `| ${r.compositing ?? '–'} | ${r.score} | ${r.backend} | ${r.engine} | ${f(r.fps)} | ${f(r.frameMs.p50)} | ${f(r.frameMs.p95)} | ${f(r.frameMs.worstP95)} | ${f(r.particleStepsPerSec / 1e6, 2)} |`,
    );
  lines.push('');
  return lines;
}
