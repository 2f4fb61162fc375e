import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Vite's cache (the pre-bundled TensorFlow.js below, Vitest's results) in the project, not in node_modules.
  cacheDir: '.cache/vite',
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // One test file per core. Vitest's default leaves a core for itself (cores − 1), which on the 2-core test
    // machine runs the files one at a time while the main process is mostly idle.
    maxWorkers: availableParallelism(),
    deps: {
      optimizer: {
        // TensorFlow.js ships its ES modules as ~900 separate files that Node cannot load directly, so Vitest
        // would transform and evaluate each of them again in every test file that imports it. Pre-bundled once into
        // one module: a one-test file importing it took 34 s before (31 s of it the import) and 7.6 s after, on the
        // shared 2-core machine at a load average of 19.
        ssr: {
          enabled: true,
          include: [
            '@tensorflow/tfjs-core',
            '@tensorflow/tfjs-core/dist/register_all_gradients',
            '@tensorflow/tfjs-backend-cpu',
          ],
        },
      },
    },
  },
});
