import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ExportMenu } from './ExportMenu';
import { tablesOf, type DataTable } from './figureData';

import type { Renderer, RendererFactory } from '../viz/renderer';

export type { Renderer, RendererFactory };

/**
 * Thin React shell for a renderer: create in an effect, keep it in a ref, feed it data, destroy on cleanup.
 * The options are read once at creation; data changes only call `update`.
 * Every figure gets an Export menu (PNG, SVG, and CSV/JSON of its data: `tables`, else derived from `data`).
 */
export function FigureHost<D, O>({
  create,
  options,
  data,
  testId,
  caption,
  className,
  tables,
}: {
  create: RendererFactory<D, O>;
  options: O;
  data: D;
  testId: string;
  caption?: React.ReactNode;
  className?: string;
  /** The numbers behind the figure for CSV/JSON, when the renderer's data is not the whole story. */
  tables?: () => DataTable[];
}) {
  const el = useRef<HTMLDivElement>(null);
  const renderer = useRef<Renderer<D> | null>(null);
  // The newest data and tables, for the renderer's creation and for Export (which runs in an event handler).
  // Written in effects, never during render; the data effect comes first so that a renderer created in the
  // same commit starts from this render's data.
  const latest = useRef(data);
  const initialOptions = useRef(options);
  const latestTables = useRef(tables);
  useEffect(() => {
    latestTables.current = tables;
  }, [tables]);
  const exportTables = useCallback(() => latestTables.current?.() ?? tablesOf(latest.current), []);

  useEffect(() => {
    latest.current = data;
    renderer.current?.update(data);
  }, [data]);

  // A figure that is itself inside a control (a small multiple that is a button) gets no menu of its own:
  // controls must not nest.
  const [exportable, setExportable] = useState(true);
  useLayoutEffect(() => {
    setExportable(!el.current?.parentElement?.closest('button, a, [role="button"]'));
  }, []);

  useEffect(() => {
    const r = create(el.current!, initialOptions.current);
    renderer.current = r;
    r.update(latest.current);
    return () => {
      r.destroy();
      renderer.current = null;
    };
  }, [create]);

  return (
    <figure className={className ? `figure ${className}` : 'figure'} data-testid={testId}>
      <div ref={el} className="figure-canvas" />
      {caption && <figcaption>{caption}</figcaption>}
      {exportable && <ExportMenu host={el} figureId={testId} tables={exportTables} />}
    </figure>
  );
}
