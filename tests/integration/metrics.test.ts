/**
 * Where the metrics are counted, against the real Redis and BullMQ: the counted store (actions created,
 * closed, and the overdue index behind the overdue gauge) and the workers' events (a failed attempt with
 * attempts left is a retry; one without is a failure; a sent reminder is counted per person). The queue
 * and worker are made as the service makes them, so `npm run test:cluster` runs both parts on the cluster.
 */
import { createQueue, createWorker, REMINDER_QUEUE } from '../../jobs/job-settings';
import { observeWorkers } from '../../src/app/job-metrics';
import { jobConnection } from '../../src/app/jobs-on-redis';
import { LineLogger } from '../../src/app/logger';
import { MetricsActionStore } from '../../src/app/metrics-store';
import { closeAction, dropAction } from '../../src/core/action-changes';
import { ServiceMetrics } from '../../src/server/metrics';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RedisOverdueIndex } from '../../src/store/redis-overdue-index';
import { draft, due, freshChannel, T0 } from '../support/action-fixtures';
import { deleteKeys, TEST_REDIS_CLUSTER, TEST_REDIS_URL, type TestRedis, testRedis } from '../support/redis';

let r: TestRedis;
const logger = new LineLogger('error');

beforeAll(async () => {
  r = await testRedis();
});
afterAll(async () => {
  // BullMQ's keys on a cluster are `{prefix:queue}:…`, outside the prefix's own `prefix:…`.
  await deleteKeys(r.redis, `{${r.prefix}:*`);
  await r.cleanup();
});

/** The value of one sample line of the metrics text (0 when the line is not there). */
async function sample(metrics: ServiceMetrics, line: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

const history = { at: T0, by: 'U_CHAIR', kind: 'created', changes: {}, text: null };

describe('the counted store', () => {
  it('counts actions created and closed, and keeps only open overdue actions in the overdue gauge', async () => {
    const overdue = new RedisOverdueIndex(r.redis, r.prefix);
    const now = new Date('2026-08-15T12:00:00Z');
    const metrics = new ServiceMetrics({ overdue: () => overdue.count(now) });
    const store = new MetricsActionStore(
      new RedisActionStore({ redis: r.redis, prefix: r.prefix }),
      metrics,
      overdue,
      logger,
    );
    const channel = freshChannel();
    const late = await store.create(draft(channel, { due: due('2026-07-31T16:00:00.000Z') }), history);
    const later = await store.create(draft(channel, { due: due('2026-09-30T16:00:00.000Z') }), history);
    await store.create(draft(channel, { due: null }), history);
    const imported = await store.createMany(
      [draft(channel, { due: due('2026-08-01T16:00:00.000Z') }), draft(channel)],
      () => ({ ...history, kind: 'imported' }),
    );
    expect(await sample(metrics, 'arising_actions_created_total{platform="slack"}')).toBe(5);
    expect(await sample(metrics, 'arising_actions_overdue')).toBe(3);

    const closed = closeAction(late, 'U_PRIYA', now, null);
    await store.update(closed.action, closed.entry);
    const dropped = dropAction(imported[0] ?? late, 'U_CHAIR', now, 'not needed');
    await store.update(dropped.action, dropped.entry);
    expect(await sample(metrics, 'arising_actions_closed_total{platform="slack",state="done"}')).toBe(1);
    expect(await sample(metrics, 'arising_actions_closed_total{platform="slack",state="dropped"}')).toBe(1);
    expect(await sample(metrics, 'arising_actions_overdue')).toBe(1);
    expect(later.state).toBe('open');
  });
});

/** Two attempts, the second at once (the service's own back-off waits seconds). */
const RETRY_AT_ONCE = { attempts: 2, backoff: { type: 'fixed', delay: 0 } };

describe('the workers’ events', () => {
  it('counts a failed attempt with attempts left as a retry, one without as a failure, and reminders sent', async () => {
    const connection = jobConnection({
      redisUrl: TEST_REDIS_URL,
      redisCluster: TEST_REDIS_CLUSTER,
      prefix: r.prefix,
    });
    const queue = createQueue(REMINDER_QUEUE, connection);
    let calls = 0;
    const worker = createWorker(
      REMINDER_QUEUE,
      async (job) => {
        calls += 1;
        if (job.data.fail === 'always' || (job.data.fail === 'once' && job.attemptsMade === 0)) {
          throw new Error('the platform said 503');
        }
        return { kind: 'sent', report: { sent: ['U1', 'U2'], alreadySent: [], named: [], problems: [] } };
      },
      connection,
    );
    const metrics = new ServiceMetrics();
    observeWorkers([worker], metrics, logger);
    const channel = freshChannel();
    const settled = new Promise<void>((resolve) => {
      let finished = 0;
      const done = () => {
        finished += 1;
        if (finished === 2) resolve();
      };
      worker.on('completed', done);
      worker.on('failed', (job) => {
        if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) done();
      });
    });
    try {
      await queue.add('reminder', { channel, number: 1, fail: 'once' }, RETRY_AT_ONCE);
      await queue.add('reminder', { channel, number: 2, fail: 'always' }, RETRY_AT_ONCE);
      await settled;
      expect(calls).toBe(4);
      expect(await sample(metrics, 'arising_job_retries_total{queue="reminders",job="reminder"}')).toBe(2);
      expect(await sample(metrics, 'arising_job_failures_total{queue="reminders",job="reminder"}')).toBe(1);
      expect(await sample(metrics, 'arising_reminders_sent_total{platform="slack"}')).toBe(2);
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
