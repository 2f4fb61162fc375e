import { useAppStore, useCommonParam } from '../store/appStore';
import { Slider } from './Slider';

/** The slider's track: seeds a reader picks by dragging. Typed seeds go up to the schema's 2³¹ − 1. */
const TRACK_MAX = 9999;

/** A fresh seed on the track (a new set of draws; the link still reproduces it exactly). */
export function newSeed(): number {
  return Math.floor(Math.random() * (TRACK_MAX + 1));
}

/**
 * The seed of every random draw on the page: visible, editable, and one click from a fresh one. The button's
 * words and test id are the page's (the dsm page calls a new seed "Resample").
 */
export function SeedControl({
  hint = 'every random draw',
  button = 'New seed',
  buttonTestId = 'new-seed',
}: {
  hint?: string;
  button?: string;
  buttonTestId?: string;
}) {
  const seed = useCommonParam('seed');
  const setParam = useAppStore((s) => s.setParam);
  return (
    <div className="seed-control">
      <Slider
        label="Seed"
        hint={hint}
        value={seed}
        min={0}
        max={TRACK_MAX}
        integer
        onChange={(v) => setParam('seed', v)}
        testId="param-seed"
      />
      <button
        type="button"
        className="button"
        data-testid={buttonTestId}
        onClick={() => setParam('seed', newSeed())}
      >
        {button}
      </button>
    </div>
  );
}
