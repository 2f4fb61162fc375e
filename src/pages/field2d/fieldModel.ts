/**
 * What the field page draws, from the mixture and σ: the exact density and score of q_σ on a grid (also the
 * hook's `grid`), arrows on a coarser lattice, streamlines, and each component's 2-sd ellipse with its handles.
 */
import {
  AXIS_HANDLE_SDS,
  axisHandle,
  fieldGrid,
  gridAxis,
  perturbMixture2,
  plotBox2,
  PreparedMixture2,
  principalAxes,
  streamlines,
  type Box2,
  type FieldGrid,
  type Mixture2,
} from '../../engine/plane';
import type { PlaneArrow, PlaneEllipse, PlaneHandle } from '../../viz/planeField';

/** Grid nodes per side for the density raster and the hook (CONTRACT.md §3 asks for at least 64). */
export const FIELD_NODES = 96;
/** Arrows per side. */
export const ARROW_NODES = 21;

export interface ArrowField {
  arrows: PlaneArrow[];
  /** |s| drawn at full length (a cell); larger scores are drawn at that length too. */
  cap: number;
  /** How many arrows were capped. */
  capped: number;
}

/**
 * Arrows of a field on an n × n lattice inside `box`: length ∝ |s| up to the 90th percentile of |s| over the
 * lattice, which fills 90 % of a cell; stronger arrows are drawn at that length. A linear scale keeps the ratio of
 * two arrows true below the cap, and the cap keeps the steep field near a narrow component from hiding the rest.
 */
export function arrowField(
  box: Box2,
  n: number,
  score: (x: number, y: number, out: Float64Array) => void,
  cap?: number,
): ArrowField {
  const xs = gridAxis(box.x0, box.x1, n + 2).slice(1, -1);
  const ys = gridAxis(box.y0, box.y1, n + 2).slice(1, -1);
  const cell = (box.x1 - box.x0) / (n + 1);
  const g = new Float64Array(2);
  const raw: { x: number; y: number; sx: number; sy: number; m: number }[] = [];
  for (const y of ys) {
    for (const x of xs) {
      score(x, y, g);
      raw.push({ x, y, sx: g[0], sy: g[1], m: Math.hypot(g[0], g[1]) });
    }
  }
  const sorted = raw.map((a) => a.m).sort((a, b) => a - b);
  const top = cap ?? sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 1;
  let capped = 0;
  const arrows = raw.map((a) => {
    if (a.m > top) capped++;
    const length = (0.9 * cell * Math.min(1, a.m / top)) / (a.m || 1);
    return { x: a.x, y: a.y, dx: a.sx * length, dy: a.sy * length };
  });
  return { arrows, cap: top, capped };
}

export interface FieldView {
  box: Box2;
  grid: FieldGrid;
  exact: ArrowField;
  lines: { xs: number[]; ys: number[] }[];
  ellipses: PlaneEllipse[];
  handles: PlaneHandle[];
}

export function fieldView(mixture: Mixture2, sigma: number): FieldView {
  const box = plotBox2(mixture);
  const grid = fieldGrid(mixture, sigma, box, FIELD_NODES, FIELD_NODES);
  const field = new PreparedMixture2(perturbMixture2(mixture, sigma));
  const score = (x: number, y: number, out: Float64Array) => void field.score(x, y, out);
  const ellipses = mixture.map((c) => {
    const { major, minor, angle } = principalAxes(c);
    return { cx: c.mx, cy: c.my, rx: AXIS_HANDLE_SDS * major, ry: AXIS_HANDLE_SDS * minor, angle };
  });
  const handles = mixture.flatMap((c, k): PlaneHandle[] => {
    const a = axisHandle(c);
    return [
      { id: `mean-${k}`, x: c.mx, y: c.my, kind: 'mean', label: `Component ${k + 1}: drag to move its mean` },
      {
        id: `axis-${k}`,
        x: a.x,
        y: a.y,
        kind: 'axis',
        label: `Component ${k + 1}: drag to stretch and turn its ellipse`,
      },
    ];
  });
  return {
    box,
    grid,
    exact: arrowField(box, ARROW_NODES, score),
    lines: streamlines(score, box),
    ellipses,
    handles,
  };
}
