/** @jest-config-loader ts-node */
/** @jest-config-loader-options {"transpileOnly": true} */
import type { Config } from 'jest';

/**
 * One Jest run for the pure shared code, the server and the add-in's non-DOM code. TypeScript is stripped by @swc/jest
 * (no TypeScript compiler API needed); types are checked by `tsc -b` before Jest runs.
 * The database for every server test is real: PGlite by default, PostgreSQL when
 * TEST_DATABASE_URL is set (see server/src/test/global-setup.ts).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared/src', '<rootDir>/server/src', '<rootDir>/addin/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc as never, '^.+\\.mjs$': swc as never },
  // jose, typebox and cookie (via light-my-request, i.e. app.inject) are ESM-only; swc turns them into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(jose|typebox|@fastify/type-provider-typebox|content-disposition|cookie)/)'],
  moduleNameMapper: { '^@arkiv/shared$': '<rootDir>/shared/src/index.ts' },
  globalSetup: '<rootDir>/server/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/server/src/test/global-teardown.ts',
  maxWorkers: 2,
  // A hang fails here; speed is measured by the benchmarks. Generous, so that a busy 2-core CI
  // machine (browsers, PGlite and child servers side by side) does not fail a slow but sound test.
  testTimeout: 180_000,
};

export default config;
