import { useTransportKeys } from './useTransportKeys';

export interface PlayControlsProps {
  playing: boolean;
  /** Disables everything (e.g. while a backend starts). */
  disabled?: boolean;
  onPlay: () => void;
  onPause: () => void;
  onStep: () => void;
  onReset: () => void;
  stepLabel?: string;
  /** Speed choices as [value, label]; omitted = no speed control. */
  speeds?: readonly (readonly [string, string])[];
  speed?: string;
  onSpeed?: (value: string) => void;
  /** Tooltips saying what each button does on this page (and its key). */
  titles?: { play?: string; step?: string; reset?: string };
}

/**
 * Big play/pause, step and reset, with the keyboard conventions readers expect: space = play/pause,
 * → = step, r = reset (useTransportKeys says when the focused element keeps a key for itself).
 */
export function PlayControls(props: PlayControlsProps) {
  const { playing, disabled, onPlay, onPause, onStep, onReset } = props;
  useTransportKeys({ toggle: playing ? onPause : onPlay, step: onStep, reset: onReset }, disabled);

  return (
    <div className="play-controls" data-testid="play-controls">
      <button
        type="button"
        className="button primary play-button"
        onClick={playing ? onPause : onPlay}
        disabled={disabled}
        data-testid={playing ? 'pause' : 'play'}
        title={props.titles?.play}
        aria-keyshortcuts="Space"
      >
        {playing ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        type="button"
        className="button"
        onClick={onStep}
        disabled={disabled || playing}
        data-testid="step"
        title={props.titles?.step}
        aria-keyshortcuts="ArrowRight"
      >
        {props.stepLabel ?? 'Step'}
      </button>
      <button
        type="button"
        className="button"
        onClick={onReset}
        disabled={disabled}
        data-testid="reset"
        title={props.titles?.reset}
        aria-keyshortcuts="r"
      >
        ↺ Reset
      </button>
      {props.speeds && props.onSpeed && (
        <label className="speed">
          Speed
          <select value={props.speed} onChange={(e) => props.onSpeed?.(e.target.value)} data-testid="speed">
            {props.speeds.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
