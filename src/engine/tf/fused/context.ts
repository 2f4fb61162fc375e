/**
 * The WebGPU device the fused kernels run on, and the few buffer and pipeline helpers every kernel needs.
 *
 * When TensorFlow.js runs on its WebGPU backend, the fused kernels use that backend's own device: one device per
 * worker, so weights can move between the ops path and the fused path without a second adapter. Otherwise a device
 * is requested here (a software adapter only when allowed, as for TF.js's own WebGPU backend in ../webgpu.ts).
 */
import { tf } from '../core';
import { describeAdapter, isSoftwareAdapter } from '../webgpu';

export interface FusedContext {
  device: GPUDevice;
  /** The adapter's description, for reason texts and benchmark rows. */
  description: string;
  /** A software (fallback) adapter such as SwiftShader. */
  software: boolean;
}

interface BackendWithDevice {
  device?: GPUDevice;
  adapterInfo?: GPUAdapterInfo;
}

/** The device of TF.js's active WebGPU backend, or null when another backend is active. */
function tfjsDevice(): FusedContext | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const backend = tf.backend() as unknown as BackendWithDevice;
  if (!backend.device) return null;
  const info = backend.adapterInfo;
  const description =
    [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ') || 'webgpu';
  return {
    device: backend.device,
    description,
    software: /swiftshader|llvmpipe|lavapipe|software/i.test(description),
  };
}

/** A device for the fused kernels: TF.js's when it has one, else a new one (software only when allowed). */
export async function fusedContext(options: { allowSoftware: boolean }): Promise<FusedContext> {
  const shared = tfjsDevice();
  if (shared && (options.allowSoftware || !shared.software)) return shared;
  const g = (globalThis as { navigator?: Navigator }).navigator?.gpu;
  if (!g) throw new Error('no WebGPU in this browser');
  let adapter = await g.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter && options.allowSoftware) adapter = await g.requestAdapter({ forceFallbackAdapter: true });
  if (!adapter) throw new Error('no WebGPU adapter');
  const software = isSoftwareAdapter(adapter);
  if (software && !options.allowSoftware) throw new Error('only a software WebGPU adapter is available');
  const l = adapter.limits;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    },
  });
  return { device, description: describeAdapter(adapter), software };
}

/** A storage buffer, filled from `data` or zeroed to `byteLength`, that can also be copied from and to. */
export function storageBuffer(
  device: GPUDevice,
  label: string,
  data: Float32Array | Uint32Array | Int32Array | number,
): GPUBuffer {
  const byteLength = typeof data === 'number' ? data : data.byteLength;
  const buffer = device.createBuffer({
    label,
    // WebGPU wants sizes in multiples of 4 bytes, and no zero-sized bindings.
    size: Math.max(4, Math.ceil(byteLength / 4) * 4),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
  if (typeof data !== 'number') device.queue.writeBuffer(buffer, 0, data);
  return buffer;
}

/** A uniform buffer holding `data` (rewritten with device.queue.writeBuffer as a run's settings change). */
export function uniformBuffer(
  device: GPUDevice,
  label: string,
  data: ArrayBuffer | ArrayBufferView,
): GPUBuffer {
  const byteLength = data.byteLength;
  const buffer = device.createBuffer({
    label,
    size: Math.max(16, Math.ceil(byteLength / 16) * 16),
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, data as BufferSource);
  return buffer;
}

const pipelines = new WeakMap<GPUDevice, Map<string, GPUComputePipeline>>();

/** A compute pipeline for WGSL `code` (entry point `main` unless named), compiled once per device and source. */
export function computePipeline(
  device: GPUDevice,
  label: string,
  code: string,
  entryPoint = 'main',
): GPUComputePipeline {
  let cache = pipelines.get(device);
  if (!cache) pipelines.set(device, (cache = new Map()));
  const key = `${entryPoint}\n${code}`;
  let pipeline = cache.get(key);
  if (!pipeline) {
    const module = device.createShaderModule({ label, code });
    pipeline = device.createComputePipeline({ label, layout: 'auto', compute: { module, entryPoint } });
    cache.set(key, pipeline);
  }
  return pipeline;
}

/** A bind group binding `buffers` to @group(0) @binding(0…) of the pipeline, in order. */
export function bindBuffers(
  device: GPUDevice,
  pipeline: GPUComputePipeline,
  buffers: GPUBuffer[],
): GPUBindGroup {
  return device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
}

/** Copies `byteLength` bytes of `buffer` back to the CPU once the queued work that writes it has finished. */
export async function readBack(
  device: GPUDevice,
  buffer: GPUBuffer,
  byteLength: number,
): Promise<ArrayBuffer> {
  const size = Math.ceil(byteLength / 4) * 4;
  const staging = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const copy = staging.getMappedRange().slice(0, byteLength);
  staging.unmap();
  staging.destroy();
  return copy;
}
