/**
 * WebGL context loss, handled like a lost WebGPU device (webgpu.ts): the engine hears of it and moves on.
 *
 * A WebGL context is lost when the GPU process crashes or resets, or the driver reclaims it. tfjs-backend-webgl
 * notices only to drop its cached context; the backend object stays registered and every later call is a no-op
 * on a dead context. Its reads wait on fences that never signal, so a training chunk in flight never finishes:
 * the run would freeze at its step with no word said. Here we listen for `webglcontextlost` on the backend's
 * canvas (an OffscreenCanvas in a worker) and report the loss once, so the session can take the next backend.
 *
 * `loseWebGlContext` asks the browser to lose the context on purpose (the WEBGL_lose_context extension), which
 * is how the end-to-end test reproduces a GPU-process crash; it is reachable as `scoreLabDebug.loseWebGlContext()`
 * in the worker's global scope, and does nothing unless the WebGL backend is running.
 */
import { tf } from './core';

type GL = WebGLRenderingContext | WebGL2RenderingContext;

/** The WebGL context of tfjs's WebGL backend, if that backend has been created. */
function webglContext(): GL | null {
  // MathBackendWebGL keeps its GPGPUContext in `gpgpu`, whose `gl` is the context (tfjs-backend-webgl 4.x).
  const backend = tf.findBackend('webgl') as unknown as { gpgpu?: { gl?: GL } } | null;
  return backend?.gpgpu?.gl ?? null;
}

let watched: GL | null = null;

/** Reports (once per context) when the WebGL backend's context is lost. Call after the backend starts. */
export function watchWebGlContext(onLost: (message: string) => void): void {
  const gl = webglContext();
  if (!gl || gl === watched) return;
  watched = gl;
  const canvas = gl.canvas as EventTarget;
  canvas.addEventListener(
    'webglcontextlost',
    () => onLost('the WebGL context was lost (a GPU reset or a crash of the browser’s GPU process)'),
    { once: true },
  );
  (globalThis as { scoreLabDebug?: { loseWebGlContext: () => boolean } }).scoreLabDebug = {
    loseWebGlContext,
  };
}

/** Loses the WebGL backend's context on purpose, as a GPU-process crash would. False if there is none. */
export function loseWebGlContext(): boolean {
  const extension = webglContext()?.getExtension('WEBGL_lose_context');
  if (!extension) return false;
  extension.loseContext();
  return true;
}
