import { PresetButtons, type Preset } from '../../components/PresetButtons';
import { usePageValues } from '../../store/appStore';
import type { SamplerKind } from '../../worker/samplerProtocol';
import { otherPageHref } from './samplerConfig';

/** Preset buttons (each sets several URL parameters at once) and the link to the same setting on the other page. */
export function Presets({ kind, presets }: { kind: SamplerKind; presets: readonly Preset[] }) {
  const values = usePageValues(kind);
  const other = kind === 'langevin' ? 'annealed' : 'langevin';
  return (
    <div className="samp-presets">
      <PresetButtons presets={presets} />
      <a href={otherPageHref(kind, values)} className="samp-crosslink" data-testid={`open-${other}`}>
        {kind === 'langevin'
          ? 'Open this setting with annealing →'
          : 'Open this setting without annealing (plain Langevin) →'}
      </a>
    </div>
  );
}
