/** @type {import('jest').Config} */
const swcConfig = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

/** What every project shares: TypeScript through swc, Node, decorators' metadata. */
const shared = {
  testEnvironment: 'node',
  // jose 6 ships ES modules only: Node 20.19+ can require() them, jest's own loader cannot.
  transform: { '^.+\\.ts$': ['@swc/jest', swcConfig], '/node_modules/jose/.+\\.js$': ['@swc/jest', swcConfig] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};

/**
 * One project per kind of test (the folders under test/), each runnable alone:
 * `npm run test:unit`, `test:integration`, `test:conformance`, `test:contract`, `test:e2e`;
 * `npm test` runs them all in one pool of workers.
 */
const KINDS = ['unit', 'integration', 'conformance', 'contract', 'e2e'];

module.exports = {
  projects: KINDS.map((kind) => ({
    ...shared,
    displayName: kind,
    rootDir: __dirname,
    roots: [`<rootDir>/test/${kind}`],
    testMatch: ['**/*.test.ts'],
  })),
  testTimeout: 30000,
  maxWorkers: 2,
};
