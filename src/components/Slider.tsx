import { useEffect, useId, useState } from 'react';
import { fromPosition, SLIDER_RESOLUTION, toPosition, type SliderScale } from './sliderScale';

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
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);

  const commitText = () => {
    const parsed = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(parsed)) {
      setText(String(value));
      onChange(NaN);
      return;
    }
    onChange(parsed);
  };

  return (
    <div className="slider" data-testid={testId}>
      <label htmlFor={id} className="slider-label">
        {label}
        {hint && <span className="slider-hint">{hint}</span>}
        {scale.log && <span className="slider-scale">log</span>}
      </label>
      <div className="slider-row">
        <input
          id={id}
          type="range"
          min={0}
          max={SLIDER_RESOLUTION}
          step={1}
          value={Math.round(toPosition(scale, value) * SLIDER_RESOLUTION)}
          onChange={(e) => onChange(fromPosition(scale, Number(e.target.value) / SLIDER_RESOLUTION))}
          data-testid={`${testId}-range`}
          aria-valuetext={String(value)}
        />
        <input
          type="text"
          inputMode="decimal"
          className="slider-number"
          aria-label={`${label} value`}
          value={text}
          onChange={(e) => setText(e.target.value)}
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
