/**
 * The frame every chart shares: an SVG sized to its container, margins, x and y scales and axes, a clip path
 * for the plot area, and a resize observer. Data coordinates go in; pixels exist only here and in the marks.
 *
 * Axis titles sit outside the plot area, where no curve can run through them: the y title above the plot's top
 * left corner (in a top margin grown for it), the x title under the tick labels, right-aligned and wrapped onto a
 * second line (the bottom margin grows) when it is wider than the chart, as on a phone.
 */
import * as d3 from 'd3';

export interface FrameOptions {
  height: number;
  xLabel?: string;
  yLabel?: string;
  /** 'log' for quantities spanning decades. */
  yScale?: 'linear' | 'log';
  xScale?: 'linear' | 'log';
  margin?: Partial<Margin>;
  /** Draw the y axis (small multiples leave it out). Default true. */
  yAxis?: boolean;
  /** Accessible description of the figure. */
  title: string;
}

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

let clipCounter = 0;

export interface ChartFrame {
  svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  /** Clipped layer for marks. */
  plot: d3.Selection<SVGGElement, unknown, null, undefined>;
  /** Unclipped layer above the plot (handles, hover targets). */
  overlay: d3.Selection<SVGGElement, unknown, null, undefined>;
  x: d3.ScaleContinuousNumeric<number, number>;
  y: d3.ScaleContinuousNumeric<number, number>;
  /** The margins in pixels, as of the last layout (the bottom one grows when the x title wraps). */
  margin: Readonly<Margin>;
  innerWidth(): number;
  innerHeight(): number;
  /** Sets domains and redraws axes (call before drawing marks). */
  layout(xDomain: [number, number], yDomain: [number, number]): void;
  onResize(callback: () => void): void;
  destroy(): void;
}

/** Room above the plot for the y title. */
const Y_TITLE_SPACE = 16;
/** Height of one more line of the x title. */
const X_TITLE_LINE = 14;

/**
 * Splits a title into as few lines as fit `width` pixels, breaking at spaces; `measure` gives a string's width.
 * A single word wider than the width keeps a line of its own.
 */
export function wrapTitle(text: string, width: number, measure: (s: string) => number): string[] {
  if (text === '' || measure(text) <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(candidate) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  lines.push(line);
  return lines;
}

export function createFrame(el: HTMLElement, options: FrameOptions): ChartFrame {
  const baseBottom = options.margin?.bottom ?? (options.xLabel ? 40 : 24);
  const margin: Margin = {
    top: 10,
    right: 14,
    left: 52,
    ...options.margin,
    bottom: baseBottom,
  };
  if (options.yLabel) margin.top += Y_TITLE_SPACE;
  const height = options.height;
  const svg = d3
    .select(el)
    .append('svg')
    .attr('class', 'chart')
    .attr('role', 'img')
    .attr('aria-label', options.title)
    .attr('height', height);
  const clipId = `clip-${++clipCounter}`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const root = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const xAxis = root.append('g').attr('class', 'axis axis-x');
  const yAxis = root.append('g').attr('class', 'axis axis-y');
  const plot = root.append('g').attr('clip-path', `url(#${clipId})`);
  const overlay = root.append('g').attr('class', 'overlay');
  const xLabel = root.append('text').attr('class', 'axis-label').attr('text-anchor', 'end');
  const yLabel = root.append('text').attr('class', 'axis-label axis-label-y').attr('text-anchor', 'start');

  const x = options.xScale === 'log' ? d3.scaleLog() : d3.scaleLinear();
  const y = options.yScale === 'log' ? d3.scaleLog() : d3.scaleLinear();

  let width = el.clientWidth || 600;
  const innerWidth = () => Math.max(40, width - margin.left - margin.right);
  const innerHeight = () => Math.max(40, height - margin.top - margin.bottom);

  /**
   * Writes the x title, wrapped to the chart's width, and sets the bottom margin to hold its lines. Measuring
   * text forces a layout, so it runs once per width, not on every data update (animated pages redraw many charts
   * a frame).
   */
  let titledWidth = -1;
  const placeXTitle = () => {
    if (width === titledWidth) return;
    titledWidth = width;
    const text = options.xLabel ?? '';
    const node = xLabel.node();
    const measure = (line: string) => {
      xLabel.text(line);
      return node && typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : 0;
    };
    // The title is right-aligned at the plot's right edge and may run left into the y axis' margin.
    const lines = wrapTitle(text, width - margin.right - 4, measure);
    xLabel.text(null);
    xLabel
      .selectAll('tspan')
      .data(lines)
      .join('tspan')
      .attr('x', 0)
      .attr('dy', (_, i) => (i === 0 ? 0 : X_TITLE_LINE))
      .text((line) => line);
    margin.bottom = baseBottom + X_TITLE_LINE * (lines.length - 1);
  };

  let drawnFrame = '';
  const layout = (xDomain: [number, number], yDomain: [number, number]) => {
    placeXTitle();
    // Only when the margins moved: rewriting the root's transform invalidates the whole chart every frame.
    const shift = `translate(${margin.left},${margin.top})`;
    if (root.attr('transform') !== shift) root.attr('transform', shift);
    x.domain(xDomain).range([0, innerWidth()]);
    y.domain(yDomain).range([innerHeight(), 0]);
    // The frame and axes depend only on the domains and the chart's size: an animated page that redraws its marks
    // every step leaves them alone (re-setting the svg's width relays out the whole chart, and d3's axis rewrites
    // every tick; each costs a restyle and a repaint even when the value is the same).
    const frameKey = `${xDomain}|${yDomain}|${width}|${innerHeight()}`;
    if (frameKey === drawnFrame) return;
    drawnFrame = frameKey;
    svg.attr('width', width).attr('viewBox', `0 0 ${width} ${height}`);
    clipRect.attr('width', innerWidth()).attr('height', innerHeight());
    const xTicks = Math.max(3, Math.floor(innerWidth() / 70));
    const yTicks = Math.max(3, Math.floor(innerHeight() / 40));
    // Log axes label only the powers of ten (d3's '~g' per tick would crowd them).
    xAxis
      .attr('transform', `translate(0,${innerHeight()})`)
      .call(options.xScale === 'log' ? d3.axisBottom(x).ticks(xTicks, '~g') : d3.axisBottom(x).ticks(xTicks));
    if (options.yAxis !== false) {
      yAxis.call(
        options.yScale === 'log' ? d3.axisLeft(y).ticks(yTicks, '~g') : d3.axisLeft(y).ticks(yTicks),
      );
    }
    xLabel.attr('transform', `translate(${innerWidth()},${innerHeight() + 34})`);
    // Above the plot area, starting under the tick labels' column: outside the region curves are drawn in.
    yLabel
      .attr('x', -margin.left + 4)
      .attr('y', -6)
      .text(options.yLabel ?? '');
  };

  const callbacks: (() => void)[] = [];
  const observer = new ResizeObserver(() => {
    const next = el.clientWidth;
    if (next > 0 && Math.abs(next - width) > 1) {
      width = next;
      callbacks.forEach((c) => c());
    }
  });
  observer.observe(el);

  return {
    svg,
    plot,
    overlay,
    x,
    y,
    margin,
    innerWidth,
    innerHeight,
    layout,
    onResize: (c) => callbacks.push(c),
    destroy() {
      observer.disconnect();
      svg.remove();
    },
  };
}
