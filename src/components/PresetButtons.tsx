import type { ParamChanges } from '../store/schemas';
import { useAppStore } from '../store/appStore';

/** A worked setting: several URL parameters applied at once by one button. */
export interface Preset {
  id: string;
  label: string;
  hint: string;
  values: ParamChanges;
}

/** One button per preset; a click writes all of its parameters to the link together. */
export function PresetButtons({ presets }: { presets: readonly Preset[] }) {
  const setParams = useAppStore((s) => s.setParams);
  return (
    <>
      {presets.map((p) => (
        <button
          key={p.id}
          type="button"
          className="button"
          title={p.hint}
          onClick={() => setParams(p.values)}
          data-testid={`preset-${p.id}`}
        >
          {p.label}
        </button>
      ))}
    </>
  );
}
