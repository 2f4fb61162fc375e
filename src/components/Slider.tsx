import { useId, useState } from 'react';
import { fromPosition, keyStep, SLIDER_RESOLUTION, toPosition, type SliderScale } from './sliderScale';

export interface SliderProps extends SliderScale {
  label: string;
  value: number;
  /** Receives the raw typed or slid number; the store clamps it and says so. */
  onChange: (value: number) => void;
  testId: string;
  /** Shown after the label, e.g. the meaning of the symbol. */
  hint?: string;
}

/** A labelled range slider with a typed numeric field; log scale where the quantity spans decades. */
export function Slider({ label, value, onChange, testId, hint, ...scale }: SliderProps) {
  const id = useId();
  // The typed text while the reader edits the field; null shows the value itself, so a value that changes
  // elsewhere (the store's clamp, a preset, play) needs no effect to be copied into the field.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? String(value);

  const describedBy = hint ? `${id}-hint` : undefined;

  const commitText = () => {
    const parsed = Number(text.trim());
    setDraft(null);
    if (text.trim() === '' || !Number.isFinite(parsed)) {
      onChange(NaN);
      return;
    }
    onChange(parsed);
  };

  return (
    <div className="slider" data-testid={testId}>
      {/* Only the label names the control; the hint and the scale describe it (read after the name). */}
      <div className="slider-label">
        <label htmlFor={id}>{label}</label>
        {hint && (
          <span className="slider-hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
        {scale.log && (
          <span className="slider-scale" title="logarithmic scale" aria-hidden="true">
            log
          </span>
        )}
      </div>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          min={0}
          max={SLIDER_RESOLUTION}
          step={1}
          value={Math.round(toPosition(scale, value) * SLIDER_RESOLUTION)}
          onChange={(e) => onChange(fromPosition(scale, Number(e.target.value) / SLIDER_RESOLUTION))}
          onKeyDown={(e) => {
            const next = keyStep(scale, value, e.key);
            if (next === null) return;
            e.preventDefault();
            onChange(next);
          }}
          data-testid={`${testId}-range`}
          aria-valuetext={String(value)}
          aria-describedby={describedBy}
        />
        <input
          type="text"
          inputMode="decimal"
          className="slider-number"
          aria-label={`${label} value`}
          aria-describedby={describedBy}
          value={text}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commitText}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commitText();
          }}
          data-testid={`${testId}-input`}
        />
      </div>
    </div>
  );
}
