import type { ReactNode } from 'react';

export interface ReadoutItem {
  label: ReactNode;
  value: string;
  testId?: string;
}

/** A row of labelled numbers (hover read-outs, live metrics). */
export function Readout({
  items,
  testId,
  placeholder,
}: {
  items: ReadoutItem[];
  testId: string;
  placeholder?: string;
}) {
  if (items.length === 0) {
    return (
      <p className="readout slider-hint" data-testid={testId}>
        {placeholder}
      </p>
    );
  }
  return (
    <dl className="readout" data-testid={testId} aria-live="off">
      {items.map((item, i) => (
        <div className="readout-item" key={i}>
          <dt>{item.label}</dt>
          <dd data-testid={item.testId}>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Numbers for read-outs: 3 significant digits, exponent form for very large or small magnitudes. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(digits - 1);
  return String(Number(v.toPrecision(digits)));
}
