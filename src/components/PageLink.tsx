import type { ReactNode } from 'react';
import { hrefFor, useAppStore } from '../store/appStore';
import type { PageId } from '../store/schemas';

/** A link from prose to another page, carrying the mixture, seed and backend like the site navigation. */
export function PageLink({ to, children }: { to: PageId; children: ReactNode }) {
  const values = useAppStore((s) => s.values);
  return (
    <a href={hrefFor(to, values)} data-testid={`prose-link-${to}`}>
      {children}
    </a>
  );
}
