/**
 * Buffer, pipeline and read-back helpers for the fused kernels. Plain WebGPU with no TensorFlow.js import, so the
 * plan runner built on them also runs outside the browser (scripts/device/, through Dawn's Node bindings).
 */

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

/**
 * A device with the adapter's own limits for what the fused kernels size by (WebGPU's defaults are lower, e.g. a
 * 128 MiB storage binding, too small for 10⁶ particles with their paths or a 256-wide network's batch buffers).
 */
export function requestDeviceWithAdapterLimits(adapter: GPUAdapter): Promise<GPUDevice> {
  const l = adapter.limits;
  return adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
      maxBufferSize: l.maxBufferSize,
      maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
      maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    },
  });
}
