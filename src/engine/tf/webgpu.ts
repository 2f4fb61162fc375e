/**
 * WebGPU: telling a hardware GPU from a software one, and starting tfjs-backend-webgpu on the adapter we choose.
 *
 * tfjs-backend-webgpu registers a 'webgpu' factory when it is imported; that factory asks navigator.gpu for the
 * default adapter with no say over fallback adapters and never watches for a lost device. We replace it with our
 * own factory that builds the same WebGPUBackend (same features and limits requested) but
 *  - refuses a fallback/software adapter unless WebGPU was asked for explicitly (`?backend=webgpu`), and then asks
 *    for one with `forceFallbackAdapter: true` when the default request gives none (Chromium's SwiftShader
 *    adapter, flags `--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader`, reports itself as a fallback);
 *  - reports a lost device (driver reset, GPU removed) so the engine can move to the next backend.
 */
import { tf } from './core';

/** A fallback or software adapter: flagged by the browser, or recognisably a CPU rasteriser by its name. */
export function isSoftwareAdapter(adapter: GPUAdapter): boolean {
  const loose = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const info = adapter.info as (GPUAdapterInfo & { isFallbackAdapter?: boolean }) | undefined;
  if (loose.isFallbackAdapter === true || info?.isFallbackAdapter === true) return true;
  const names = `${info?.vendor ?? ''} ${info?.architecture ?? ''} ${info?.device ?? ''} ${info?.description ?? ''}`;
  return /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i.test(names);
}

/** A short human name for an adapter, e.g. "nvidia ampere" or "google swiftshader". */
export function describeAdapter(adapter: GPUAdapter): string {
  const info = adapter.info as GPUAdapterInfo | undefined;
  const parts = [info?.vendor, info?.architecture, info?.description].filter((s) => s && s.length > 0);
  return parts.length > 0 ? parts.join(' ') : 'unnamed adapter';
}

function gpu(): GPU | null {
  const nav = (globalThis as { navigator?: Navigator }).navigator;
  return nav && 'gpu' in nav && nav.gpu ? nav.gpu : null;
}

export interface AdapterProbe {
  /** A hardware adapter is available: auto may choose WebGPU. */
  hardware: boolean;
  /** The adapter's description (describeAdapter), or null when there is none. */
  description: string | null;
  /** Why not, or which adapter: for the backend's reason text. */
  note: string;
}

/** What auto needs to know before it considers WebGPU at all. */
export async function probeAdapter(): Promise<AdapterProbe> {
  const g = gpu();
  if (!g) return { hardware: false, description: null, note: 'no WebGPU in this browser' };
  let adapter: GPUAdapter | null;
  try {
    adapter = await g.requestAdapter({ powerPreference: 'high-performance' });
  } catch (error) {
    return { hardware: false, description: null, note: `WebGPU adapter request failed (${String(error)})` };
  }
  if (!adapter) return { hardware: false, description: null, note: 'no WebGPU adapter' };
  const description = describeAdapter(adapter);
  if (isSoftwareAdapter(adapter))
    return {
      hardware: false,
      description,
      note: `no hardware GPU adapter (fallback adapter only: ${description})`,
    };
  return { hardware: true, description, note: `hardware GPU adapter (${description})` };
}

export interface WebGpuOptions {
  /** Accept a fallback/software adapter (only when WebGPU was forced, or is being measured on request). */
  allowFallbackAdapter: boolean;
  /** Why a fallback adapter was accepted, for the reason text (default: WebGPU was asked for). */
  fallbackNote?: string;
  /** Called once if the device is lost while in use. */
  onLost: (message: string) => void;
}

/** The adapter and how it was found, as the factory last saw it (for the reason text). */
export let lastAdapterNote = '';

async function chooseAdapter(g: GPU, allowFallback: boolean, fallbackNote: string): Promise<GPUAdapter> {
  const preferred = await g.requestAdapter({ powerPreference: 'high-performance' });
  if (preferred && !isSoftwareAdapter(preferred)) {
    lastAdapterNote = `hardware adapter ${describeAdapter(preferred)}`;
    return preferred;
  }
  if (!allowFallback)
    throw new Error(preferred ? 'only a fallback (software) adapter is available' : 'no WebGPU adapter');
  const adapter = preferred ?? (await g.requestAdapter({ forceFallbackAdapter: true }));
  if (!adapter) throw new Error('no WebGPU adapter, not even a fallback one');
  lastAdapterNote = `fallback adapter ${describeAdapter(adapter)}, ${fallbackNote}`;
  return adapter;
}

/** Loads tfjs-backend-webgpu and registers our factory as 'webgpu' (replacing any earlier registration). */
export async function registerWebGpu(options: WebGpuOptions): Promise<void> {
  const g = gpu();
  if (!g) throw new Error('no WebGPU in this browser');
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  if (tf.findBackendFactory('webgpu')) {
    try {
      tf.removeBackend('webgpu'); // also disposes an earlier instance, perhaps on a lost device
    } catch {
      // Disposing buffers of a lost device may throw; the registration is gone either way.
    }
  }
  tf.registerBackend(
    'webgpu',
    async () => {
      const adapter = await chooseAdapter(
        g,
        options.allowFallbackAdapter,
        options.fallbackNote ?? 'allowed because WebGPU was asked for',
      );
      // The same request as tfjs-backend-webgpu's own factory: optional features when offered, and the adapter's
      // own limits for the sizes its kernels rely on (the defaults are lower).
      const requiredFeatures: GPUFeatureName[] = [];
      if (adapter.features.has('timestamp-query')) requiredFeatures.push('timestamp-query');
      if (adapter.features.has('bgra8unorm-storage')) requiredFeatures.push('bgra8unorm-storage');
      const l = adapter.limits;
      const device = await adapter.requestDevice({
        requiredFeatures,
        requiredLimits: {
          maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
          maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
          maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
          maxBufferSize: l.maxBufferSize,
          maxComputeWorkgroupSizeX: l.maxComputeWorkgroupSizeX,
          maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
        },
      });
      void device.lost.then((info) => {
        // 'destroyed' is our own doing (the backend was disposed); anything else is a real loss.
        if (info.reason !== 'destroyed')
          options.onLost(`the WebGPU device was lost (${info.message || info.reason})`);
      });
      return new WebGPUBackend(device, adapter.info);
    },
    3,
  );
}
