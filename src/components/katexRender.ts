/**
 * KaTeX and its stylesheet, in a chunk of their own (≈ 330 kB): katexLoader.ts imports this module only after the
 * page has painted, so the typesetter never delays the first figure.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** TeX → HTML; malformed TeX renders in red instead of throwing. */
export function renderTex(tex: string, display: boolean): string {
  return katex.renderToString(tex, { displayMode: display, throwOnError: false });
}
