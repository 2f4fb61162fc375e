import { Suspense, useLayoutEffect, useRef } from 'react';
import { useAppStore } from '../store/appStore';
import { NoticeArea } from '../components/NoticeArea';
import { NextPageLink } from './NextPageLink';
import { SiteHeader } from './SiteHeader';
import { StartPage } from './StartPage';
import { entryFor } from './pages';

export function App() {
  const page = useAppStore((s) => s.page);
  // A new page starts at its top: a reader who followed the next-page link at the bottom of one page would otherwise
  // land as far down the next (the browser keeps the scroll position across a hash change). Only a change of page:
  // a change of a parameter keeps the place, and so does the first render, so a reload's restored position stands.
  const shownPage = useRef(page);
  useLayoutEffect(() => {
    if (shownPage.current === page) return;
    shownPage.current = page;
    window.scrollTo(0, 0);
  }, [page]);
  const entry = page === 'home' ? undefined : entryFor(page);
  const Page = entry?.component;
  return (
    <div className="app">
      <SiteHeader />
      <main className="app-main" data-testid="page" data-page={page}>
        <NoticeArea />
        {Page ? (
          <Suspense fallback={<p className="loading">Loading the page…</p>}>
            <Page key={page} />
            <NextPageLink />
          </Suspense>
        ) : (
          <StartPage />
        )}
      </main>
      <footer className="app-footer">
        Score Lab — every curve here has an exact answer, and the app shows it beside the approximation.
      </footer>
    </div>
  );
}
