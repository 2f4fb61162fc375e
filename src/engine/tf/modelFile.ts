/**
 * A trained model as a JSON file: a format tag and version, the run's configuration (which fixes the network's
 * shape, its noise levels and its training data), the step reached, and every parameter as a plain array.
 *
 * Loading checks everything before anything is built — the tag, the version, the configuration, every
 * parameter's name, shape and length, and that every number is finite — so a bad file is refused with one
 * clear sentence and the model in use is never touched.
 */
import { cleanConfig, configProblem, type TrainConfig } from '../training/config';
import { paramLayout, sizeOf, type ParamArray } from './net';

export const MODEL_FORMAT = 'score-lab-model';
export const MODEL_VERSION = 1;

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  /** How s_θ is built from the parameters, for a reader of the file. */
  network: { activation: 'swish'; inputs: ['x', 'log sigma']; score: 'net / sigma' };
  config: TrainConfig;
  step: number;
  /** Which training set of the seed the model saw (0 = the first; regenerate counts up). */
  dataGeneration: number;
  params: { name: string; shape: number[]; values: number[] }[];
}

export interface LoadedModel {
  config: TrainConfig;
  step: number;
  dataGeneration: number;
  params: ParamArray[];
}

export function toModelFile(model: LoadedModel): ModelFile {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    network: { activation: 'swish', inputs: ['x', 'log sigma'], score: 'net / sigma' },
    config: cleanConfig(model.config),
    step: model.step,
    dataGeneration: model.dataGeneration,
    params: model.params.map((p) => ({ name: p.name, shape: [...p.shape], values: Array.from(p.values) })),
  };
}

export function serializeModel(model: LoadedModel): string {
  return JSON.stringify(toModelFile(model));
}

export type ParseResult = { ok: true; model: LoadedModel } | { ok: false; error: string };

function refuse(reason: string): ParseResult {
  return { ok: false, error: `This is not a usable Score Lab model file: ${reason}.` };
}

/**
 * The largest step count a file may claim: far beyond any run (a link allows 100,000 steps per run), and far
 * below 2^53, where step + 1 would stop changing the counter (1e300 + 1 === 1e300).
 */
export const MAX_FILE_STEP = 1e9;

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/** Parses and checks a model file; never throws. */
export function parseModelFile(json: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return refuse('it is not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse('it is not a JSON object');
  const file = raw as Record<string, unknown>;
  if (file.format !== MODEL_FORMAT) return refuse(`its "format" is not "${MODEL_FORMAT}"`);
  if (file.version !== MODEL_VERSION)
    return refuse(`version ${String(file.version)} is not supported (expected ${MODEL_VERSION})`);
  const problem = configProblem(file.config);
  if (problem) return refuse(`in "config", ${problem}`);
  const config = cleanConfig(file.config as TrainConfig);
  if (!isNonNegativeInteger(file.step) || file.step > MAX_FILE_STEP)
    return refuse('"step" is not a whole number from 0 to 1,000,000,000');
  const dataGeneration = file.dataGeneration ?? 0;
  if (!isNonNegativeInteger(dataGeneration)) return refuse('"dataGeneration" is not a whole number ≥ 0');

  const layout = paramLayout(config);
  if (!Array.isArray(file.params)) return refuse('"params" is missing or not a list');
  if (file.params.length !== layout.length)
    return refuse(
      `"params" has ${file.params.length} entries where width ${config.width} and depth ${config.depth} need ${layout.length}`,
    );
  const params: ParamArray[] = [];
  for (let i = 0; i < layout.length; i++) {
    const expected = layout[i];
    const p = file.params[i] as Record<string, unknown> | null;
    if (typeof p !== 'object' || p === null) return refuse(`parameter ${i} is not an object`);
    if (p.name !== expected.name) return refuse(`parameter ${i} should be "${expected.name}"`);
    const shape = p.shape;
    if (
      !Array.isArray(shape) ||
      shape.length !== expected.shape.length ||
      shape.some((d, k) => d !== expected.shape[k])
    )
      return refuse(`"${expected.name}" should have shape [${expected.shape.join(', ')}]`);
    const values = p.values;
    if (!Array.isArray(values) || values.length !== sizeOf(expected.shape))
      return refuse(`"${expected.name}" should hold ${sizeOf(expected.shape)} numbers`);
    const floats = new Float32Array(values.length);
    for (let k = 0; k < values.length; k++) {
      const v: unknown = values[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isFinite(Math.fround(v)))
        return refuse(`"${expected.name}" holds a value that is not a finite number`);
      floats[k] = v;
    }
    params.push({ name: expected.name, shape: [...expected.shape], values: floats });
  }
  return { ok: true, model: { config, step: file.step, dataGeneration, params } };
}
