/**
 * The CLI's Redis store (cli-store.ts), loaded when a command first needs Redis rather than when the
 * `arising` command starts. cli-store brings ioredis, BullMQ and the job processors; `arising --help`, a
 * usage error or an `import --dry-run` never touch Redis, so they start without loading any of them.
 */
export const loadCliStore = (): typeof import('./cli-store') => require('./cli-store');
