/**
 * The layering of DESIGN.md as a lint rule: imports flow one way, engine ← worker ← store ← components ← pages ← app,
 * and viz depends on nothing of ours but plain data. Each folder lists what it may not import. Pages may import a
 * worker protocol's types (they describe messages; they do not start a worker).
 */
const layer = (names) => new RegExp(`(^|/)(${names.join('|')})(/|$)`).source;

const rule = (forbidden, message, extra = []) => [
  'error',
  {
    patterns: [
      { regex: layer(forbidden), message },
      ...extra.map((name) => ({ regex: `^${name}($|/)`, message })),
    ],
  },
];

const above = {
  engine: ['worker', 'store', 'components', 'pages', 'app', 'viz'],
  worker: ['store', 'components', 'pages', 'app', 'viz'],
  store: ['components', 'pages', 'app', 'viz'],
  viz: ['engine', 'worker', 'store', 'components', 'pages', 'app'],
  components: ['worker', 'pages', 'app'],
  pages: ['app'],
};
const ui = ['react', 'react-dom', 'zustand', 'd3', 'd3-[a-z]+', 'katex'];

export const layering = [
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/tf/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        [...above.engine, 'tf'],
        'engine/ is pure maths: no UI, no workers, no TensorFlow.js (that lives in engine/tf/).',
        [...ui, '@tensorflow/[a-z-]+'],
      ),
    },
  },
  {
    files: ['src/engine/tf/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        above.engine,
        'engine/tf/ sits under the worker: it may import the engine and TensorFlow.js, nothing above.',
        ui,
      ),
    },
  },
  {
    files: ['src/worker/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(above.worker, 'worker/ may import only engine/.', ui),
    },
  },
  {
    files: ['src/store/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        above.store,
        'store/ may import engine/ and worker/ only.',
        ['react-dom', 'd3', 'd3-[a-z]+'],
      ),
    },
  },
  {
    files: ['src/viz/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        above.viz,
        'viz/ renders plain data: it imports D3, never our state, workers or maths.',
        ['react', 'react-dom', 'zustand'],
      ),
    },
  },
  {
    files: ['src/components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': rule(
        above.components,
        'components/ are shared shells: they may use store/, engine/ and viz/, never a page, a worker or the app.',
      ),
    },
  },
  {
    files: ['src/pages/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: layer(above.pages), message: 'pages/ never import the app shell.' },
            {
              regex: layer(['worker']),
              message: 'pages/ reach workers through store/; only message types may be imported here.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
];
