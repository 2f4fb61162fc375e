import { hrefFor, useAppStore } from '../store/appStore';
import type { PageId } from '../store/schemas';
import { READING_PATH, type PageEntry } from './pages';
import { StartFigure } from './StartFigure';
import '../styles/start-parts.css';

export function StartPage() {
  const values = useAppStore((s) => s.values);
  return (
    <div className="start-page">
      <section className="intro">
        <h1>See why score-based models work</h1>
        <p>
          Diffusion models generate data by following the <em>score</em> — the gradient of the log density —
          of ever less noisy versions of the data. Here the data is a mixture of Gaussians, first on a line
          and then in the plane, so every density, every score and every noisy marginal has an exact formula.
          Each page shows that truth beside the approximation a model or a sampler would make, and measures
          the gap.
        </p>
        <figure className="start-figure-wrap">
          <StartFigure />
          <figcaption>
            Live: 400 particles start spread out and follow the exact score plus noise (Langevin dynamics);
            they gather under the density of the two-mode mixture. Page 5 runs this with every setting.
          </figcaption>
        </figure>
        <a className="button primary start-here" href={hrefFor('score', values)} data-testid="start-here">
          Start here: 1 · {READING_PATH[0].title} →
        </a>
      </section>
      <h2 className="path-part">Part one: on a line</h2>
      <ReadingList entries={READING_PATH.filter((p) => p.part === 'line')} first={1} testId="reading-path" />
      <h2 className="path-part">Part two: in the plane</h2>
      <ReadingList
        entries={READING_PATH.filter((p) => p.part === 'plane')}
        first={1 + READING_PATH.filter((p) => p.part === 'line').length}
        testId="reading-path-plane"
      />
    </div>
  );
}

/** One part of the reading path, numbered on from `first`. */
function ReadingList({
  entries,
  first,
  testId,
}: {
  entries: readonly PageEntry[];
  first: number;
  testId: string;
}) {
  const values = useAppStore((s) => s.values);
  return (
    <ol className="path" data-testid={testId} start={first}>
      {entries.map((p, i) => (
        <li
          key={p.id}
          className={p.component ? 'path-item ready' : 'path-item coming'}
          data-testid={`path-${p.id}`}
        >
          <span className="path-index">{first + i}</span>
          <div>
            <h2>
              {p.component ? <a href={hrefFor(p.id as PageId, values)}>{p.title}</a> : p.title}
              {!p.component && <span className="badge">coming</span>}
            </h2>
            <p>{p.teaches}</p>
          </div>
        </li>
      ))}
    </ol>
  );
}
