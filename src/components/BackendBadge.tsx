import { useState } from 'react';
import { useAppStore } from '../store/appStore';
import { remeasureBackend } from '../store/remeasureBackend';
import '../styles/backend.css';

/**
 * The tensor backend in use and why it was chosen (the same as window.scoreLab.backend()). Under `auto` a button
 * beside it times the backends again, the software WebGPU adapter included, and keeps the new verdict.
 */
export function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  const auto = useAppStore((s) => s.values.backend === 'auto');
  const [measuring, setMeasuring] = useState(false);
  const remeasure = () => {
    setMeasuring(true);
    void remeasureBackend().finally(() => setMeasuring(false));
  };
  return (
    <p className="backend-badge" data-testid="backend-badge" title={backend.reason}>
      <span className="backend-name">{backend.name === 'none' ? 'starting…' : backend.name}</span>
      <span className="backend-reason">{backend.reason}</span>
      {auto && backend.name !== 'none' && (
        <button
          type="button"
          className="button backend-remeasure"
          data-testid="backend-remeasure"
          onClick={remeasure}
          disabled={measuring}
          title="Time a few training steps on each backend again and use the fastest"
        >
          {measuring ? 'measuring…' : 're-measure'}
        </button>
      )}
    </p>
  );
}
