/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // swc strips types without type-checking; `tsc --noEmit` type-checks once in `npm test`.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/stacks/**/*.test.ts'],
  // Two cores: one worker per core.
  maxWorkers: 2,
};
