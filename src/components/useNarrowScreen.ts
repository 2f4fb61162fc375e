import { useSyncExternalStore } from 'react';

/** The width below which the page stacks into one column (the same breakpoint as layout.css). */
export const NARROW_QUERY = '(max-width: 820px)';

// One query list for the app: its `matches` is kept current by the browser, so reading it during a render costs
// nothing (a fresh matchMedia() per render can force a style recalculation on an animating page).
let query: MediaQueryList | null = null;
const narrowQuery = () => (query ??= window.matchMedia(NARROW_QUERY));

function subscribe(onChange: () => void): () => void {
  const q = narrowQuery();
  q.addEventListener('change', onChange);
  return () => q.removeEventListener('change', onChange);
}

const snapshot = () => narrowQuery().matches;
const serverSnapshot = () => false;

/** True on a phone-width screen; follows the window as it is resized or rotated. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}
