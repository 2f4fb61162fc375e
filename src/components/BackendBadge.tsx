import { useAppStore } from '../store/appStore';

/** The tensor backend in use and why it was chosen (the same as window.scoreLab.backend()). */
export function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  return (
    <p className="backend-badge" data-testid="backend-badge" title={backend.reason}>
      <span className="backend-name">{backend.name === 'none' ? 'starting…' : backend.name}</span>
      <span className="backend-reason">{backend.reason}</span>
    </p>
  );
}
