import * as d3 from 'd3';

/**
 * Reports the pointer over a chart's hover target in that target's pixel coordinates: on move and on press (a
 * touch has no hover), and `leave` when it goes. The chart turns the pixels into data coordinates.
 */
export function followPointer(
  target: d3.Selection<SVGRectElement, unknown, null, undefined>,
  at: (px: number, py: number) => void,
  leave: () => void,
): void {
  const report = (event: PointerEvent) => {
    const [px, py] = d3.pointer(event, target.node());
    at(px, py);
  };
  target.on('pointermove', report).on('pointerdown', report).on('pointerleave', leave);
}
