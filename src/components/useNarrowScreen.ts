import { useSyncExternalStore } from 'react';

/** The width below which the page stacks into one column (the same breakpoint as layout.css). */
export const NARROW_QUERY = '(max-width: 820px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(NARROW_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True on a phone-width screen; follows the window as it is resized or rotated. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW_QUERY).matches,
    () => false,
  );
}
