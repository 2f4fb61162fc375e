import { useAppStore } from '../store/appStore';
import { Slider } from './Slider';

/** The seed of every random draw on the page: visible, editable, and one click from a fresh one. */
export function SeedControl() {
  const seed = useAppStore((s) => s.values.seed as number);
  const setParam = useAppStore((s) => s.setParam);
  return (
    <div className="seed-control">
      <Slider
        label="Seed"
        hint="every random draw"
        value={seed}
        min={0}
        max={9999}
        integer
        onChange={(v) => setParam('seed', v)}
        testId="param-seed"
      />
      <button
        type="button"
        className="button"
        data-testid="new-seed"
        onClick={() => setParam('seed', Math.floor(Math.random() * 10_000))}
      >
        New seed
      </button>
    </div>
  );
}
