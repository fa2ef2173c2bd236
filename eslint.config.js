// @ts-check
const tseslint = require('typescript-eslint');
const boundaries = require('eslint-plugin-boundaries');

/**
 * Architecture boundaries of src/ (eslint-plugin-boundaries). Each folder is an element; the
 * emulator is an independent witness of TikTok's behaviour, so nothing in src/emulator imports
 * the rest of src/ and nothing else in src/ imports src/emulator (demo mode forks it as a
 * process instead). Later layer rules (e.g. one-way layers between src/ folders) go here as more
 * policies over the same elements. Tests, benches and bin/ are outside every element: they may
 * import both sides.
 */
const architecture = {
  files: ['src/**/*.ts'],
  plugins: { boundaries },
  settings: {
    'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } },
    'boundaries/elements': [
      { type: 'emulator', pattern: 'src/emulator', partialMatch: false },
      { type: 'product', pattern: 'src/*', partialMatch: false, capture: ['folder'] },
      // Files directly in src/ (main.ts, errors.ts, ...).
      { type: 'product', pattern: 'src', partialMatch: false },
    ],
  },
  rules: {
    'boundaries/dependencies': ['error', {
      default: 'allow',
      policies: [
        {
          from: { element: { type: 'emulator' } },
          disallow: { to: { element: { type: 'product' } } },
          message: 'src/emulator is an independent witness of TikTok: it must not import the rest of src/ (give it its own code)',
        },
        {
          from: { element: { type: 'product' } },
          disallow: { to: { element: { type: 'emulator' } } },
          message: 'ShopGraph must not import src/emulator: demo mode runs it as a separate process (src/http/demo-emulator.ts)',
        },
      ],
    }],
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
