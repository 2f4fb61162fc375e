import { useParam } from '../../store/appStore';
import { fmt } from '../../components/Readout';
import { scrubTo, usePlayback } from '../../store/playbackSession';

/**
 * A slider over the kept frames of the run: dragging it shows the histogram, the paths and the read-outs at that
 * frame's t (a playing run pauses). Disabled until the run has more than its first frame.
 */
export function PlaybackScrubber() {
  const frames = usePlayback((s) => s.frames);
  const view = usePlayback((s) => s.view);
  const direction = useParam('diffusion', 'direction');
  const last = frames.length - 1;
  const index = view ?? Math.max(0, last);
  const t = frames[index]?.t;
  return (
    <div className="playback-scrubber" data-testid="scrubber">
      <label
        htmlFor="playback-scrubber"
        title={`Replay the run ${direction === 'forward' ? 'from t = 0 up to' : 'from t = 1 down to'} the frame picked`}
      >
        Replay: t = <output data-testid="playback-t">{t === undefined ? '—' : fmt(t, 3)}</output>
      </label>
      <input
        id="playback-scrubber"
        type="range"
        min={0}
        max={Math.max(1, last)}
        step={1}
        value={index}
        disabled={last < 1}
        onChange={(e) => scrubTo(Number(e.target.value))}
        aria-valuetext={t === undefined ? 'no run yet' : `t = ${fmt(t, 3)}`}
        data-testid="scrubber-range"
      />
    </div>
  );
}
