// @ts-check
const tseslint = require('typescript-eslint');
const boundaries = require('eslint-plugin-boundaries');

/**
 * The layers of src/, bottom first (docs/architecture.md, "Layers"). A layer imports its own folders
 * and the layers below it, never one above: type-only imports, re-exports, require() and import()
 * count too. Folders of one layer may import each other. Files directly in src/ (errors.ts) are
 * the base layer. A folder no layer lists is "unlayered" and nothing may import it: rank it here.
 */
const LAYERS = [
  { layer: 'base', folders: ['config', 'domain'] },
  { layer: 'infrastructure', folders: ['upstream', 'cache', 'store', 'telemetry', 'events'] },
  { layer: 'datasources', folders: ['datasources'] },
  { layer: 'product', folders: ['security', 'metrics', 'alerts', 'conversions', 'webhooks'] },
  { layer: 'graph', folders: ['schema', 'resolvers', 'subscriptions'] },
  { layer: 'transport', folders: ['http', 'gateway', 'cli'] },
  { layer: 'app', folders: ['app'] },
];
const LAYER_TYPES = LAYERS.map((l) => l.layer);

/**
 * Architecture boundaries of src/ (eslint-plugin-boundaries), checked by `npx eslint .`:
 * - one-way layers (LAYERS above);
 * - the emulator is an independent witness of TikTok's behaviour, so nothing in src/emulator
 *   imports the rest of src/ and nothing else in src/ imports src/emulator (demo mode forks it as a
 *   process instead, src/app/demo-emulator.ts).
 * Tests, benches and bin/ are outside every element: they may import anything.
 */
const architecture = {
  files: ['src/**/*.ts'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
    'boundaries/elements': [
      { type: 'emulator', pattern: 'src/emulator', partialMatch: false },
      ...LAYERS.flatMap(({ layer, folders }) => folders.map((folder) => ({ type: layer, pattern: `src/${folder}`, partialMatch: false }))),
      { type: 'unlayered', pattern: 'src/*', partialMatch: false },
      // Files directly in src/ (errors.ts): the base layer.
      { type: 'base', pattern: 'src', partialMatch: false },
    ],
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'allow',
        policies: [
          ...LAYERS.map(({ layer }, i) => ({
            from: { element: { type: layer } },
            disallow: { to: { element: { type: [...LAYER_TYPES.slice(i + 1), 'unlayered'] } } },
            message:
              'upward import (layers rule, eslint.config.js LAYERS): the {{from.type}} layer must not import the {{to.type}} layer ({{dependency.source}}); ' +
              'move what both need down, or pass it in from above (docs/architecture.md)',
          })),
          {
            from: { element: { type: 'emulator' } },
            disallow: { to: { element: { type: [...LAYER_TYPES, 'unlayered'] } } },
            message: 'src/emulator is an independent witness of TikTok: it must not import the rest of src/ (give it its own code)',
          },
          {
            from: { element: { type: [...LAYER_TYPES, 'unlayered'] } },
            disallow: { to: { element: { type: 'emulator' } } },
            message: 'ShopGraph must not import src/emulator: demo mode runs it as a separate process (src/app/demo-emulator.ts)',
          },
        ],
      },
    ],
  },
};

module.exports = tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'coverage/', 'web/dist/', 'test-artifacts/', '**/*.js', 'test/generated/', 'web/src/generated/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  architecture,
);
