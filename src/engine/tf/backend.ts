/**
 * Choosing the tensor backend, and saying which and why.
 *
 * Order of preference: webgpu → wasm → webgl → cpu.
 *  - auto with a workload (the caller's real work, e.g. training steps of the current network) measures: it uses
 *    the verdict cached for this browser, or times the workload on hardware WebGPU and wasm and keeps the
 *    fastest (measuredAuto.ts). The reason text states the measured rates.
 *  - auto without a workload picks WebGPU only when the adapter is a real GPU: a fallback/software adapter
 *    (SwiftShader, llvmpipe) runs WebGPU on the CPU far slower than wasm (BROWSER.md measured ≈ 3 vs ≈ 157
 *    steps/s), so auto then starts at wasm.
 *  - wasm uses SIMD where the browser has it; its binaries come from the app itself (wasmFiles.ts).
 *  - a forced backend (`?backend=…`) is tried first; if it cannot start, the ones after it in the order are tried.
 * Every backend that was skipped or failed leaves a sentence in `fallbacks`, which the page shows as notices.
 *
 * Backends load lazily (dynamic import), so in Node `initBackend('cpu')` touches nothing but the CPU backend.
 *
 * wasm threads are kept off, even in a cross-origin-isolated page where SharedArrayBuffer would allow them:
 *  - tfjs-backend-wasm 4.22 starts its pthread workers from the text of its own factory function
 *    (`factory.toString()` into a Blob). In a minified production bundle that text refers to variables the minifier
 *    renamed outside the function, so every pthread worker dies with "ReferenceError: e is not defined" and the
 *    backend never starts (seen in Chromium with `vite build`; the dev server, unminified, does start);
 *  - where it did start (dev server, 2-core machine) XNNPACK reported a pool of 1 thread anyway: the 2→64→64→1
 *    network's matrices are too small to split.
 * So the SIMD binary runs single-threaded everywhere, which is also what a page without COOP/COEP gets.
 */
import { version as APP_VERSION } from '../../../package.json';
import { monotonicClock } from '../clock';
import { tf } from './core';
import type { Workload } from './measure';
import { browserVerdictStore, type VerdictStore } from './verdictStore';

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';
export type BackendRequest = 'auto' | BackendName;

export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', ...BACKEND_ORDER];

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', wasm: 'wasm', webgl: 'WebGL', cpu: 'CPU' };

export interface BackendChoice {
  name: BackendName;
  /** Why this backend, and how it runs, e.g. "auto: no hardware GPU adapter (…); wasm with SIMD, 2 threads". */
  reason: string;
  /** One sentence per backend that was passed over or failed, in order. */
  fallbacks: string[];
}

export interface InitOptions {
  /** Backends not to try (after a WebGPU device or a WebGL context was lost, that backend). */
  skip?: readonly BackendName[];
  /** Why auto is choosing again, for the reason text (e.g. "the WebGPU device was lost"). */
  note?: string;
  /** auto only: the work to time on each candidate (see measuredAuto.ts). Without it auto does not measure. */
  workload?: Workload;
  /** auto only: measure again even if this browser has a verdict, the software adapter included. */
  remeasure?: boolean;
  /** Where verdicts are kept (default: IndexedDB, else memory). */
  verdicts?: VerdictStore;
}

let defaultVerdicts: VerdictStore | null = null;

/** `message` says what happened (for a notice); `backend` is the one that stopped working. */
type LostListener = (message: string, backend: BackendName) => void;
const lostListeners = new Set<LostListener>();

/**
 * Subscribes to "the backend in use stopped working": a lost WebGPU device (webgpu.ts) or a lost WebGL context
 * (contextLoss.ts). Returns the unsubscribe.
 */
export function onBackendLost(listener: LostListener): () => void {
  lostListeners.add(listener);
  return () => lostListeners.delete(listener);
}

function reportLost(message: string, backend: BackendName): void {
  for (const listener of lostListeners) listener(message, backend);
}

