/**
 * Jest runs the TypeScript sources as native ESM. ts-jest only transpiles (isolatedModules);
 * type checking is `npm run typecheck`, once for the whole project.
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, isolatedModules: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/plain-summary-reporter.cjs'],
  // Store tests share one PostgreSQL server; each file makes its own database, so files may run in parallel.
  maxWorkers: 2,
};
