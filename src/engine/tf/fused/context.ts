/**
 * The WebGPU device the fused kernels run on.
 *
 * When TensorFlow.js runs on its WebGPU backend, the fused kernels use that backend's own device: one device per
 * worker, so weights can move between the ops path and the fused path without a second adapter. Otherwise a device
 * is requested here (a software adapter only when allowed, as for TF.js's own WebGPU backend in ../webgpu.ts).
 */
import { tf } from '../core';
import { describeAdapter, isSoftwareAdapter } from '../webgpu';
import { requestDeviceWithAdapterLimits } from './gpuBuffers';

// The buffer helpers live beside this file without TF.js; kernels may import them from either.
export { bindBuffers, computePipeline, readBack, storageBuffer, uniformBuffer } from './gpuBuffers';

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
  const device = await requestDeviceWithAdapterLimits(adapter);
  return { device, description: describeAdapter(adapter), software };
}
