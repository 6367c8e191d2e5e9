/**
 * `npm run test:cluster`: the store, job and service suites once more, on a real three-node Redis Cluster
 * that tests/cluster/global-setup.ts starts (REDIS_CLUSTER_NODES then points tests/support/redis.ts, and
 * the service processes the tests start, at it), plus the many-process tests in tests/cluster.
 * The store contract runs here on the Redis store (redis-store-contract); the core suites run on the
 * in-memory store in tests/unit and need no cluster.
 * Suites that test one server's own failures (redis-outage), need no Redis, or take long and add nothing
 * a cluster could break (reminders-crash, cli-reports: the CLI's Redis path is run by cli-import-channel)
 * are left to `npm test`, to keep this within a few minutes.
 */
const base = require('./jest.config.js');

const ON_THE_CLUSTER_TOO = [
  'integration/redis-action-store',
  'integration/redis-store-records',
  'integration/redis-store-contract',
  'integration/reminder-ledger',
  'integration/metrics',
  'integration/reminders-delivery',
  'integration/reminders-channel-posts',
  'integration/add-repair',
  'integration/teams-service-urls',
  'e2e/slack-commands',
  'e2e/slack-channel-races',
  'e2e/slack-interactions',
  'e2e/slack-home',
  'integration/redis-owner-index',
  'e2e/teams-commands',
  'e2e/teams-reminders',
  'e2e/operations-http',
  'e2e/cli-import-channel',
  'integration/calendar-refresh-job',
  'e2e/meeting-calendar',
  'integration/workspace-installs',
  'e2e/slack-uninstall-jobs',
  'e2e/slack-enterprise',
];

module.exports = {
  ...base,
  testPathIgnorePatterns: ['/node_modules/'],
  testMatch: [
    '<rootDir>/tests/cluster/**/*.test.ts',
    ...ON_THE_CLUSTER_TOO.map((name) => `<rootDir>/tests/${name}.test.ts`),
  ],
  globalSetup: '<rootDir>/tests/cluster/global-setup.ts',
  globalTeardown: '<rootDir>/tests/cluster/global-teardown.ts',
};
