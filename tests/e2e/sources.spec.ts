/**
 * What the sources teach (issue 9 §3), end to end: Tweedie's denoiser on the dsm page, the probability-flow
 * likelihood and the exact reverse-step variance on the diffusion page, training levels on the schedules page,
 * the manifold demo on the perturb page, the score-to-density reconstruction and the SSM note. Numbers are
 * checked against closed forms computed here, independently of the app.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectClose, hook, openPage, typeValue, watchErrors } from './helpers';

interface Comp {
  weight: number;
  mean: number;
  std: number;
}
const MIX: Comp[] = [
  { weight: 0.6, mean: 2, std: 0.5 },
  { weight: 0.4, mean: -2, std: 0.2 },
];

const logNormal = (x: number, m: number, v: number) =>
  -0.5 * Math.log(2 * Math.PI * v) - (0.5 * (x - m) ** 2) / v;

function logMixture(mix: Comp[], x: number): number {
  const terms = mix.map((c) => Math.log(c.weight) + logNormal(x, c.mean, c.std ** 2));
  const top = Math.max(...terms);
  return top + Math.log(terms.reduce((s, t) => s + Math.exp(t - top), 0));
}

/** E[x | x̃] for x ~ mixture, x̃ = x + σ z: responsibilities under q_σ times each component's Gaussian posterior mean. */
function posteriorMean(mix: Comp[], sigma: number, xt: number): number {
  const s2 = sigma ** 2;
  const logs = mix.map((c) => Math.log(c.weight) + logNormal(xt, c.mean, c.std ** 2 + s2));
  const top = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  return mix.reduce(
    (m, c, k) => m + ((w[k] / total) * (c.std ** 2 * xt + s2 * c.mean)) / (c.std ** 2 + s2),
    0,
  );
}

const metrics = <T>(page: Page) => hook<T>(page, 'metrics()');

test('dsm page: the Tweedie field is the closed-form posterior mean and follows σ', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/dsm?sigma=0.8&n=2000&seed=2', 'tweedie');
  type M = { sigma: number; tweedie: { x: number[]; mean: number[]; fromScore: number[]; maxGap: number } };
  const m = await metrics<M>(page);
  expect(m.tweedie.x.length).toBeGreaterThanOrEqual(401);
  for (const i of [0, 150, 333, 400, 620, m.tweedie.x.length - 1]) {
    const x = m.tweedie.x[i];
    expectClose(m.tweedie.mean[i], posteriorMean(MIX, 0.8, x), 1e-9);
    expectClose(m.tweedie.fromScore[i], m.tweedie.mean[i], 1e-9);
  }
  await expect(page.getByTestId('figure-dsm-tweedie').locator('[data-series="mean"]')).toHaveCount(1);
  const before = await page.getByTestId('tweedie-at-zero').textContent();

  // Typing a new σ moves the whole curve.
  await typeValue(page, 'param-sigma', '3');
  await page.waitForFunction(() => (window.scoreLab.metrics() as { sigma: number }).sigma === 3);
  const after = await metrics<M>(page);
  const j = after.tweedie.x.findIndex((x) => x >= 0);
  expectClose(after.tweedie.mean[j], posteriorMean(MIX, 3, after.tweedie.x[j]), 1e-9);
  await expect(page.getByTestId('tweedie-at-zero')).not.toHaveText(before ?? '');
  expect(errors).toEqual([]);
});

