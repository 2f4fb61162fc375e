import type { ReactNode } from 'react';
import { PageActions } from './PageActions';
import { useNarrowScreen } from './useNarrowScreen';
import '../styles/layout.css';

/**
 * The page frame. On a desktop the controls sit in a column beside the figures; on a phone the figures come
 * first and the full control panel folds away below them. Either way the transport (play/step/reset and the one or
 * two sliders a reader moves most) sits right above the primary figure, so the figure and the button that drives
 * it share the first screen.
 */
export function PageLayout({
  title,
  lede,
  controls,
  transport,
  children,
  prose,
}: {
  title: string;
  lede: ReactNode;
  controls: ReactNode;
  /** Play controls and key sliders, shown beside the primary figure. */
  transport?: ReactNode;
  children: ReactNode;
  prose?: ReactNode;
}) {
  const narrow = useNarrowScreen();
  return (
    <article className="page">
      <header className="page-header">
        <h1>{title}</h1>
        <p className="lede">{lede}</p>
        <PageActions />
      </header>
      <div className="page-body">
        <aside className="controls" aria-label="Controls" data-testid="controls">
          {narrow ? (
            <details className="controls-fold" data-testid="controls-fold">
              <summary>All controls</summary>
              <div className="controls-fold-body">{controls}</div>
            </details>
          ) : (
            controls
          )}
        </aside>
        <div className="figures" data-testid="figures">
          {transport && (
            <div className="transport" role="group" aria-label="Run controls" data-testid="transport">
              {transport}
            </div>
          )}
          {children}
        </div>
      </div>
      {prose && <section className="prose">{prose}</section>}
    </article>
  );
}

/**
 * A titled group of controls that the reader can fold. The main groups start open; `folded` starts a group closed
 * (advanced settings), so nothing needs an inner scroll area to fit.
 */
export function ControlGroup({
  title,
  children,
  folded = false,
  testId,
}: {
  title: string;
  children: ReactNode;
  folded?: boolean;
  testId?: string;
}) {
  return (
    <details className="control-group" open={!folded} data-testid={testId}>
      <summary>{title}</summary>
      <div className="control-group-body">{children}</div>
    </details>
  );
}
