/**
 * Four projects, one suite:
 * - `no-db`: pure unit tests beside the code (src/**\/*.test.ts) and the mock acquirer's tests;
 * - `pglite` and `postgres`: the integration tests (test/**), run once per database kind;
 * - `reliability`: the reliability harness (e2e/reliability), gateway and acquirer processes on
 *   PostgreSQL only.
 * scripts/test.mjs decides which database projects run (PostgreSQL when reachable; required in CI).
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@caisse/gateway$': '<rootDir>/core/gateway/src/index.ts',
    '^@caisse/gateway/testing$': '<rootDir>/core/gateway/src/testing/index.ts',
    '^@caisse/client$': '<rootDir>/core/client/src/index.ts',
    '^@caisse/mock-acquirer$': '<rootDir>/mock-acquirer/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  rootDir: import.meta.dirname,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30_000,
};

const integration = ['<rootDir>/core/*/test/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts'];
const reliability = '/e2e/reliability/';

export default {
  projects: [
    {
      ...common,
      displayName: 'no-db',
      testMatch: ['<rootDir>/core/*/src/**/*.test.ts', '<rootDir>/mock-acquirer/**/*.test.ts'],
    },
    {
      ...common,
      displayName: 'pglite',
      testMatch: integration,
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, reliability],
      setupFiles: ['<rootDir>/scripts/jest/use-pglite.js'],
    },
    {
      ...common,
      displayName: 'postgres',
      testMatch: integration,
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, reliability],
      setupFiles: ['<rootDir>/scripts/jest/use-postgres.js'],
    },
    {
      ...common,
      displayName: 'reliability',
      testMatch: ['<rootDir>/e2e/reliability/**/*.test.ts'],
      setupFiles: ['<rootDir>/scripts/jest/use-postgres.js'],
      testTimeout: 180_000,
    },
  ],
};