test('diffusion page: PF-ODE likelihood matches log p and the reverse-step variance read-out', async ({
  page,
}) => {
  const errors = watchErrors(page);
  type M = {
    likelihood: { x: number[]; exact: number[]; ode: number[]; steps: number; solver: string };
    nll: { exact: number; ode: number };
  };
  await page.goto('about:blank');
  await openPage(
    page,
    '#/diffusion?sde=ddpm&schedule=linear&T=1000&sampler=ode&steps=1000&n=2000',
    'likelihood',
  );
  const m = await metrics<M>(page);
  const { x, exact, ode } = m.likelihood;
  expect(x.length).toBeGreaterThanOrEqual(41);
  // Spanning the data: both modes lie well inside.
  expect(x[0]).toBeLessThan(-3);
  expect(x[x.length - 1]).toBeGreaterThan(3.5);
  let worst = 0;
  for (let i = 0; i < x.length; i++) {
    expectClose(exact[i], logMixture(MIX, x[i]), 1e-9);
    if (exact[i] > -30) worst = Math.max(worst, Math.abs(ode[i] - exact[i]));
  }
  expect(worst).toBeLessThan(0.01);
  expect(m.likelihood.steps).toBe(1000);
  expect(m.likelihood.solver).toBe('heun');
  // Mean NLL of the mixture ≈ its entropy, 1.03 nats for the default; 256 samples leave a few hundredths.
  expect(m.nll.exact).toBeGreaterThan(0.85);
  expect(m.nll.exact).toBeLessThan(1.2);
  expectClose(m.nll.ode, m.nll.exact, 0.01);
  await expect(page.getByTestId('nll-exact')).toContainText(m.nll.exact.toPrecision(3).replace(/0+$/, ''));

  // Fewer steps: the ODE's gap on the curve grows.
  await typeValue(page, 'param-steps', '10');
  await page.waitForFunction(
    () => (window.scoreLab.metrics() as { likelihood: { steps: number } }).likelihood.steps === 10,
  );
  const coarse = await metrics<M>(page);
  let coarseWorst = 0;
  for (let i = 0; i < x.length; i++)
    if (coarse.likelihood.exact[i] > -30)
      coarseWorst = Math.max(coarseWorst, Math.abs(coarse.likelihood.ode[i] - coarse.likelihood.exact[i]));
  expect(coarseWorst).toBeGreaterThan(10 * worst);

  // The exact reverse-step variance rises above β_t from step 280 on for the default mixture (linear, T = 1000).
  await expect(page.getByTestId('rv-first-above')).toHaveText('280');
  await expect(
    page.getByTestId('figure-reverse-variance').locator('[data-series="betaTilde"] path.series-line'),
  ).toHaveAttribute('d', /L/);
  expect(errors).toEqual([]);
});

test('diffusion page: the learned ε-model has its own ODE likelihood, in nats and bits', async ({ page }) => {
  const errors = watchErrors(page);
  type M = {
    likelihood: {
      x: number[];
      exact: number[];
      ode: number[] | null;
      odeExactScore: number[];
      odeScore: string;
    };
    nll: { exact: number; ode: number | null; odeExactScore: number };
  };
  await page.goto('about:blank');
  await openPage(page, '#/diffusion?sde=ddpm&T=100&steps=50&n=1000&width=32&train=800&seed=3', 'likelihood');
  await page.getByTestId('score').getByText('Learned ε-model').click();
  await expect(page.getByTestId('likelihood-learned-note')).toContainText('train one');
  const before = await metrics<M>(page);
  expect(before.likelihood.odeScore).toBe('learned');
  expect(before.likelihood.ode).toBeNull();
  expect(before.nll.ode).toBeNull();

  const m = await hook<M>(page, 'run()');
  const ode = m.likelihood.ode!;
  expect(ode).toHaveLength(m.likelihood.x.length);
  for (const v of ode) expect(Number.isFinite(v)).toBe(true);
  // A width-32 network after 800 steps: measured 1.31 nats against the data's 1.02 (wasm, this seed); the bound
  // leaves room for other backends; an untrained network is 7.5 nats off (tests/unit/tf/eps-likelihood.test.ts).
  expect(Math.abs(m.nll.ode! - m.nll.exact)).toBeLessThan(0.5);
  // The learned curve is not the exact-score one.
  expect(ode.some((v, i) => Math.abs(v - m.likelihood.odeExactScore[i]) > 1e-3)).toBe(true);
  await expect(page.getByTestId('figure-likelihood').locator('[data-series="learned"]')).toHaveCount(1);
  const nats = Number((await page.getByTestId('nll-learned').textContent())!.replace(' nats', ''));
  const bits = Number(await page.getByTestId('nll-learned-bits').textContent());
  expectClose(bits, nats / Math.LN2, 0.01 * Math.abs(nats / Math.LN2) + 1e-3);
  expect(errors).toEqual([]);
});

