/**
 * The engine worker's learned forward for the plane samplers: TensorFlow.js on wasm (engine/tf/plane/pairForward.ts).
 *
 * Only wasm: the samplers read the score back synchronously between steps, which on wasm is a copy out of the
 * module's memory and on WebGL or WebGPU a stall on the device at every step. When wasm cannot start, or the tensor
 * forward throws during a run, the run carries on in plain JavaScript (batchedScore2.ts) and the frame's engine text
 * says why.
 */
import { batchedPlaneScore, type PairBatchScore } from '../engine/plane/batchedScore2';
import { initBackend } from '../engine/tf/backend';
import { tensorPairScore } from '../engine/tf/plane/pairForward';
import { JAVASCRIPT_ENGINE, javascriptForward, type LearnedForward } from './planeForward';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The wasm backend once per worker: how it runs, or why it could not start. */
export type WasmState = { ok: true; how: string } | { ok: false; why: string };

async function startWasm(): Promise<WasmState> {
  // Only wasm is tried (see the file's comment): WebGL would stall, and TensorFlow.js's CPU backend is slower than
  // the blocked JavaScript loops the worker falls back to.
  try {
    const choice = await initBackend('wasm', { skip: ['webgl', 'cpu'] });
    // The reason ends with how the backend runs, e.g. "wasm with SIMD, 1 thread".
    return { ok: true, how: choice.reason.split('; ').pop() ?? 'wasm' };
  } catch (error) {
    // "No tensor backend could start. The wasm backend could not start (…)." — the second sentence says why.
    return { ok: false, why: message(error).replace(/^No tensor backend could start\.\s*/, '') };
  }
}

/** What tensorForward is built from; tests swap in stand-ins (Node's unit tests never start wasm). */
export interface TensorForwardParts {
  startWasm: () => Promise<WasmState>;
  tensorPairScore: typeof tensorPairScore;
}

const WASM_PARTS: TensorForwardParts = { startWasm, tensorPairScore };

export function tensorForward(parts: TensorForwardParts = WASM_PARTS): LearnedForward {
  let wasm: Promise<WasmState> | null = null;
  return {
    async build(model) {
      wasm ??= parts.startWasm().catch((error: unknown): WasmState => ({ ok: false, why: message(error) }));
      const state = await wasm;
      if (!state.ok) {
        const js = await javascriptForward.build(model);
        return { ...js, engine: () => `${JAVASCRIPT_ENGINE}: ${state.why}` };
      }
      const tensor = parts.tensorPairScore(model.params, model.sigmaMin);
      let fallback: PairBatchScore | null = null;
      let engine = `TensorFlow.js on ${state.how}`;
      const score: PairBatchScore = (xs, out, sigma) => {
        if (fallback) return fallback(xs, out, sigma);
        try {
          tensor.score(xs, out, sigma);
        } catch (error) {
          // The run goes on from where it is, in JavaScript: the positions so far are kept.
          tensor.dispose();
          fallback = batchedPlaneScore(model.params, model.sigmaMin);
          engine = `${JAVASCRIPT_ENGINE}: TensorFlow.js on wasm failed during the run (${message(error)})`;
          fallback(xs, out, sigma);
        }
      };
      return { score, engine: () => engine, dispose: () => tensor.dispose() };
    },
  };
}
