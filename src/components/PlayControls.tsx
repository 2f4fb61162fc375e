import { useEffect } from 'react';

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
}

/** True when a key press belongs to a text field or control that uses the keys itself. */
function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** Elements whose own action space triggers. */
function activatesOnSpace(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return el !== null && ['BUTTON', 'SUMMARY', 'A'].includes(el.tagName);
}

/**
 * Big play/pause, step and reset, with the keyboard conventions readers expect: space = play/pause,
 * → = step, r = reset (ignored while typing in a field or moving a slider).
 */
export function PlayControls(props: PlayControlsProps) {
  const { playing, disabled, onPlay, onPause, onStep, onReset } = props;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (disabled || e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      if (e.key === ' ') {
        // Space on a focused button, link or fold activates that element; it must not also play or pause.
        if (activatesOnSpace(e.target)) return;
        e.preventDefault();
        if (playing) onPause();
        else onPlay();
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        onStep();
      } else if (e.key === 'r' || e.key === 'R') {
        onReset();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [playing, disabled, onPlay, onPause, onStep, onReset]);

  return (
    <div className="play-controls" data-testid="play-controls">
      <button
        type="button"
        className="button primary play-button"
        onClick={playing ? onPause : onPlay}
        disabled={disabled}
        data-testid={playing ? 'pause' : 'play'}
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
