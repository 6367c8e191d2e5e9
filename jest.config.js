/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  // The fault tests start their own redis-server and service processes: `npm run test:faults`. The
  // cluster tests need the Redis Cluster that `npm run test:cluster` (jest.cluster.config.js) starts.
  testPathIgnorePatterns: process.env.ARISING_FAULTS
    ? ['/node_modules/', '<rootDir>/tests/cluster/']
    : ['/node_modules/', '<rootDir>/tests/faults/', '<rootDir>/tests/cluster/'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  testTimeout: 30000,
};
