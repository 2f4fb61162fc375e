/**
 * A fused GPU computation as plain data: the buffers it needs and the compute passes that run over them, each pass
 * a WGSL source (built by a pure function in this folder), the names of the buffers bound to @group(0)
 * @binding(0…) in order, and its workgroup counts.
 *
 * Why plain data: the same plan runs in the browser (engine/tf/fused/planRunner.ts, on TF.js's WebGPU device or
 * its own) and outside it (scripts/device/: the same WGSL dispatched through wgpu on a machine with a GPU but no
 * browser), so what is measured there is exactly what a reader's browser runs. A plan holds no GPU objects.
 */

export type GpuBufferKind = 'storage' | 'uniform';

export interface GpuBufferSpec {
  name: string;
  /** Size in bytes (rounded up to WebGPU's alignment by the runner). */
  bytes: number;
  kind: GpuBufferKind;
  /** Optional contents to upload when the plan starts; otherwise zeros. */
  init?: Float32Array | Uint32Array | Int32Array;
}

export interface GpuPass {
  label: string;
  /** Complete WGSL source of a compute shader. */
  code: string;
  /** Entry point; 'main' when absent. */
  entryPoint?: string;
  /** Buffer names bound to @group(0) @binding(0), (1), … in this order. */
  bindings: string[];
  /** Workgroup counts (x, y, z). */
  workgroups: [number, number, number];
}

export interface GpuPlan {
  buffers: GpuBufferSpec[];
  /** Named sequences of passes, e.g. { step: […], readLoss: […] }: a run encodes one sequence, perhaps many times. */
  sequences: Record<string, GpuPass[]>;
}

/** ⌈n / size⌉ workgroups of `size` threads cover n items. */
export function groupsFor(n: number, size: number): number {
  return Math.max(1, Math.ceil(n / size));
}
