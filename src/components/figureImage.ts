/**
 * A figure as a standalone image. The charts are SVG styled by the app's CSS (theme variables, classes), so a raw
 * copy of their markup would lose every colour; instead each element's computed style is written inline. Canvas
 * layers (heat maps) are embedded as PNG <image>s at their place. The result sits on the page's panel colour, so
 * it looks as it did on screen in either theme. PNG is that SVG rasterised at twice the CSS pixel size.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The presentation properties the charts use; copying every computed property would bloat the file tenfold. */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
  'paint-order',
];

function inlineStyles(source: Element, target: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPS.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  target.setAttribute('style', style);
  const s = source.children;
  const t = target.children;
  for (let i = 0; i < s.length && i < t.length; i++) inlineStyles(s[i], t[i]);
}

function isVisible(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && getComputedStyle(el).display !== 'none';
}

export interface FigureImage {
  svg: string;
  width: number;
  height: number;
}

/** Serialises every SVG and canvas inside `host` (in document order, placed as on screen) into one SVG. */
export function figureSvg(host: HTMLElement): FigureImage {
  const box = host.getBoundingClientRect();
  const width = Math.max(1, Math.round(box.width));
  const height = Math.max(1, Math.round(box.height));
  const root = document.createElementNS(SVG_NS, 'svg');
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('xmlns:xlink', XLINK_NS);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(host.closest('figure') ?? host).backgroundColor);
  root.appendChild(background);

  // Top-level layers only: an <svg> nested in another is copied with its parent.
  const layers = [...host.querySelectorAll('svg, canvas')].filter(
    (el) => !el.parentElement?.closest('svg') && isVisible(el),
  );
  for (const layer of layers) {
    const r = layer.getBoundingClientRect();
    const x = r.left - box.left;
    const y = r.top - box.top;
    if (layer instanceof HTMLCanvasElement) {
      const image = document.createElementNS(SVG_NS, 'image');
      image.setAttribute('x', String(x));
      image.setAttribute('y', String(y));
      image.setAttribute('width', String(r.width));
      image.setAttribute('height', String(r.height));
      image.setAttribute('preserveAspectRatio', 'none');
      image.setAttribute('href', layer.toDataURL('image/png'));
      root.appendChild(image);
    } else {
      const copy = layer.cloneNode(true) as SVGSVGElement;
      inlineStyles(layer, copy);
      copy.setAttribute('x', String(x));
      copy.setAttribute('y', String(y));
      copy.setAttribute('width', String(r.width));
      copy.setAttribute('height', String(r.height));
      copy.removeAttribute('class');
      root.appendChild(copy);
    }
  }
  const svg = new XMLSerializer().serializeToString(root);
  return { svg, width, height };
}

/** Rasterises the SVG at `scale` device pixels per CSS pixel. */
export async function svgToPng(image: FigureImage, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([image.svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(image.width * scale);
    canvas.height = Math.round(image.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas context');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
