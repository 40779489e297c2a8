/** @jest-config-loader ts-node */
/** @jest-config-loader-options {"transpileOnly": true} */
import type { Config } from 'jest';

/**
 * One Jest run for the pure shared code and the server. TypeScript is stripped by @swc/jest
 * (no TypeScript compiler API needed); types are checked by `tsc -b` before Jest runs.
 * The database for every server test is real: PGlite by default, PostgreSQL when
 * TEST_DATABASE_URL is set (see server/src/test/global-setup.ts).
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/shared/src', '<rootDir>/server/src'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc as never, '^.+\\.mjs$': swc as never },
  // jose, typebox and cookie (light-my-request, i.e. app.inject) are ESM-only; let swc turn it into CommonJS for Jest's module system.
  transformIgnorePatterns: ['/node_modules/(?!(jose|typebox|@fastify/type-provider-typebox|content-disposition|cookie)/)'],
  moduleNameMapper: { '^@arkiv/shared$': '<rootDir>/shared/src/index.ts' },
  globalSetup: '<rootDir>/server/src/test/global-setup.ts',
  globalTeardown: '<rootDir>/server/src/test/global-teardown.ts',
  maxWorkers: 2,
  testTimeout: 60_000,
};

export default config;
