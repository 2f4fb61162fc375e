import type { ReactNode } from 'react';
import { PageActions } from './PageActions';

/** The two-column page frame: controls beside the figures on a desktop, stacked on a phone. */
export function PageLayout({
  title,
  lede,
  controls,
  children,
  prose,
}: {
  title: string;
  lede: ReactNode;
  controls: ReactNode;
  children: ReactNode;
  prose?: ReactNode;
}) {
  return (
    <article className="page">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lede">{lede}</p>
        <PageActions />
      </header>
      <div className="page-body">
        <aside className="controls" aria-label="Controls" data-testid="controls">
          {controls}
        </aside>
        <div className="figures">{children}</div>
      </div>
      {prose && <section className="prose">{prose}</section>}
    </article>
  );
}

export function ControlGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="control-group">
      <h2>{title}</h2>
      {children}
    </section>
  );
}
