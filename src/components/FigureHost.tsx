import { useEffect, useRef } from 'react';

/** A D3 renderer: created once on an element, updated with plain data, destroyed on unmount. */
export interface Renderer<D> {
  update(data: D): void;
  destroy(): void;
}

export type RendererFactory<D, O> = (el: HTMLElement, options: O) => Renderer<D>;

/**
 * Thin React shell for a renderer: create in an effect, keep it in a ref, feed it data, destroy on cleanup.
 * The options are read once at creation; data changes only call `update`.
 */
export function FigureHost<D, O>({
  create,
  options,
  data,
  testId,
  caption,
  className,
}: {
  create: RendererFactory<D, O>;
  options: O;
  data: D;
  testId: string;
  caption?: React.ReactNode;
  className?: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const renderer = useRef<Renderer<D> | null>(null);
  const latest = useRef(data);
  latest.current = data;
  const initialOptions = useRef(options);

  useEffect(() => {
    const r = create(el.current!, initialOptions.current);
    renderer.current = r;
    r.update(latest.current);
    return () => {
      r.destroy();
      renderer.current = null;
    };
  }, [create]);

  useEffect(() => {
    renderer.current?.update(data);
  }, [data]);

  return (
    <figure className={className ? `figure ${className}` : 'figure'} data-testid={testId}>
      <div ref={el} className="figure-canvas" />
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}
