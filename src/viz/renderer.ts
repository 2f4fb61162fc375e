/**
 * What every chart in `viz/` is: created once on an element, updated with plain data, destroyed on unmount.
 * The React shell that hosts one lives in `components/FigureHost.tsx`; the contract lives here so that `viz/`
 * depends on nothing above it.
 */
export interface Renderer<D> {
  update(data: D): void;
  destroy(): void;
}

export type RendererFactory<D, O> = (el: HTMLElement, options: O) => Renderer<D>;
