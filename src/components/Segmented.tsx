import { useId } from 'react';

export interface SegmentedOption {
  value: string;
  label: string;
}

/** A row of radio buttons for a small set of typed choices. */
export function Segmented({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: readonly SegmentedOption[];
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  const name = useId();
  return (
    <fieldset className="segmented" data-testid={testId}>
      <legend>{label}</legend>
      <div className="segmented-row">
        {options.map((o) => (
          <label key={o.value} className={o.value === value ? 'selected' : undefined}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
              data-testid={`${testId}-${o.value}`}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
