/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  // The fault tests start their own redis-server and service processes: `npm run test:faults`.
  testPathIgnorePatterns: process.env.ARISING_FAULTS
    ? ['/node_modules/']
    : ['/node_modules/', '<rootDir>/tests/faults/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
};
