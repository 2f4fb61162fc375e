import { displayText } from './NoticeArea';
import { rawParam, useAppStore } from '../store/appStore';
import { schemaFor, type NumberParam, type PageId } from '../store/schemas';
import { fieldOfNotice } from './noticeField';
import { Slider } from './Slider';

/**
 * A slider bound to a numeric URL parameter of `page`; range and scale come from its schema. `name` is typed by
 * the page's schema, so a misspelt or non-numeric name does not compile. Notices about the parameter (clamped
 * or malformed values) show right under it.
 */
export function ParamSlider<P extends PageId>({
  page,
  name,
  hint,
  label,
}: {
  page: P;
  name: NumberParam<P>;
  hint?: string;
  label?: string;
}) {
  const spec = schemaFor(page)[name];
  const raw = useAppStore((s) => rawParam(s, page, name));
  const setParams = useAppStore((s) => s.setParams);
  const notices = useAppStore((s) => s.notices);
  // NumberParam<P> names only numeric specs; the check narrows the union for TypeScript.
  if (spec.kind !== 'number') throw new Error(`${name} is not a numeric parameter of ${page}`);
  const value = typeof raw === 'number' ? raw : spec.default;
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
        onChange={(v) => setParams({ [name]: v })}
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
