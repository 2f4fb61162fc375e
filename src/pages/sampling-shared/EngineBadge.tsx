import { useAppStore } from '../../store/appStore';
import { useSamplerSession } from '../../store/samplerSession';

/** Where the particles move: plain JavaScript or tensors on a named backend, and why. */
export function EngineBadge() {
  const engine = useSamplerSession((s) => s.engine);
  const backend = useAppStore((s) => s.backend);
  const name = !engine ? 'starting…' : engine.engine === 'js' ? 'JavaScript' : `tensors · ${engine.backend}`;
  return (
    <p className="backend-badge" data-testid="engine-badge" title={backend.reason}>
      <span className="backend-name">{name}</span>
      <span className="backend-reason">{engine ? `${engine.engineReason}.` : ''}</span>
    </p>
  );
}
