import { rawParam, useAppStore } from '../store/appStore';
import { schemaFor, type EnumParam, type PageId, type PageValues } from '../store/schemas';
import { Segmented, type SegmentedOption } from './Segmented';

/**
 * A segmented control bound to an enumerated URL parameter of `page`. `name` must be one of the page's enum
 * parameters and each option one of its values (both checked by the compiler); the options' order and labels
 * are the page's choice. A click writes the parameter to the link.
 */
export function ParamSegmented<P extends PageId, K extends EnumParam<P>>({
  page,
  name,
  label,
  options,
  testId,
}: {
  page: P;
  name: K;
  label: string;
  options: readonly SegmentedOption<PageValues<P>[K & keyof PageValues<P>] & string>[];
  /** The fieldset's test id (the options get `<testId>-<value>`); defaults to `param-<name>`. */
  testId?: string;
}) {
  const spec = schemaFor(page)[name];
  const raw = useAppStore((s) => rawParam(s, page, name));
  const setParams = useAppStore((s) => s.setParams);
  // The option whose value the store holds; the spec's default before the page's values are loaded.
  const current = options.find((o) => o.value === raw) ?? options.find((o) => o.value === spec.default);
  return (
    <Segmented
      label={label}
      options={options}
      value={current?.value ?? options[0].value}
      onChange={(v) => setParams({ [name]: v })}
      testId={testId ?? `param-${name}`}
    />
  );
}
