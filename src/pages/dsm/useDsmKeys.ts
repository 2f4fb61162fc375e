import { useEffect } from 'react';
import { growOnce, resetSamples, useDsmRun } from './dsmRun';

/** Elements whose own keys (typing, sliding, pressing) must not be taken over by the page. */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SUMMARY'].includes(target.tagName)
  );
}

/** Keyboard: space = play/pause, → = add one step of samples, r = reset to few samples. */
export function useDsmKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target)) return;
      if (e.key === ' ') {
        e.preventDefault();
        useDsmRun.getState().toggle();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        useDsmRun.getState().pause();
        growOnce();
      } else if (e.key === 'r' || e.key === 'R') {
        resetSamples();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
