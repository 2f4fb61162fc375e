import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { layering } from './eslint.layers.js';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'bench/out',
      'public/tfjs',
      '.cache',
      // The GPU harness's bundle and carried binaries (scripts/device/README.md), ignored by git too.
      '.device',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Where React lives: the app shell, components, pages, and the stores whose hooks they call. The engine, the
    // workers, the tests, the bench and the scripts import no React, and the React Compiler's checks were 62 % of
    // ESLint's rule time when they ran on every file.
    files: ['src/*.tsx', 'src/{app,components,pages,store,viz}/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The React hooks plugin's recommended set (React Compiler's checks included): no ref read during render,
      // no state set synchronously inside an effect, pure render functions, and the two classic hook rules.
      ...reactHooks.configs['recommended-latest'].rules,
    },
  },
  ...layering,
);
