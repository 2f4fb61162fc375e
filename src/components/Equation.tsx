import katex from 'katex';
import { useMemo } from 'react';

/** TeX typeset by KaTeX (no layout shift, no network); inline by default, `display` for a centred block. */
export function Equation({ tex, display = false }: { tex: string; display?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { displayMode: display, throwOnError: false }),
    [tex, display],
  );
  const Tag = display ? 'div' : 'span';
  return (
    <Tag className={display ? 'equation display' : 'equation'} dangerouslySetInnerHTML={{ __html: html }} />
  );
}
