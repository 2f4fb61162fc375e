import { ExportMenu } from '../../components/ExportMenu';
import { fmtWeights } from '../../components/formatWeights';
import { fmt } from '../../components/Readout';
import type { DataTable } from '../../components/figureData';
import { clearTable, useDiffusionSession, type TableRow } from '../../store/diffusionSession';

/** Every run the reader has tried, one row per sampler + settings + score kind, best W1 first. */
export function ComparisonTable({ weights }: { weights: number[] }) {
  const table = useDiffusionSession((s) => s.table);
  const current = useDiffusionSession((s) => s.result?.key ?? null);
  const sorted = [...table].sort((a, b) => (a.w1 ?? Infinity) - (b.w1 ?? Infinity));
  return (
    <section className="diff-table-wrap" aria-label="Comparison of samplers">
      <div className="diff-table-head">
        <h2 className="figure-title">3 · Samplers compared</h2>
        <button
          type="button"
          className="button"
          onClick={clearTable}
          disabled={table.length === 0}
          data-testid="clear-table"
        >
          Clear table
        </button>
      </div>
      <div className="diff-table-scroll">
        <table className="diff-table" data-testid="comparison-table">
          <thead>
            <tr>
              <th scope="col">Process</th>
              <th scope="col">Sampler</th>
              <th scope="col">Steps</th>
              <th scope="col">Score</th>
              <th scope="col">W1</th>
              <th scope="col">KS</th>
              <th scope="col">Mode weights (data: {fmtWeights(weights)})</th>
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 && (
              <tr>
                <td colSpan={7} className="diff-table-empty">
                  Each sampler you try adds a row here.
                </td>
              </tr>
            )}
            {sorted.map((row) => (
              <tr
                key={row.key}
                className={row.key === current ? 'current' : undefined}
                data-testid="table-row"
              >
                <td>{row.process}</td>
                <td>{row.sampler}</td>
                <td className="num">{row.steps}</td>
                <td>{row.score}</td>
                <td className="num">{row.w1 === null ? '–' : fmt(row.w1)}</td>
                <td className="num">{row.ks === null ? '–' : fmt(row.ks)}</td>
                <td className="num">
                  {row.modeWeights ? fmtWeights(row.modeWeights) : '–'}
                  {row.diverged && <span className="diff-flag"> unstable</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ExportMenu figureId="comparison-table" tables={() => comparisonTables(sorted)} />
    </section>
  );
}

/** The table as data (CSV/JSON export): one row per run, mode weights one column per component. */
function comparisonTables(rows: TableRow[]): DataTable[] {
  const k = Math.max(0, ...rows.map((r) => r.modeWeights?.length ?? 0));
  const weights = Array.from({ length: k }, (_, i) => `weight_${i + 1}`);
  return [
    {
      name: 'runs',
      columns: ['process', 'sampler', 'steps', 'n', 'score', 'w1', 'ks', ...weights, 'unstable'],
      rows: rows.map((r) => [
        r.process,
        r.sampler,
        r.steps,
        r.n,
        r.score,
        r.w1 ?? NaN,
        r.ks ?? NaN,
        ...weights.map((_, i) => r.modeWeights?.[i] ?? NaN),
        r.diverged ? 1 : 0,
      ]),
    },
  ];
}
