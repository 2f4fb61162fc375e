/**
 * The one entry to TensorFlow.js for the whole engine.
 *
 * tfjs-core alone registers no gradients (the `@tensorflow/tfjs` union package does that for its users), so
 * every file here imports `tf` from this module, which registers them once. Backends are not imported here:
 * backend.ts loads them lazily, so Node tests pull in only the CPU backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { tf };
