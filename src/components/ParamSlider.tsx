import { displayText } from './NoticeArea';
import { useAppStore } from '../store/appStore';
import type { NumberSpec } from '../store/paramSpec';
import { schemaFor } from '../store/schemas';
import { fieldOfNotice } from './noticeField';
import { Slider } from './Slider';

/**
 * A slider bound to a numeric URL parameter of the current page; range and scale come from its schema. Notices
 * about the parameter (clamped or malformed values) show right under it.
 */
export function ParamSlider({ name, hint, label }: { name: string; hint?: string; label?: string }) {
  const page = useAppStore((s) => s.page);
  const value = useAppStore((s) => s.values[name] as number);
  const setParam = useAppStore((s) => s.setParam);
  const notices = useAppStore((s) => s.notices);
  const spec = schemaFor(page)[name] as NumberSpec | undefined;
  if (!spec || spec.kind !== 'number') return null;
  const own = notices.filter((n) => fieldOfNotice(n.text) === name);
  return (
    <div className="param-field">
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
      {/* This field's notices, next to it (the list at the top of the page links here). */}
      {own.map((n) => (
        <p key={n.id} className={`field-notice notice-${n.tone}`} data-testid={`field-notice-${name}`}>
          {displayText(n.text.slice(name.length + 2))}
        </p>
      ))}
    </div>
  );
}
