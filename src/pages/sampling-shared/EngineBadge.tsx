import { useAppStore } from '../../store/appStore';
import { useSamplerSession } from '../../store/samplerSession';

/** Where the particles move: plain JavaScript, fused GPU kernels or tensors on a named backend, and why. */
export function EngineBadge() {
  const engine = useSamplerSession((s) => s.engine);
  const waiting = useSamplerSession((s) => s.mode.kind === 'needsModel' || s.mode.kind === 'training');
  const backend = useAppStore((s) => s.backend);
  const name = engine
    ? engine.engine === 'js'
      ? 'exact formula'
      : engine.engine === 'fused'
        ? `fused kernels · ${engine.backend}`
        : `tensors · ${engine.backend}`
    : waiting
      ? 'waiting for a model'
      : 'starting…';
  return (
    <p className="backend-badge" data-testid="engine-badge" title={backend.reason}>
      <span className="backend-name">{name}</span>
      <span className="backend-reason">{engine ? `${engine.engineReason}.` : ''}</span>
    </p>
  );
}
