// The benchmark's Markdown table, from results.json's shape.
const f = (v, digits = 1) => (v === null || v === undefined ? '–' : Number(v).toFixed(digits));

export function markdownReport({ date, machine, training }) {
  const lines = [
    `# Score Lab benchmark`,
    '',
    `${date} · ${machine.cpus} × ${machine.cpuModel} · ${machine.memoryGiB} GiB · Chromium ${machine.chromium}`,
    '',
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
    `NCSN (default settings, auto backend, live page): mean Fisher divergence at step 0 = ${f(training.ncsn.startMeanFisher, 2)}; ` +
      (training.ncsn.secondsTo5Percent === null
        ? 'did not fall below 5% of it within 12 s.'
        : `below 5% of it after ${f(training.ncsn.secondsTo5Percent)} s (step ${training.ncsn.stepAt5Percent}).`),
    '',
  );
  return lines.join('\n');
}
