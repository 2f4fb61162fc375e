/**
 * The wasm backend's three binaries, bundled and served by the app itself (Vite copies each file imported with
 * `?url` into the build and gives its URL); the backend is never pointed at a CDN. Browser only: this module is
 * imported lazily by backend.ts, never in Node.
 */
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** File name → URL, the map setWasmPaths expects. */
export const wasmFileMap = {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};
