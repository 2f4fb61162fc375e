/**
 * Runs a GpuPlan (engine/gpu/plan.ts) on a WebGPU device: creates its buffers once, compiles each pass once, and
 * encodes a named sequence of passes, perhaps several times, into one command buffer (one submit per call, so a
 * many-step run costs one queue submission rather than one per dispatch).
 */
import type { GpuPass, GpuPlan } from '../../gpu/plan';
import { bindBuffers, computePipeline, readBack, storageBuffer, uniformBuffer } from './gpuBuffers';

interface PreparedPass {
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  workgroups: [number, number, number];
}

export class PlanRunner {
  private readonly buffers = new Map<string, GPUBuffer>();
  private readonly bytes = new Map<string, number>();
  private readonly prepared = new Map<string, PreparedPass[]>();

  constructor(
    readonly device: GPUDevice,
    plan: GpuPlan,
  ) {
    for (const spec of plan.buffers) {
      const buffer =
        spec.kind === 'uniform'
          ? uniformBuffer(device, spec.name, spec.init ?? new Uint8Array(spec.bytes))
          : storageBuffer(device, spec.name, spec.init ?? spec.bytes);
      this.buffers.set(spec.name, buffer);
      this.bytes.set(spec.name, spec.bytes);
    }
    for (const [name, passes] of Object.entries(plan.sequences))
      this.prepared.set(
        name,
        passes.map((pass) => this.prepare(pass)),
      );
  }

  private prepare(pass: GpuPass): PreparedPass {
    const pipeline = computePipeline(this.device, pass.label, pass.code, pass.entryPoint ?? 'main');
    const bound = pass.bindings.map((name) => this.buffer(name));
    return { pipeline, bindGroup: bindBuffers(this.device, pipeline, bound), workgroups: pass.workgroups };
  }

  /** The GPU buffer behind a plan buffer name. */
  buffer(name: string): GPUBuffer {
    const buffer = this.buffers.get(name);
    if (!buffer) throw new Error(`the plan has no buffer named ${name}`);
    return buffer;
  }

  /** Overwrites (part of) a buffer from the CPU; queued before any later run(). */
  write(name: string, data: Float32Array | Uint32Array | Int32Array, byteOffset = 0): void {
    this.device.queue.writeBuffer(this.buffer(name), byteOffset, data as BufferSource);
  }

  /** Encodes sequence `name` `times` times in one compute pass and submits it (does not wait for the GPU). */
  run(name: string, times = 1): void {
    const passes = this.prepared.get(name);
    if (!passes) throw new Error(`the plan has no sequence named ${name}`);
    const encoder = this.device.createCommandEncoder();
    const compute = encoder.beginComputePass();
    for (let i = 0; i < times; i++)
      for (const p of passes) {
        compute.setPipeline(p.pipeline);
        compute.setBindGroup(0, p.bindGroup);
        compute.dispatchWorkgroups(...p.workgroups);
      }
    compute.end();
    this.device.queue.submit([encoder.finish()]);
  }

  /** The current contents of a buffer, after all submitted work (resolves when the GPU is done). */
  async read(name: string): Promise<ArrayBuffer> {
    return readBack(this.device, this.buffer(name), this.bytes.get(name) ?? 0);
  }

  /** Frees every buffer (the device itself belongs to whoever made it). */
  dispose(): void {
    for (const buffer of this.buffers.values()) buffer.destroy();
    this.buffers.clear();
    this.prepared.clear();
  }
}
