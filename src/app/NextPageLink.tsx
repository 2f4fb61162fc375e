import { READING_PATH } from './pages';
import { hrefFor, useAppStore } from '../store/appStore';
import type { PageId } from '../store/schemas';

/** The end of a page: the next page in reading order (carrying the mixture and seed), or back to the start. */
export function NextPageLink() {
  const page = useAppStore((s) => s.page);
  const values = useAppStore((s) => s.values);
  const built = READING_PATH.filter((p) => p.component);
  const at = built.findIndex((p) => p.id === page);
  if (at < 0) return null;
  const next = built[at + 1];
  return (
    <nav className="next-page" aria-label="Next page" data-testid="next-page">
      {next ? (
        <a href={hrefFor(next.id as PageId, values)} data-testid="next-page-link">
          <span className="next-kicker">
            Next · {at + 2} of {built.length}
          </span>
          <span className="next-title">{next.title} →</span>
          <span className="next-teaches">{next.teaches}</span>
        </a>
      ) : (
        <a href="#/" data-testid="next-page-link">
          <span className="next-kicker">The end of the path</span>
          <span className="next-title">Back to the start →</span>
        </a>
      )}
    </nav>
  );
}