/** The display name of a backend, e.g. "WebGL". */
export function backendLabel(name: BackendName): string {
  return LABEL[name];
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

async function activate(name: BackendName): Promise<void> {
  // setBackend resolves false (after a console warning) when the backend's factory throws.
  const ok = await tf.setBackend(name);
  if (!ok || tf.getBackend() !== name) throw new Error('it failed to initialise');
  await tf.ready();
}

let wasmPathsSet = false;

/** Starts one backend; returns how it runs (for the reason text) or throws why it cannot. */
async function start(name: BackendName, forced: boolean, fallbackNote?: string): Promise<string> {
  switch (name) {
    case 'cpu': {
      await import('@tensorflow/tfjs-backend-cpu');
      await activate('cpu');
      return 'CPU (plain JavaScript)';
    }
    case 'webgl': {
      await import('@tensorflow/tfjs-backend-webgl');
      await activate('webgl');
      const { watchWebGlContext } = await import('./contextLoss');
      watchWebGlContext((message) => reportLost(message, 'webgl'));
      const version = tf.env().getNumber('WEBGL_VERSION');
      const float32 = tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED');
      return `WebGL ${version}${float32 ? '' : ' (16-bit floats)'}`;
    }
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (!wasmPathsSet) {
        const { wasmFileMap } = await import('./wasmFiles');
        wasm.setWasmPaths(wasmFileMap);
        wasmPathsSet = true;
      }
      // Single-threaded on purpose (see the note at the top of this file).
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
      await activate('wasm');
      const threads = wasm.getThreadsCount();
      return `wasm ${simd ? 'with SIMD' : 'without SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}`;
    }
    case 'webgpu': {
      const { registerWebGpu } = await import('./webgpu');
      await registerWebGpu({
        allowFallbackAdapter: forced,
        fallbackNote,
        onLost: (m) => reportLost(m, 'webgpu'),
      });
      await activate('webgpu');
      const { lastAdapterNote } = await import('./webgpu');
      return `WebGPU on ${lastAdapterNote}`;
    }
  }
}

/**
 * Starts the requested backend, or the next that works. Throws only if none does (the CPU backend always
 * does, unless it was skipped).
 */
export async function initBackend(
  requested: BackendRequest,
  options: InitOptions = {},
): Promise<BackendChoice> {
  const skip = new Set(options.skip ?? []);
  const fallbacks: string[] = [];
  let candidates: BackendName[];
  let prefix: string;

  if (requested === 'auto') {
    candidates = [...BACKEND_ORDER];
    prefix = options.note ? `auto: ${options.note}` : 'auto';
    if (!skip.has('webgpu')) {
      const { probeAdapter } = await import('./webgpu');
      const probe = await probeAdapter();
      prefix = `auto: ${probe.note}`;
      if (!probe.hardware) candidates = candidates.filter((n) => n !== 'webgpu');
      if (options.workload) {
        const measured = await measure(options.workload, options, skip, probe, fallbacks);
        if (measured) return measured;
        // No measured candidate started: on to WebGL and the CPU backend.
        candidates = candidates.filter((n) => n === 'webgl' || n === 'cpu');
      }
    }
  } else {
    candidates = BACKEND_ORDER.slice(BACKEND_ORDER.indexOf(requested));
    prefix = `asked for ${LABEL[requested]}`;
  }
  candidates = candidates.filter((n) => !skip.has(n));

  const failed: string[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const name = candidates[i];
    try {
      const how = await start(name, requested === name);
      const failures = failed.length > 0 ? `; ${failed.join(', ')} could not start` : '';
      return { name, reason: `${prefix}${failures}; ${how}`, fallbacks };
    } catch (error) {
      failed.push(LABEL[name]);
      const next = candidates[i + 1];
      fallbacks.push(
        `The ${LABEL[name]} backend could not start (${errorText(error)})` +
          (next ? `; trying ${LABEL[next]} instead.` : '.'),
      );
    }
  }
  throw new Error(`No tensor backend could start. ${fallbacks.join(' ')}`);
}

function measure(
  workload: Workload,
  options: InitOptions,
  skip: ReadonlySet<BackendName>,
  probe: { hardware: boolean; description: string | null },
  fallbacks: string[],
): Promise<BackendChoice | null> {
  return import('./measuredAuto').then(({ measuredAuto }) =>
    measuredAuto(
      {
        workload,
        remeasure: options.remeasure ?? false,
        skip,
        adapter: probe,
        appVersion: APP_VERSION,
        store: options.verdicts ?? (defaultVerdicts ??= browserVerdictStore()),
        start: (name, software) =>
          start(name, software, software ? 'measured against the others at your request' : undefined),
        activate,
        label: backendLabel,
        clock: monotonicClock,
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      },
      fallbacks,
    ),
  );
}

/** The backend in use now (null before initBackend). */
export function currentBackend(): string | null {
  return tf.getBackend() ?? null;
}