test('schedules page: training-level densities and ELBO weights for each schedule', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, '#/schedules?schedules=linear,cosine,geometric&T=1000', 'T');
  const levels = page.getByTestId('figure-sched-levels');
  for (const name of ['linear', 'cosine', 'geometric'])
    await expect(levels.locator(`[data-series="${name}"]`)).toHaveCount(1);
  // NCSN's reference is left out when the geometric schedule itself is shown.
  await expect(levels.locator('[data-series="ncsn"]')).toHaveCount(0);
  const elbo = page.getByTestId('figure-sched-elbo');
  await expect(elbo.locator('[data-series="linear"]')).toHaveCount(1);
  await expect(elbo.locator('[data-series="geometric"]')).toHaveCount(0);
  const linearRow = page.getByTestId('training-levels-table').locator('tr', { hasText: 'Linear' });
  // By hand: w_2 = β_2 / (2 α_2 (1 − ᾱ_2)) ≈ 0.2727 and w_T ≈ 0.01020, a ratio of about 26.7.
  await expect(linearRow).toContainText('26.7');
  // Dropping the geometric schedule brings the NCSN reference line in.
  await page.goto('./#/schedules?schedules=linear&T=1000');
  await expect(page.getByTestId('figure-sched-levels').locator('[data-series="ncsn"]')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('perturb page: sliding a component to zero width blows up the score, then p has none', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/perturb?sigma=0.3', 'grid');
  const range = page.getByTestId('manifold-width-range');
  await range.scrollIntoViewIfNeeded();
  const read = async (id: string) => (await page.getByTestId(id).textContent()) ?? '';
  const maxP = async () => Number(await read('manifold-max-p'));
  const start = await maxP();
  expect(await read('manifold-slope')).toBe('-25');

  // Drag the thumb with the mouse to about the middle: width ≈ 10^(−3.3).
  const box = (await range.boundingBox())!;
  await page.mouse.move(box.x + 4, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const w = Number(await read('manifold-width'));
  expect(w).toBeLessThan(0.01);
  expect(w).toBeGreaterThan(1e-5);
  const mid = await maxP();
  expect(mid).toBeGreaterThan(100 * start);
  // Slope at the centre −1/w² (read-outs carry 3 significant digits).
  expectClose(Number(await read('manifold-slope')) * w * w, -1, 0.02);

  // Keyboard to the end: width exactly 0, a point mass — no score of p, q_σ's still finite.
  await range.focus();
  await range.press('End');
  await expect(page.getByTestId('manifold-width')).toHaveText('0 (a point mass)');
  await expect(page.getByTestId('manifold-max-p')).toHaveText('does not exist');
  const q = Number(await read('manifold-max-q'));
  expect(Number.isFinite(q)).toBe(true);
  expect(q).toBeLessThan(100);
  await expect(page.getByTestId('figure-manifold-scores').locator('[data-series="p"]')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('score page: the density rebuilt from the score matches p; train page explains SSM', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openPage(page, '#/score?mix=0.3:-3:1,0.5:0:0.1,0.2:2.5:0.6', 'grid');
  const err = Number(await page.getByTestId('score-rebuilt-error').textContent());
  expect(err).toBeGreaterThan(0);
  expect(err).toBeLessThan(1e-3);
  await expect(page.getByTestId('figure-score-rebuilt').locator('[data-series="rebuilt"]')).toHaveCount(1);
  await page.goto('./#/train');
  await expect(page.getByTestId('ssm-note')).toContainText('Rademacher');
  expect(errors).toEqual([]);
});
