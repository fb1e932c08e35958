/** Jest runs the TypeScript sources as native ESM, transpiled by SWC (type checking is `npm run typecheck`). */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'es6' },
      },
    ],
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.cjs'],
  // Store tests share one PostgreSQL server; each file makes its own database, so files may run in parallel.
  maxWorkers: 2,
};
