/**
 * Loads the KaTeX chunk once, after the first paint: equations show their TeX source until it arrives, then
 * every mounted Equation re-renders typeset. Later pages find it loaded and typeset on first render.
 */
export type TexRenderer = (tex: string, display: boolean) => string;

let renderer: TexRenderer | null = null;
let loading: Promise<TexRenderer> | null = null;

/** The typesetter if it has loaded, else null. */
export function loadedTexRenderer(): TexRenderer | null {
  return renderer;
}

/**
 * Starts loading after the browser has painted the current frame (an animation frame, then a task: the task runs
 * after that frame's paint), so the figures that mount alongside the equations are on screen first.
 */
export function loadTexRendererAfterPaint(): Promise<TexRenderer> {
  loading ??= new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    .then(() => import('./katexRender'))
    .then((m) => (renderer = m.renderTex));
  return loading;
}
