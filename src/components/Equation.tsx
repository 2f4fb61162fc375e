import { useEffect, useMemo, useState } from 'react';
import { loadedTexRenderer, loadTexRendererAfterPaint } from './katexLoader';

/**
 * TeX typeset by KaTeX (no network beyond the app's own chunk); inline by default, `display` for a centred block.
 * KaTeX loads after the first paint (katexLoader.ts): until then the TeX source itself stands in, in a monospace
 * face, so the sentence around it still reads.
 */
export function Equation({ tex, display = false }: { tex: string; display?: boolean }) {
  const [render, setRender] = useState(loadedTexRenderer);
  useEffect(() => {
    if (render) return;
    let live = true;
    void loadTexRendererAfterPaint().then((r) => {
      if (live) setRender(() => r);
    });
    return () => {
      live = false;
    };
  }, [render]);
  const html = useMemo(() => (render ? render(tex, display) : null), [render, tex, display]);
  const Tag = display ? 'div' : 'span';
  const className = display ? 'equation display' : 'equation';
  if (html === null)
    return (
      <Tag className={`${className} tex-source`} data-testid="tex-source">
        {tex}
      </Tag>
    );
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
