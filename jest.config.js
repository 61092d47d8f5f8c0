/**
 * Four projects, one suite:
 * - `no-db`: pure unit tests beside the code (src/**\/*.test.ts) and the mock acquirer's tests;
 * - `pglite` and `postgres`: the integration tests (test/**), run once per database kind;
 * - `browser`: e2e/**\/*.browser.test.ts, Chromium driven by playwright-core, on PGlite only.
 * - `reliability`: the reliability harness (e2e/reliability), gateway and acquirer processes on
 *   PostgreSQL only.
 * scripts/test.mjs decides which projects run (PostgreSQL when reachable, Chromium when installed;
 * both required in CI).
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
const notBrowser = [...common.testPathIgnorePatterns, '\\.browser\\.test\\.ts$', reliability];

export default {
  // A global option: Jest ignores testTimeout inside a project's config.
  testTimeout: 30_000,
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
      testPathIgnorePatterns: notBrowser,
      setupFiles: ['<rootDir>/scripts/jest/use-pglite.js'],
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/slow-timeout.js'],
    },
    {
      ...common,
      displayName: 'postgres',
      testMatch: integration,
      testPathIgnorePatterns: notBrowser,
      setupFiles: ['<rootDir>/scripts/jest/use-postgres.js'],
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/slow-timeout.js'],
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/e2e/**/*.browser.test.ts'],
      setupFiles: ['<rootDir>/scripts/jest/use-pglite.js'],
      setupFilesAfterEnv: ['<rootDir>/scripts/jest/slow-timeout.js'],
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
