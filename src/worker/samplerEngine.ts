/**
 * What the sampler worker tells the page about the engine a run uses: which one, on which backend, and why —
 * including, when the fused WebGPU kernels failed, that the tensor ops stand in for them and what failed.
 */
import type { BackendChoice } from '../engine/tf/backend';
import type { EngineName } from '../engine/tf/sampling';
import type { EngineEvent } from './samplerProtocol';

export function engineEvent(
  engine: EngineName,
  engineReason: string,
  choice: BackendChoice | null,
): EngineEvent {
  return {
    type: 'engine',
    backend: choice?.name ?? null,
    backendReason: choice
      ? choice.reason
      : 'no tensor backend is needed: the exact score runs in plain JavaScript in the sampler worker',
    fallbacks: choice?.fallbacks ?? [],
    engine,
    engineReason,
  };
}

/** A reason text, with the fused kernels' failure (null: none) appended when the tensor ops replace them. */
export function withFusedFailure(reason: string, backend: string, failure: string | null): string {
  return failure === null
    ? reason
    : `${reason} (the fused GPU sampler failed on ${backend}: ${failure}; the tensor ops run instead)`;
}

/** The tensor path in place of a fused run that failed to start, with the failure in its reason. */
export function tensorFallback(fused: EngineEvent, failure: string | null): EngineEvent {
  const reason = withFusedFailure('particles and noise kept as tensors', fused.backend ?? 'webgpu', failure);
  return { ...fused, engine: 'tensor', engineReason: reason };
}

/** Adds the fused kernels' failure to the notices of a tensor run on WebGPU that stands in for them. */
export function noticeFusedFailure(engine: EngineEvent, failure: string | null): EngineEvent {
  if (failure === null || engine.backend !== 'webgpu' || engine.engine === 'fused') return engine;
  const sentence = `The fused GPU sampler failed (${failure}); the tensor ops run instead.`;
  return { ...engine, fallbacks: [...engine.fallbacks, sentence] };
}
