import { useEffect, useState } from 'react';
import { PlayControls } from '../../components/PlayControls';
import { Segmented } from '../../components/Segmented';
import { pageValues, useAppStore, usePageValues, useParam } from '../../store/appStore';
import { SPEEDS, type Speed } from '../sampling-shared/useSamplerLoop';
import { PlaybackReadout } from './PlaybackReadout';
import { PlaybackScrubber } from './PlaybackScrubber';
import { pause, play, resetPlayback, stepOnce, usePlayback } from '../../store/playbackSession';
import { playbackKey, playbackOrder } from './playbackSetup';
import { usePlaybackLoop } from './usePlaybackLoop';
import '../../styles/playback.css';

const DIRECTIONS = [
  { value: 'reverse', label: 'Reverse (noise → data)' },
  { value: 'forward', label: 'Forward (data → noise)' },
] as const;

// Read the link when pressed, so a press always runs the settings on screen.
const onPlay = () => void play(playbackOrder(pageValues('diffusion')));
const onStep = () => void stepOnce(playbackOrder(pageValues('diffusion')));

/**
 * The diffusion page's house transport (space, →, r) over the playback run: play/pause, step, reset, speed, the
 * direction, the scrubber and the live read-outs, right above figure 1.
 */
export function PlaybackTransport() {
  const [speed, setSpeed] = useState<Speed>('auto');
  const mode = usePlayback((s) => s.mode);
  const direction = useParam('diffusion', 'direction');
  const setParam = useAppStore((s) => s.setParam);
  usePlaybackLoop(speed);
  // A run belongs to the settings it started with: any change that alters the particles ends it.
  const key = playbackKey(usePageValues('diffusion'));
  useEffect(() => {
    const held = usePlayback.getState().key;
    if (held !== null && held !== key) resetPlayback();
  }, [key]);
  return (
    <div className="playback" data-testid="playback" data-mode={mode}>
      <div className="playback-row">
        <PlayControls
          playing={mode === 'playing'}
          onPlay={onPlay}
          onPause={pause}
          onStep={onStep}
          onReset={resetPlayback}
          speeds={SPEEDS}
          speed={speed}
          onSpeed={(v) => setSpeed(v as Speed)}
        />
        <Segmented
          label="Play direction"
          options={DIRECTIONS}
          value={direction}
          onChange={(v) => setParam('direction', v)}
          testId="direction"
        />
      </div>
      <PlaybackScrubber />
      <PlaybackReadout />
    </div>
  );
}
