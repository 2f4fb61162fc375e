import { useAppStore } from '../store/appStore';
import '../styles/notices.css';

/** The longest notice shown whole; beyond it the text is cut and its length said (links quote short already). */
export const NOTICE_DISPLAY_LIMIT = 600;

/** A notice's text as displayed: whole, or its first NOTICE_DISPLAY_LIMIT characters and how long it was. */
export function displayText(text: string): string {
  if (text.length <= NOTICE_DISPLAY_LIMIT) return text;
  return `${text.slice(0, NOTICE_DISPLAY_LIMIT)}… (${text.length.toLocaleString('en-US')} characters)`;
}
import { schemaFor } from '../store/schemas';
import { fieldOfNotice, goToField } from './noticeField';

/** Notices about clamped input, repaired links, backend fallbacks and stopped runs. */
export function NoticeArea() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const page = useAppStore((s) => s.page);
  const hasField = (name: string) => schemaFor(page)[name]?.kind === 'number';
  if (notices.length === 0) return null;
  return (
    <ul className="notices" data-testid="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.tone}`} data-testid="notice">
          <span className="notice-text">{displayText(n.text)}</span>
          {fieldOfNotice(n.text) && hasField(fieldOfNotice(n.text)!) && (
            <button
              type="button"
              className="notice-goto"
              onClick={() => goToField(fieldOfNotice(n.text)!)}
              data-testid="notice-goto"
            >
              Show the field
            </button>
          )}
          <button
            type="button"
            className="notice-dismiss"
            aria-label="Dismiss notice"
            onClick={() => dismiss(n.id)}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
