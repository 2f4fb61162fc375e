import { pageValues } from '../../store/appStore';
import type { PageProbe } from '../../store/probe';
import { usePlaneModel } from '../../store/planeModel';
import { flushPlaneProgress, planeClient, usePlaneSession } from '../../store/planeSession';
import { fieldView } from './fieldModel';
import { planeConfigFrom, planeViewOf } from './planeRun';

/**
 * The last view and its hook arrays, kept while the mixture and σ stay the same: tests poll metrics() often, and
 * recomputing the field (and copying 4 × 96² numbers) on every poll would load the page they are watching.
 */
let cached: { mix2: unknown; sigma: number; view: ReturnType<typeof fieldView>; arrays: number[][] } | null =
  null;
let cachedLearned: { from: unknown; scoreX: number[]; scoreY: number[] } | null = null;

function viewFor(mix2: ReturnType<typeof pageValues<'field2d'>>['mix2'], sigma: number) {
  if (!cached || cached.mix2 !== mix2 || cached.sigma !== sigma) {
    const view = fieldView(mix2, sigma);
    const arrays = [view.grid.pdf, view.grid.scoreX, view.grid.scoreY].map((a) => Array.from(a));
    cached = { mix2, sigma, view, arrays };
  }
  return cached;
}

/** The training half of metrics(): present once the worker has reported (CONTRACT.md §3). */
function trainingMetrics(): Record<string, unknown> {
  const s = usePlaneSession.getState();
  const out: Record<string, unknown> = { mode: s.mode, step: s.step, stepsPerSec: s.stepsPerSec };
  if (s.learned) {
    out.loss = s.loss;
    out.lossHistory = s.lossHistory;
    if (cachedLearned?.from !== s.learned)
      cachedLearned = {
        from: s.learned,
        scoreX: Array.from(s.learned.scoreX),
        scoreY: Array.from(s.learned.scoreY),
      };
    out.learned = { scoreX: cachedLearned.scoreX, scoreY: cachedLearned.scoreY };
    out.learnedSigma = s.learned.sigma;
  }
  if (s.fisher) {
    out.sigmas = s.fisher.sigmas;
    out.fisher = s.fisher.fisher;
    out.fisherStderr = s.fisher.stderr;
    out.fisherHistory = s.fisherHistory.map(({ step, mean }) => ({ step, mean }));
  }
  const model = usePlaneModel.getState().model;
  // What sampling2d would sample with (the published snapshot), without its weights.
  out.model = model && { version: model.version, step: model.step, fisher: model.fisher };
  if (s.dimCost.length > 0)
    out.dimCost = {
      D: s.dimCost.map((d) => d.D),
      ismMs: s.dimCost.map((d) => d.ismMs),
      ssmMs: s.dimCost.map((d) => d.ssmMs),
    };
  return out;
}

/** metrics(): the exact field of q_σ on the page's grid (CONTRACT.md §3), row-major, the arrows' scale, training. */
function metrics(): Record<string, unknown> {
  const { mix2, sigma } = pageValues('field2d');
  const { view, arrays } = viewFor(mix2, sigma);
  const { nx, ny, x0, x1, y0, y1 } = view.grid;
  const [pdf, scoreX, scoreY] = arrays;
  return {
    sigma,
    components: mix2.length,
    grid: {
      nx,
      ny,
      x0,
      x1,
      y0,
      y1,
      pdf,
      scoreX,
      scoreY,
    },
    arrows: { count: view.exact.arrows.length, cap: view.exact.cap, capped: view.exact.capped },
    streamlines: view.lines.length,
    ...trainingMetrics(),
  };
}

/**
 * run(): the field is exact and computed at once; the process to run is the training. It trains `steps` steps
 * from the seed's initial weights as fast as possible and resolves with the metrics at the end (deterministic for
 * a URL and backend): the run's last report (its rate, losses and published model) applied, not left in the
 * page's batch of progress events.
 */
async function run(): Promise<Record<string, unknown>> {
  const values = pageValues('field2d');
  const client = planeClient();
  const config = planeConfigFrom(values);
  usePlaneSession.setState({ config });
  await client.configure(
    config,
    values.mix2,
    planeViewOf(fieldView(values.mix2, values.sigma), values.sigma),
  );
  await client.reset();
  await client.step(values.steps);
  flushPlaneProgress();
  return metrics();
}

export const field2dProbe: PageProbe = { metrics, run };
