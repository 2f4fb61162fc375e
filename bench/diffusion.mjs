// The diffusion section of npm run bench: W1 to the data at n = 10⁴ against the number of sampling steps, for
// each sampler on the exact score (the table). It drives the production page through its automation
// hook — the same code path a reader's link takes — rather than importing the TypeScript engine into Node
// (no TS runner is installed). The sampler set mirrors engine/diffusion/benchmark.ts's standardSamplers(), plus
// flow matching's ODE (sde = fm) on the exact and on the learned velocity.
export const DIFFUSION_STEPS = [10, 20, 50, 100, 1000];

export const DIFFUSION_SAMPLERS = [
  {
    id: 'ddpm-ancestral',
    label: 'DDPM ancestral, posterior σ² (linear, T = 1000)',
    query: 'sde=ddpm&schedule=linear&T=1000&sampler=ancestral&variance=betaTilde',
  },
  {
    id: 'ddpm-ancestral-beta',
    label: 'DDPM ancestral, σ² = β (linear, T = 1000)',
    query: 'sde=ddpm&schedule=linear&T=1000&sampler=ancestral&variance=beta',
  },
  { id: 'vp-sde', label: 'VP reverse SDE, Euler–Maruyama', query: 'sde=vp&sampler=sde' },
  { id: 've-sde', label: 'VE reverse SDE, Euler–Maruyama', query: 'sde=ve&sampler=sde' },
  { id: 'vp-ode-euler', label: 'VP probability-flow ODE, Euler', query: 'sde=vp&sampler=ode&solver=euler' },
  { id: 'vp-ode-heun', label: 'VP probability-flow ODE, Heun', query: 'sde=vp&sampler=ode&solver=heun' },
  { id: 've-ode-heun', label: 'VE probability-flow ODE, Heun', query: 'sde=ve&sampler=ode&solver=heun' },
  {
    id: 'vp-pc',
    label: 'VP predictor–corrector (1 Langevin, r = 0.16)',
    query: 'sde=vp&sampler=pc&snr=0.16&corrector=1',
  },
  {
    id: 've-pc',
    label: 'VE predictor–corrector (1 Langevin, r = 0.16)',
    query: 'sde=ve&sampler=pc&snr=0.16&corrector=1',
  },
  { id: 'fm-ode-euler', label: 'Flow matching ODE, Euler', query: 'sde=fm&sampler=ode&solver=euler' },
  { id: 'fm-ode-heun', label: 'Flow matching ODE, Heun', query: 'sde=fm&sampler=ode&solver=heun' },
];

// Rows on a learned field: the model is trained once by the page's own run() (its default training: 3000 Adam
// steps of batch 512, width 64) and then sampled at every step count in the same document, by changing the link's
// steps in place (a hashchange keeps the training worker and its model).
export const DIFFUSION_LEARNED = [
  {
    id: 'fm-learned-heun',
    label: 'Flow matching ODE, Heun, learned velocity (default training)',
    query: 'sde=fm&sampler=ode&solver=heun&score=learned',
  },
];

// BENCH_DIFFUSION_IDS=fm-ode-euler,fm-ode-heun,fm-learned-heun runs only those rows; the others keep their numbers
// from the previous results.json.
const ONLY_IDS = process.env.BENCH_DIFFUSION_IDS?.split(',').filter(Boolean) ?? null;
const wanted = (id) => ONLY_IDS === null || ONLY_IDS.includes(id);

function rowOf(s, m) {
  return {
    id: s.id,
    label: s.label,
    steps: m.totalSteps,
    w1: m.w1,
    modeWeights: m.modeWeights,
    diverged: m.diverged,
    scoreEvaluations: m.scoreEvaluations,
    ms: m.seconds * 1000,
  };
}

async function learnedRows(page, url, s) {
  const rows = [];
  for (const [i, steps] of DIFFUSION_STEPS.entries()) {
    const link = `#/diffusion?${s.query}&steps=${steps}&n=10000&seed=1`;
    if (i === 0) {
      await page.goto('about:blank');
      await page.goto(`${url}${link}`);
      await page.waitForFunction(() => window.scoreLab?.metrics().needsModel !== undefined, null, {
        timeout: 120_000,
      });
    } else {
      await page.evaluate((hash) => (window.location.hash = hash), link);
      await page.waitForFunction((n) => window.scoreLab.params().steps === n, steps);
    }
    const m = await page.evaluate(() => window.scoreLab.run());
    if (m.resultScore !== 'learned') throw new Error(`${s.id}: the run did not use the learned field`);
    const row = rowOf(s, m);
    console.log(`  ${s.id} ${steps} steps: W1 ${row.w1?.toFixed(4)}${row.diverged ? ' (unstable)' : ''}`);
    rows.push(row);
  }
  return rows;
}

export async function diffusionBenchmarks(browser, url, previous) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  const rows = [];
  for (const s of DIFFUSION_SAMPLERS.filter((x) => wanted(x.id))) {
    for (const steps of DIFFUSION_STEPS) {
      await page.goto('about:blank');
      await page.goto(`${url}#/diffusion?${s.query}&steps=${steps}&n=10000&seed=1&score=true`);
      await page.waitForFunction(() => window.scoreLab?.metrics().w1 !== undefined, null, {
        timeout: 120_000,
      });
      const m = await page.evaluate(() => window.scoreLab.run());
      const row = rowOf(s, m);
      console.log(`  ${s.id} ${steps} steps: W1 ${row.w1?.toFixed(4)}${row.diverged ? ' (unstable)' : ''}`);
      rows.push(row);
    }
  }
  for (const s of DIFFUSION_LEARNED.filter((x) => wanted(x.id)))
    rows.push(...(await learnedRows(page, url, s)));
  await page.close();
  // A partial run keeps the other rows of the previous results, in the table's order.
  const kept = ONLY_IDS && previous ? previous.rows.filter((r) => !ONLY_IDS.includes(r.id)) : [];
  const order = [...DIFFUSION_SAMPLERS, ...DIFFUSION_LEARNED].map((x) => x.id);
  const all = [...kept, ...rows].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return { n: 10_000, steps: DIFFUSION_STEPS, rows: all };
}

/** The Markdown section: one row per sampler, one column per step count. */
export function diffusionReport(diffusion) {
  if (!diffusion) return [];
  const f = (v) => (v === null || v === undefined ? '–' : Number(v).toFixed(3));
  const lines = [
    '## Diffusion samplers on the exact score (and flow matching on its learned velocity): W1 to the data, n = 10⁴, seed 1',
    '',
    `| sampler | ${diffusion.steps.join(' | ')} |`,
    `|---|${diffusion.steps.map(() => '---').join('|')}|`,
  ];
  const ids = [...new Set(diffusion.rows.map((r) => r.id))];
  for (const id of ids) {
    const rows = diffusion.rows.filter((r) => r.id === id);
    const cells = diffusion.steps.map((s) => {
      const r = rows.find((x) => x.steps === s) ?? rows[diffusion.steps.indexOf(s)];
      return r ? `${f(r.w1)}${r.diverged ? ' (unstable)' : ''}` : '–';
    });
    lines.push(`| ${rows[0].label} | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    'The noise floor (W1 of 10⁴ exact draws) is about 0.007–0.044 (median 0.013) on the default mixture.',
    '',
  );
  return lines;
}
