import { Suspense } from 'react';
import { useAppStore } from '../store/appStore';
import { NoticeArea } from '../components/NoticeArea';
import { NextPageLink } from './NextPageLink';
import { SiteHeader } from './SiteHeader';
import { StartPage } from './StartPage';
import { entryFor } from './pages';

export function App() {
  const page = useAppStore((s) => s.page);
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
