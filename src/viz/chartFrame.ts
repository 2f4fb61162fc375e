/**
 * The frame every chart shares: an SVG sized to its container, margins, x and y scales and axes, a clip path
 * for the plot area, and a resize observer. Data coordinates go in; pixels exist only here and in the marks.
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

interface Margin {
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
  innerWidth(): number;
  innerHeight(): number;
  /** Sets domains and redraws axes (call before drawing marks). */
  layout(xDomain: [number, number], yDomain: [number, number]): void;
  onResize(callback: () => void): void;
  destroy(): void;
}

export function createFrame(el: HTMLElement, options: FrameOptions): ChartFrame {
  const margin: Margin = {
    top: 10,
    right: 14,
    bottom: options.xLabel ? 40 : 24,
    left: 52,
    ...options.margin,
  };
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
  const yLabel = root.append('text').attr('class', 'axis-label').attr('text-anchor', 'start');

  const x = options.xScale === 'log' ? d3.scaleLog() : d3.scaleLinear();
  const y = options.yScale === 'log' ? d3.scaleLog() : d3.scaleLinear();

  let width = el.clientWidth || 600;
  const innerWidth = () => Math.max(40, width - margin.left - margin.right);
  const innerHeight = () => Math.max(40, height - margin.top - margin.bottom);

  const layout = (xDomain: [number, number], yDomain: [number, number]) => {
    svg.attr('width', width).attr('viewBox', `0 0 ${width} ${height}`);
    clipRect.attr('width', innerWidth()).attr('height', innerHeight());
    x.domain(xDomain).range([0, innerWidth()]);
    y.domain(yDomain).range([innerHeight(), 0]);
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
    xLabel
      .attr('x', innerWidth())
      .attr('y', innerHeight() + 34)
      .text(options.xLabel ?? '');
    yLabel
      .attr('x', 4)
      .attr('y', 10)
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
