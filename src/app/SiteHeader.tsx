import { useEffect, useRef } from 'react';
import { ThemeToggle } from '../components/ThemeToggle';
import { hrefFor, useAppStore } from '../store/appStore';
import { READING_PATH } from './pages';
import type { PageId } from '../store/schemas';

/** Brand, the links to every built page (carrying the current mixture, seed and backend), and the theme toggle. */
export function SiteHeader() {
  const page = useAppStore((s) => s.page);
  const values = useAppStore((s) => s.values);
  const navRef = useRef<HTMLElement>(null);
  // On a phone the links form one row that scrolls sideways: bring the current page's link into that row's view.
  useEffect(() => {
    const nav = navRef.current;
    const current = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!nav || !current) return;
    const left = current.getBoundingClientRect().left - nav.getBoundingClientRect().left + nav.scrollLeft;
    if (left < nav.scrollLeft || left + current.offsetWidth > nav.scrollLeft + nav.clientWidth)
      nav.scrollLeft = Math.max(0, left - (nav.clientWidth - current.offsetWidth) / 2);
  }, [page]);
  return (
    <header className="site-header">
      <a className="brand" href="#/">
        Score Lab
      </a>
      <nav aria-label="Pages" ref={navRef}>
        <ol className="site-nav">
          {READING_PATH.filter((p) => p.component).map((p, i) => (
            <li key={p.id}>
              <a
                href={hrefFor(p.id as PageId, values)}
                aria-current={page === p.id ? 'page' : undefined}
                data-testid={`nav-${p.id}`}
                title={p.title}
              >
                <span className="nav-index">{i + 1}</span> {p.short}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <ThemeToggle />
    </header>
  );
}
