import { useState, type RefObject } from 'react';
import { useAppStore } from '../store/appStore';
import { downloadBlob, exportFileName } from './download';
import { toCsv, toJson, type DataTable } from './figureData';
import { figureSvg, svgToPng } from './figureImage';

type Format = 'png' | 'svg' | 'csv' | 'json';

/**
 * Download a figure as PNG or SVG, and the numbers behind it as CSV or JSON. Folded into a small "Export" menu so
 * that it does not compete with the figure. CSV and JSON appear only when the figure has tables.
 */
export function ExportMenu({
  host,
  figureId,
  tables,
}: {
  /** The element whose SVG and canvas layers make the image; without one only the data formats are offered. */
  host?: RefObject<HTMLElement | null>;
  figureId: string;
  tables: () => DataTable[];
}) {
  const page = useAppStore((s) => s.page);
  const [error, setError] = useState<string | null>(null);
  // Built only while the menu is open: a figure's tables can be large and its data changes every frame.
  const [open, setOpen] = useState(false);
  const hasData = open && tables().length > 0;

  const save = async (format: Format) => {
    setError(null);
    const name = exportFileName(page, figureId, format);
    try {
      if (format === 'csv' || format === 'json') {
        const t = tables();
        const text =
          format === 'csv' ? toCsv(t) : toJson(t, { page, figure: figureId, url: window.location.href });
        downloadBlob(new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/json' }), name);
        return;
      }
      if (!host?.current) return;
      const image = figureSvg(host.current);
      const blob =
        format === 'svg' ? new Blob([image.svg], { type: 'image/svg+xml' }) : await svgToPng(image);
      downloadBlob(blob, name);
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const formats: Format[] = [
    ...(host ? (['png', 'svg'] as const) : []),
    ...(hasData ? (['csv', 'json'] as const) : []),
  ];
  return (
    <details
      className="export-menu"
      data-testid={`${figureId}-export`}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary aria-label={host ? 'Export this figure' : 'Export these numbers'}>Export</summary>
      <div className="export-buttons">
        {open &&
          formats.map((f) => (
            <button
              key={f}
              type="button"
              className="button small"
              onClick={() => void save(f)}
              data-testid={`${figureId}-export-${f}`}
              title={
                f === 'png' || f === 'svg'
                  ? `Download the figure as ${f.toUpperCase()}`
                  : `Download the numbers behind the figure as ${f.toUpperCase()}`
              }
            >
              {f.toUpperCase()}
            </button>
          ))}
      </div>
      {error && (
        <p className="export-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}
