/**
 * The field page's training run from its URL values (no DOM): the PlaneTrainConfig, the grid the learned field is
 * drawn on, and a sentence for what a setting change did to a trained run.
 */
import type { PlaneTrainConfig } from '../../engine/plane/trainConfig2';
import type { PageValues } from '../../store/schemas';
import type { PlaneView } from '../../worker/planeProtocol';
import type { FieldView } from './fieldModel';

/** dsm, esm, ism and ssm learn the one level the page shows, σ; ncsn learns the ladder σ_max … σ_min. */
export function planeConfigFrom(v: PageValues<'field2d'>): PlaneTrainConfig {
  return {
    objective: v.objective,
    sigma: v.sigma,
    smin: v.smin,
    smax: v.smax,
    levels: v.levels,
    projection: v.proj,
    projections: v.nproj,
    varianceReduced: v.vr === 'on',
    width: v.width,
    depth: v.depth,
    lr: v.lr,
    batch: v.batch,
    seed: v.seed,
  };
}

/** The hook's grid (fieldModel.ts) at the page's σ: where the learned field is evaluated. */
export function planeViewOf(view: FieldView, sigma: number): PlaneView {
  const { nx, ny, x0, x1, y0, y1 } = view.grid;
  return { grid: { nx, ny, x0, x1, y0, y1 }, sigma };
}

const NAMES: [keyof PlaneTrainConfig, string][] = [
  ['objective', 'objective'],
  ['sigma', 'σ'],
  ['smin', 'σ_min'],
  ['smax', 'σ_max'],
  ['levels', 'levels'],
  ['projection', 'projections'],
  ['projections', 'projections per sample'],
  ['varianceReduced', 'variance reduction'],
  ['width', 'width'],
  ['depth', 'depth'],
  ['lr', 'learning rate'],
  ['batch', 'batch'],
  ['seed', 'seed'],
];

const show = (v: unknown) => (typeof v === 'number' ? String(Number(v.toPrecision(3))) : String(v));

/** "width 32 → 48, the mixture" (settings that only matter to another objective are left out). */
export function describePlaneChange(
  a: PlaneTrainConfig,
  b: PlaneTrainConfig,
  mixtureChanged: boolean,
): string {
  const parts = NAMES.filter(([k]) => a[k] !== b[k]).map(
    ([k, name]) => `${name} ${show(a[k])} → ${show(b[k])}`,
  );
  if (mixtureChanged) parts.push('the mixture');
  return parts.join(', ') || 'the settings';
}
