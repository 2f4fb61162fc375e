import { useAppStore } from '../store/appStore';

/** Notices about clamped input, repaired links, backend fallbacks and stopped runs. */
export function NoticeArea() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <ul className="notices" data-testid="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <li key={n.id} className={`notice notice-${n.tone}`} data-testid="notice">
          <span>{n.text}</span>
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
