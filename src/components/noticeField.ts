/**
 * The URL parameter a notice is about: notices about one field start with its name ("sigma: 50 is out of range
 * …", store/params.ts), so the field can show its own notice and the notice list can lead to the field.
 */
export function fieldOfNotice(text: string): string | null {
  const match = /^([A-Za-z][A-Za-z0-9_]*): /.exec(text);
  return match ? match[1] : null;
}

/** Brings a field's control into view and focuses its typed input (or its first control). */
export function goToField(name: string): void {
  const field = document.querySelector<HTMLElement>(`[data-testid="param-${name}"]`);
  if (!field) return;
  // A field inside a folded group or the folded control panel: open every fold around it first.
  for (let el: HTMLElement | null = field; el; el = el.parentElement)
    if (el instanceof HTMLDetailsElement) el.open = true;
  field.scrollIntoView({ block: 'center' });
  const input = field.querySelector<HTMLElement>('input, select, button');
  input?.focus({ preventScroll: true });
}
