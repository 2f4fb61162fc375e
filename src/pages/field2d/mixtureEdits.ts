/**
 * The field page's hand edits: each reads the current mixture from the store when it runs (so a drag callback
 * never holds a stale one) and writes the edited mixture back to the link. Limits are the `mix2` codec's.
 */
import { MAX_COMPONENTS_2D, type Mixture2 } from '../../engine/plane/mixture2';
import {
  addComponent2,
  dragAxis2,
  moveMean2,
  removeComponent2,
  setWeight2,
  type Limits2,
} from '../../engine/plane';
import { pageValues, useAppStore } from '../../store/appStore';
import { MEAN_LIMIT_2D, RHO_LIMIT, STD_MAX_2D, STD_MIN_2D } from '../../store/mixture2Param';

export const LIMITS_2D: Limits2 = {
  mean: MEAN_LIMIT_2D,
  stdMin: STD_MIN_2D,
  stdMax: STD_MAX_2D,
  rho: RHO_LIMIT,
  minWeight: 0.01,
  maxComponents: MAX_COMPONENTS_2D,
};

function edit(change: (mixture: Mixture2) => Mixture2): void {
  useAppStore.getState().setParams({ mix2: change(pageValues('field2d').mix2) });
}

/** A handle `mean-k` or `axis-k` dragged to (x, y) in data coordinates. */
export function dragHandle2(id: string, x: number, y: number): void {
  const [kind, index] = id.split('-');
  const k = Number(index);
  // Two decimals: the link stays short, and 0.01 is far below a pixel at any zoom the page offers.
  const round = (v: number) => Math.round(v * 100) / 100;
  if (kind === 'mean') edit((m) => moveMean2(m, k, round(x), round(y), LIMITS_2D));
  else if (kind === 'axis') edit((m) => dragAxis2(m, k, x, y, LIMITS_2D));
}

export const setWeightOf = (k: number, w: number) => edit((m) => setWeight2(m, k, w, LIMITS_2D));
export const addComponent = () => edit((m) => addComponent2(m, LIMITS_2D));
export const removeComponent = (k: number) => edit((m) => removeComponent2(m, k));
export const setMixture = (mixture: Mixture2) => edit(() => mixture);
/** One number of component k set from its slider (already clamped to the slider's range). */
export const setComponentField = (k: number, key: 'mx' | 'my' | 'sx' | 'sy' | 'rho', value: number) =>
  edit((m) => m.map((c, i) => (i === k ? { ...c, [key]: value } : c)));
