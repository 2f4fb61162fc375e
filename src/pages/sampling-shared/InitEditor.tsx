import { useState } from 'react';
import { Segmented } from '../../components/Segmented';
import { initText, parseInit, type InitSpec } from '../../engine/sampling';
import { useAppStore, useParam } from '../../store/appStore';
import type { SamplerKind } from '../../worker/samplerProtocol';

/** The pages with an `init` parameter: the line's two Langevin pages and the plane's sampling page. */
type InitPage = SamplerKind | 'sampling2d';

type Kind = InitSpec['kind'];

/** Fields being edited, the link text they started from, and why the last commit was refused (if it was). */
interface Draft {
  base: string;
  kind: Kind;
  fields: string[];
  error: string | null;
}

const KINDS = [
  { value: 'uniform', label: 'Uniform' },
  { value: 'normal', label: 'Normal' },
  { value: 'point', label: 'Point' },
] as const;

const FIELDS: Record<Kind, string[]> = { uniform: ['a', 'b'], normal: ['m', 's'], point: ['x0'] };

function fieldsOf(spec: InitSpec): string[] {
  if (spec.kind === 'uniform') return [String(spec.a), String(spec.b)];
  if (spec.kind === 'normal') return [String(spec.mean), String(spec.std)];
  return [String(spec.x0)];
}

/** A starting value per kind, so switching kinds gives a sensible start straight away. */
const START: Record<Kind, string[]> = { uniform: ['-3', '3'], normal: ['0', '1'], point: ['0'] };

/**
 * The initial distribution: its kind and its numbers, written to the URL as `uniform:a:b`, `normal:m:s` or
 * `point:x0` (the text is shown too). A combination the parser refuses (a ≥ b, s ≤ 0) is explained and not used.
 */
export function InitEditor({ kind: page }: { kind: InitPage }) {
  const spec = useParam(page, 'init');
  const text = initText(spec);
  const setParam = useAppStore((s) => s.setParam);
  // What the reader is typing, tied to the link text it started from: once the link changes (a commit, a
  // preset, Undo) the draft no longer applies and the fields show the link again. Derived, so no effect has to
  // copy the link into state.
  const [draft, setDraft] = useState<Draft | null>(null);
  const live = draft !== null && draft.base === text ? draft : null;
  const kind = live?.kind ?? spec.kind;
  const fields = live?.fields ?? fieldsOf(spec);
  const error = live?.error ?? null;

  const commit = (k: Kind, values: string[]) => {
    const result = parseInit([k, ...values].join(':'));
    if (!result.ok) return setDraft({ base: text, kind: k, fields: values, error: result.error });
    setDraft(null);
    for (const notice of result.notices) useAppStore.getState().addNotice(notice, 'input', 'warning');
    setParam('init', result.spec);
  };

  return (
    <div className="samp-init" data-testid="init-editor">
      <Segmented
        label="Initial distribution"
        options={KINDS}
        value={kind}
        onChange={(k) => {
          commit(k, START[k]);
        }}
        testId="init-kind"
      />
      <div className="samp-init-fields">
        {FIELDS[kind].map((name, i) => (
          <label key={`${kind}-${name}`} className="samp-init-field">
            {name}
            <input
              type="text"
              inputMode="decimal"
              className="slider-number"
              value={fields[i] ?? ''}
              onChange={(e) =>
                setDraft({
                  base: text,
                  kind,
                  fields: fields.map((f, j) => (j === i ? e.target.value : f)),
                  error,
                })
              }
              onBlur={() => commit(kind, fields)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') commit(kind, fields);
              }}
              data-testid={`init-${name}`}
            />
          </label>
        ))}
      </div>
      <p className="slider-hint">
        In the link: <code data-testid="init-text">{text}</code>
      </p>
      {error && (
        <p className="samp-init-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
