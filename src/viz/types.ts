/** Plain data the charts draw, all in data coordinates. Class names pick colours from the theme (app.css). */

export interface LineSeries {
  id: string;
  label: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** CSS class giving the colour, e.g. 'c-data', 'c-noisy', 'c-kde', 'c-learned'. */
  colour: string;
  dashed?: boolean;
  /** An SVG dash pattern (e.g. '2 3'); overrides `dashed`. */
  dash?: string;
  /** Shade the area between the line and y = 0 (or y = areaBase). */
  area?: boolean;
  /** Where the shaded area starts, in data y (default 0, or the bottom of the axis when 0 is below it). */
  areaBase?: number;
  /** Thinner, fainter line (context rather than subject). */
  faint?: boolean;
}

export interface Arrow {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  colour: string;
  /** Identifies the arrow to hover callbacks. */
  key?: number;
}

export interface Point {
  x: number;
  y: number;
  colour: string;
  r?: number;
}

export interface ErrorBar {
  x: number;
  y: number;
  lo: number;
  hi: number;
  colour: string;
}

export interface Bar {
  x0: number;
  x1: number;
  y: number;
  colour: string;
}

export interface Handle {
  id: string;
  x: number;
  y: number;
  /** Which way the handle may be dragged. */
  drag: 'xy' | 'x';
  label: string;
  colour: string;
}

/** Tick marks along the x axis (a rug), one per sample. */
export interface Rug {
  x: ArrayLike<number>;
  colour: string;
}

export interface LineChartData {
  xDomain: [number, number];
  yDomain: [number, number];
  series: LineSeries[];
  bars?: Bar[];
  rugs?: Rug[];
  points?: Point[];
  arrows?: Arrow[];
  errorBars?: ErrorBar[];
  handles?: Handle[];
  /** Horizontal reference line, e.g. the score's zero line. */
  zeroLine?: boolean;
  /** Vertical lines, e.g. the hover probe or a current value. */
  markers?: { x: number; colour: string; label?: string }[];
  /** Shade below this x range (e.g. the share of the range with meaningful density). */
  shadeX?: [number, number];
}
