/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // CDK apps in tests skip aws-cdk-lib's built-in template validation (warnings only, seconds per app).
  setupFiles: ['<rootDir>/test/setup/cdk-builtin-validation-off.js'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // Synthesizing CDK apps is CPU-heavy; two workers match the 2-core CI machine.
  maxWorkers: 2,
  testTimeout: 120000,
};
