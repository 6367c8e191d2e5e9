/**
 * `npm run test:cluster`: the store, job and service suites once more, on a real three-node Redis Cluster
 * that tests/cluster/global-setup.ts starts (REDIS_CLUSTER_NODES then points tests/support/redis.ts at
 * it), plus the many-process tests in tests/cluster.
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: [
    '<rootDir>/tests/cluster/**/*.test.ts',
    '<rootDir>/tests/integration/**/*.test.ts',
    '<rootDir>/tests/e2e/slack-commands.test.ts',
    '<rootDir>/tests/e2e/slack-interactions.test.ts',
    '<rootDir>/tests/e2e/teams-reminders.test.ts',
    '<rootDir>/tests/e2e/teams-commands.test.ts',
    '<rootDir>/tests/e2e/operations-http.test.ts',
    '<rootDir>/tests/e2e/cli-reports.test.ts',
  ],
  globalSetup: '<rootDir>/tests/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/tests/cluster/global-teardown.ts',
};
