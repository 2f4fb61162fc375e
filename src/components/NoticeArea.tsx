import { useAppStore } from '../store/appStore';
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
          <span>{n.text}</span>
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
