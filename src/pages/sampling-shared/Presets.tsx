import type { ParamValues } from '../../store/paramSpec';
import { useAppStore } from '../../store/appStore';
import { otherPageHref, type PageKind } from './samplerConfig';

/** Preset buttons (each sets several URL parameters at once) and the link to the same setting on the other page. */
export function Presets({
  kind,
  presets,
}: {
  kind: PageKind;
  presets: { id: string; label: string; hint: string; values: ParamValues }[];
}) {
  const values = useAppStore((s) => s.values);
  const setParams = useAppStore((s) => s.setParams);
  const other = kind === 'langevin' ? 'annealed' : 'langevin';
  return (
    <div className="samp-presets">
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
      <a href={otherPageHref(kind, values)} className="samp-crosslink" data-testid={`open-${other}`}>
        {kind === 'langevin'
          ? 'Open this setting with annealing →'
          : 'Open this setting without annealing (plain Langevin) →'}
      </a>
    </div>
  );
}
