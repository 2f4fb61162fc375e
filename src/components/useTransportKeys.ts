import { useEffect } from 'react';

/**
 * Keyboard transport shared by every page that plays: space = play/pause, → = one step, r = reset.
 *
 * Who owns a key press, decided once for the whole app: the page's keys act unless the focused element uses
 * that key itself —
 *  - a text field (text-like input, textarea, contenteditable) or a select: every key (typing, choosing);
 *  - a slider (range input): the arrow keys, Home/End and Page Up/Down, which move it (space and r still act);
 *  - a radio button: the arrow keys and space (they move or make the choice);
 *  - a button, checkbox, link, fold (summary) or [role=button]: space and Enter, which press it.
 * Presses with Ctrl, Alt or Meta are the browser's.
 */

const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
]);
const PRESS_KEYS = new Set([' ', 'Enter']);
const NOT_TEXT = new Set([
  'range',
  'radio',
  'checkbox',
  'button',
  'submit',
  'reset',
  'color',
  'file',
  'image',
]);

/** True when the focused element `target` uses `key` itself, so the page must leave the press alone. */
export function focusOwnsKey(target: EventTarget | null, key: string): boolean {
  if (target === null || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  const tag = el.tagName;
  if (el.isContentEditable || tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = ((el as HTMLInputElement).type || 'text').toLowerCase();
    if (!NOT_TEXT.has(type)) return true;
    if (type === 'range') return SLIDER_KEYS.has(key);
    if (type === 'radio') return SLIDER_KEYS.has(key) || key === ' ';
    return PRESS_KEYS.has(key);
  }
  if (tag === 'BUTTON' || tag === 'SUMMARY' || tag === 'A' || el.getAttribute('role') === 'button')
    return PRESS_KEYS.has(key);
  return false;
}

export interface TransportActions {
  toggle(): void;
  step(): void;
  reset(): void;
}

/** Which transport action a key press asks for, or null when it is not the page's (see focusOwnsKey). */
export function transportAction(e: {
  key: string;
  target: EventTarget | null;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}): keyof TransportActions | null {
  if (e.ctrlKey || e.altKey || e.metaKey || focusOwnsKey(e.target, e.key)) return null;
  if (e.key === ' ') return 'toggle';
  if (e.key === 'ArrowRight') return 'step';
  if (e.key === 'r' || e.key === 'R') return 'reset';
  return null;
}

/** Listens for the transport keys on the window while mounted (and not disabled). */
export function useTransportKeys(actions: TransportActions, disabled = false): void {
  const { toggle, step, reset } = actions;
  useEffect(() => {
    if (disabled) return;
    const onKey = (e: KeyboardEvent) => {
      const action = transportAction(e);
      if (action === null) return;
      // Space would scroll the page and → would scroll it sideways; r has no default to stop.
      if (action !== 'reset') e.preventDefault();
      ({ toggle, step, reset })[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, step, reset, disabled]);
}
