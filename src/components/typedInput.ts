import { useAppStore } from '../store/appStore';

/**
 * A number typed into an editor field: clamped into [lo, hi] with a notice when it was outside, refused (null) with a
 * notice when it is not a number, so bad input never reaches the mixture and never passes silently.
 */
export function checkedInput(what: string, v: number, lo: number, hi: number): number | null {
  const { addNotice } = useAppStore.getState();
  if (!Number.isFinite(v)) {
    addNotice(`${what}: not a number; the value was kept.`, 'input', 'warning');
    return null;
  }
  const c = Math.min(hi, Math.max(lo, v));
  if (c !== v)
    addNotice(`${what}: ${v} is out of range [${lo}, ${hi}]; clamped to ${c}.`, 'input', 'warning');
  return c;
}
