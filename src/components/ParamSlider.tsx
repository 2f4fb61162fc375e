import { useAppStore } from '../store/appStore';
import type { NumberSpec } from '../store/paramSpec';
import { schemaFor } from '../store/schemas';
import { Slider } from './Slider';

/** A slider bound to a numeric URL parameter of the current page; range and scale come from its schema. */
export function ParamSlider({ name, hint, label }: { name: string; hint?: string; label?: string }) {
  const page = useAppStore((s) => s.page);
  const value = useAppStore((s) => s.values[name] as number);
  const setParam = useAppStore((s) => s.setParam);
  const spec = schemaFor(page)[name] as NumberSpec | undefined;
  if (!spec || spec.kind !== 'number') return null;
  return (
    <Slider
      label={label ?? spec.label}
      hint={hint}
      value={value}
      min={spec.min}
      max={spec.max}
      log={spec.log}
      integer={spec.integer}
      onChange={(v) => setParam(name, v)}
      testId={`param-${name}`}
    />
  );
}
