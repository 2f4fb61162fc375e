/**
 * Helpers for renderer tests in a DOM emulation: a host element and a stable text form of what a renderer drew.
 * Numbers with a fraction are rounded to 2 decimals (as Observable Plot's tests do), so snapshots record the
 * geometry and the labels, not floating-point noise; one element per line, so a diff names the mark that moved.
 */
export function host(): HTMLElement {
  document.body.innerHTML = '';
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

export function roundNumbers(text: string): string {
  return text.replace(/-?\d+\.\d+(e[-+]?\d+)?/gi, (m) => {
    const v = Math.round(Number(m) * 100) / 100;
    return String(Object.is(v, -0) ? 0 : v);
  });
}

export function drawn(el: Element): string {
  return roundNumbers(el.innerHTML).replace(/></g, '>\n<');
}
