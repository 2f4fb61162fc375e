/**
 * The numbers behind a figure as tables, for CSV and JSON downloads. A figure's data is plain (viz/types.ts), so the
 * tables come from its shape: a line chart gives its curves, histogram bars, samples (rugs), points and arrows; a
 * heat map gives one row per cell. A figure may pass its own tables instead (FigureHost's `tables`).
 */
export interface DataTable {
  /** What the rows are, e.g. "series" or "bars". */
  name: string;
  columns: string[];
  rows: (number | string)[][];
}

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown): v is ArrayLike<number> =>
  ArrayBuffer.isView(v) || (Array.isArray(v) && v.every((e) => typeof e === 'number'));
const list = (v: unknown): Dict[] => (Array.isArray(v) ? v.filter(isDict) : []);

/** Tables for the known figure shapes; an empty list when the shape is not one of them. */
export function tablesOf(data: unknown): DataTable[] {
  if (!isDict(data)) return [];
  const tables: DataTable[] = [];
  // Heat map: values[j · ny + i] at (xs[j], ys[i]).
  if (isNumbers(data.xs) && isNumbers(data.ys) && isNumbers(data.values)) {
    const { xs, ys, values } = data;
    const rows: number[][] = [];
    for (let j = 0; j < xs.length; j++)
      for (let i = 0; i < ys.length; i++) rows.push([xs[j], ys[i], values[j * ys.length + i]]);
    tables.push({ name: 'cells', columns: ['x', 'y', 'value'], rows });
  }
  const series = list(data.series).filter((s) => isNumbers(s.x) && isNumbers(s.y));
  if (series.length > 0) {
    const rows: (number | string)[][] = [];
    for (const s of series) {
      const x = s.x as ArrayLike<number>;
      const y = s.y as ArrayLike<number>;
      const label = String(s.label || s.id);
      for (let i = 0; i < x.length; i++) rows.push([String(s.id), label, x[i], y[i]]);
    }
    tables.push({ name: 'series', columns: ['series', 'label', 'x', 'y'], rows });
  }
  const bars = list(data.bars);
  if (bars.length > 0)
    tables.push({
      name: 'bars',
      columns: ['x0', 'x1', 'height', 'colour'],
      rows: bars.map((b) => [Number(b.x0), Number(b.x1), Number(b.y), String(b.colour)]),
    });
  const rugs = list(data.rugs).filter((r) => isNumbers(r.x));
  if (rugs.length > 0) {
    const rows: (number | string)[][] = [];
    rugs.forEach((r, k) => {
      const x = r.x as ArrayLike<number>;
      for (let i = 0; i < x.length; i++) rows.push([k, x[i]]);
    });
    tables.push({ name: 'samples', columns: ['set', 'x'], rows });
  }
  const points = list(data.points);
  if (points.length > 0)
    tables.push({
      name: 'points',
      columns: ['x', 'y', 'colour'],
      rows: points.map((p) => [Number(p.x), Number(p.y), String(p.colour)]),
    });
  const arrows = list(data.arrows);
  if (arrows.length > 0)
    tables.push({
      name: 'arrows',
      columns: ['x0', 'y0', 'x1', 'y1'],
      rows: arrows.map((a) => [Number(a.x0), Number(a.y0), Number(a.x1), Number(a.y1)]),
    });
  const paths = list(data.paths).filter((p) => isNumbers(p.x) && isNumbers(p.y));
  if (paths.length > 0) {
    const rows: number[][] = [];
    paths.forEach((p, k) => {
      const x = p.x as ArrayLike<number>;
      const y = p.y as ArrayLike<number>;
      for (let i = 0; i < x.length; i++) rows.push([k, x[i], y[i]]);
    });
    tables.push({ name: 'paths', columns: ['path', 'x', 'y'], rows });
  }
  return tables;
}

const cell = (v: number | string) => {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/**
 * One CSV for all tables: a first column `table` names each row's table, and the header is the union of the
 * columns (cells a table lacks stay empty), so a spreadsheet can filter by table.
 */
export function toCsv(tables: DataTable[]): string {
  if (tables.length === 1) {
    const [t] = tables;
    return [t.columns.join(','), ...t.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
  }
  const columns = [...new Set(tables.flatMap((t) => t.columns))];
  const lines = [['table', ...columns].join(',')];
  for (const t of tables) {
    const at = columns.map((c) => t.columns.indexOf(c));
    for (const r of t.rows) lines.push([t.name, ...at.map((i) => (i < 0 ? '' : cell(r[i])))].join(','));
  }
  return lines.join('\n') + '\n';
}

/** JSON of the tables, each as { columns, rows }; non-finite numbers become null. */
export function toJson(tables: DataTable[], meta: Record<string, unknown>): string {
  const out: Record<string, unknown> = { ...meta };
  for (const t of tables) out[t.name] = { columns: t.columns, rows: t.rows };
  return JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}
