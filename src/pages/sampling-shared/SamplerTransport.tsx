import type { ReactNode } from 'react';
import { PlayControls } from '../../components/PlayControls';
import { useSamplerSession } from '../../store/samplerSession';
import { pause, play, resetRun, stepOnce } from './samplerRun';
import { SPEEDS, type Speed } from './useSamplerLoop';

const onStep = () => void stepOnce();
const onReset = () => void resetRun();

/**
 * The sampling pages' transport: play/pause, step, reset and speed, with the page's key slider (`children`),
 * shown right above the particles' histogram.
 */
export function SamplerTransport({
  speed,
  onSpeed,
  children,
}: {
  speed: Speed;
  onSpeed: (speed: Speed) => void;
  children?: ReactNode;
}) {
  const mode = useSamplerSession((s) => s.mode.kind);
  const busy = mode === 'starting' || mode === 'needsModel' || mode === 'training' || mode === 'failed';
  return (
    <>
      <PlayControls
        playing={mode === 'playing'}
        disabled={busy}
        onPlay={play}
        onPause={pause}
        onStep={onStep}
        onReset={onReset}
        speeds={SPEEDS}
        speed={speed}
        onSpeed={(v) => onSpeed(v as Speed)}
      />
      {children}
    </>
  );
}
