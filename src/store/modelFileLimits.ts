/**
 * A model file held to the limits of a link (issue 14). The train page writes a loaded model's settings into its
 * link; a setting the link would clamp (width 1024 where a link allows 256) would then describe another run, and
 * the page would start that run afresh, throwing away the weights it had just said were loaded. So such a file is
 * refused before anything changes, naming the setting and the range a link allows. Weights whose sum overflows
 * are not refused: they are normalised (engine/mixture.ts divides by the largest first), and a note says so.
 *
 * Only the settings are checked here; everything else (format, version, shapes, finite parameters) is the
 * engine's full check (engine/tf/modelFile.ts), which the worker runs on the same text.
 */
import { MEAN_LIMIT, STD_MAX, STD_MIN } from './mixtureParam';
import { pageSchemas, schemaFor } from './schemas';
import { TRAIN_NUMBERS } from './trainConfig';

export type LimitCheck = { ok: true; notes: string[] } | { ok: false; error: string };

function outside(what: string, value: number, lo: number, hi: number): string {
  return `its ${what} ${value} is outside what a link allows ([${lo}, ${hi}])`;
}

/** Why the settings in a model file's text cannot be used as a link's, or the notes to show once it loads. */
export function checkModelFileLimits(json: string): LimitCheck {
  let file: unknown;
  try {
    file = JSON.parse(json);
  } catch {
    return { ok: true, notes: [] };
  }
  const config = (file as { config?: unknown } | null)?.config;
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return { ok: true, notes: [] };
  const c = config as Record<string, unknown>;
  const problems: string[] = [];
  const objectives: readonly string[] = pageSchemas.train.objective.options;
  if (typeof c.objective === 'string' && !objectives.includes(c.objective))
    problems.push(`its objective "${c.objective}" is not one of the train page's (${objectives.join(', ')})`);
  for (const name of TRAIN_NUMBERS) {
    const value = c[name];
    if (typeof value !== 'number') continue; // a missing or mistyped field is the full check's to refuse
    const spec = schemaFor('train')[name];
    if (!(value >= spec.min && value <= spec.max)) problems.push(outside(name, value, spec.min, spec.max));
    else if (spec.integer && !Number.isInteger(value))
      problems.push(`its ${name} ${value} is not a whole number`);
  }
  const notes: string[] = [];
  if (Array.isArray(c.mixture)) {
    let total = 0;
    for (const k of c.mixture as unknown[]) {
      const component = (k ?? {}) as Record<string, unknown>;
      const { weight, mean, std } = component;
      if (typeof mean === 'number' && !(Math.abs(mean) <= MEAN_LIMIT))
        problems.push(outside('mixture mean', mean, -MEAN_LIMIT, MEAN_LIMIT));
      if (typeof std === 'number' && !(std >= STD_MIN && std <= STD_MAX))
        problems.push(outside('mixture std', std, STD_MIN, STD_MAX));
      if (typeof weight === 'number') total += weight;
    }
    if (total === Infinity)
      notes.push(
        'Its mixture weights add up to more than the largest number a double holds; each was divided by the largest before normalising.',
      );
  }
  if (problems.length > 0)
    return {
      ok: false,
      error: `its settings are outside what a link to the train page can hold, so its weights could not be kept: ${problems.join('; ')}`,
    };
  return { ok: true, notes };
}
