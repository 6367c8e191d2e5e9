/**
 * Issue 13, part 2: one web and two worker processes of the service (the real `src/main.ts`) on a real
 * three-node Redis Cluster, against the fake Slack API. Run by `npm run test:cluster`, whose global set-up
 * starts the cluster and sets REDIS_CLUSTER_NODES.
 * - N reminders due at the same moment are each sent exactly once, whichever worker takes them;
 * - the weekly digest and the matters-arising post, planned by two processes at once, are posted once;
 * - concurrent adds in one channel get distinct numbers 1…N, each stored with its own text.
 */

import { createScheduler, type JobsOptions } from '../../jobs';
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import { JOB } from '../../jobs/job-names';
import { jobsOnRedis } from '../../src/app/jobs-on-redis';
import { ChannelMeetingsSchema, type ChannelRef } from '../../src/core/domain';
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { draft, due, entry } from '../support/action-fixtures';
import { remindersDueAt, remindingChannel } from '../support/crash-service';
import { FakeSlackApi } from '../support/fake-slack-api';
import { type ArisingProcess, startArising, waitUntil } from '../support/processes';
import { RecordingMessenger } from '../support/recording-messenger';
import {
  TEST_REDIS_CLUSTER,
  TEST_REDIS_ENV,
  TEST_REDIS_URL,
  type TestRedis,
  testRedis,
} from '../support/redis';
import { sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(120_000);

let slack: FakeSlackApi;
let r: TestRedis;
let store: RedisActionStore;
/** The web side's scheduler as a second web process would have it, in the test process. */
let scheduler: BullScheduler;
let web: ArisingProcess;
let workers: ArisingProcess[] = [];

/** A process of the service on the cluster, with short job timings. */
function start(role: 'web' | 'worker'): ArisingProcess {
  return startArising({
    redisUrl: TEST_REDIS_URL,
    slackApiUrl: slack.apiUrl,
    prefix: r.prefix,
    role,
    nodeArgs: [],
    // Three processes compile and start at once: give them longer than one on a busy machine.
    readyTimeoutMs: 90_000,
    // The service's own job timings: nothing is killed here, and the fault tests' two-second locks would
    // let a machine busy with other suites mark live jobs as stalled (and, twice stalled, fail them).
    env: { ...TEST_REDIS_ENV },
  });
}

beforeAll(async () => {
  if (!TEST_REDIS_CLUSTER) throw new Error('Run with `npm run test:cluster`: it starts the Redis Cluster');
  slack = await new FakeSlackApi().start();
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  const options: JobsOptions = {
    ...jobsOnRedis({
      redisUrl: TEST_REDIS_URL,
      redisCluster: TEST_REDIS_CLUSTER,
      prefix: r.prefix,
      redis: r.redis,
    }),
    holidays: holidayTest,
    store,
    messenger: new RecordingMessenger(),
    clock: { now: () => new Date() },
    defaultTimezone: 'Europe/London',
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
  scheduler = createScheduler(options);
  web = start('web');
  workers = [start('worker'), start('worker')];
  await web.ready;
  await Promise.all(workers.map((w) => w.waitForOutput(/Workers: .*running/, 90_000)));
});

afterAll(async () => {
  await Promise.all([web, ...workers].map((p) => p?.stop()));
  await scheduler?.close();
  await slack?.stop();
  await r?.cleanup();
});

/** Posts Slack got in a conversation. */
function postsIn(conversation: string) {
  return slack.callsTo('chat.postMessage').filter((p) => p.body.channel === conversation);
}

/** What every process logged: a CROSSSLOT or any other Redis refusal shows up here. */
function logs(): string {
  return [web, ...workers].map((p) => p.output()).join('\n');
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('sends each of 20 reminders due at the same moment exactly once, across two workers', async () => {
  slack.reset();
  const owners = Array.from({ length: 20 }, (_, i) => `U0MANY${String(i + 1).padStart(2, '0')}`);
  const channel = await remindingChannel(store, 'C0MANYREM');
  await remindersDueAt({ store, scheduler }, channel, owners, new Date(Date.now() + 2000));
  const dms = () => Object.fromEntries(owners.map((o) => [o, postsIn(`D${o}`).length]));
  await waitUntil(
    () => Object.values(dms()).every((n) => n >= 1),
    30_000,
    `every owner's reminder; so far ${JSON.stringify(dms())}\n${logs()}`,
  );
  await settle(3000);
  expect(dms()).toEqual(Object.fromEntries(owners.map((o) => [o, 1])));
  expect(logs()).not.toMatch(/CROSSSLOT|MOVED|ERR/);
});

it('posts the weekly digest once when two web sides set it at the same moment', async () => {
  slack.reset();
  const where: Where = { team: 'T0TEAM', channel: 'C0MANYDIG', user: 'U0CHAIR' };
  const channel: ChannelRef = { platform: 'slack', team: where.team, channel: where.channel };
  await store.create(draft(channel, { due: due('2026-01-05T16:00:00.000Z') }), entry('created'));
  // The web process is told the setting while the test's own web side re-plans the channel.
  const told = sendToSlackEndpoint(
    web.baseUrl,
    slashCommand(where, 'settings digest monday 09:00', slack.responseUrl()),
  );
  await Promise.all([told, scheduler.channelChanged(channel)]);
  await slack.waitForCalls('response_url', 1, 15_000);
  await scheduler.channelChanged(channel);
  const queue = scheduler.queues.channelPosts;
  const digests = (await queue.getDelayed()).filter(
    (j) => j.name === JOB.digest && j.data.channel.channel === where.channel,
  );
  expect(digests).toHaveLength(1);
  await Promise.all(digests.map((j) => j.promote()));
  // Beside the digest, the channel has the note that the chair set it up.
  const digestPosts = () =>
    postsIn(where.channel).filter((p) => JSON.stringify(p.body).includes('digest-sent'));
  await waitUntil(() => digestPosts().length >= 1, 20_000, `the digest\n${logs()}`);
  await settle(3000);
  expect(digestPosts()).toHaveLength(1);
  expect(JSON.stringify(digestPosts()[0]?.body)).toMatch(/overdue/i);
});

it('posts matters arising once, and DMs its owner once, when two processes plan it', async () => {
  slack.reset();
  const channel: ChannelRef = { platform: 'slack', team: 'T0TEAM', channel: 'C0MANYMA' };
  const meeting = { id: 'm1', title: 'Board', date: '2031-09-09', createdAt: new Date().toISOString() };
  await store.saveMeetings(
    channel,
    ChannelMeetingsSchema.parse({ current: meeting, next: '2031-10-14T14:00' }),
  );
  const owned = draft(channel, { meetingId: 'm1', owners: [{ kind: 'user', id: 'U0MANYMA' }] });
  await store.create(owned, entry('created'));
  await Promise.all([scheduler.channelChanged(channel), scheduler.channelChanged(channel)]);
  const queue = scheduler.queues.channelPosts;
  const planned = (await queue.getDelayed()).filter(
    (j) => j.name === JOB.mattersArising && j.data.channel.channel === channel.channel,
  );
  expect(planned).toHaveLength(1);
  await Promise.all(planned.map((j) => j.promote()));
  await waitUntil(
    () => postsIn(channel.channel).length >= 1 && postsIn('DU0MANYMA').length >= 1,
    20_000,
    `the matters-arising post and DM\n${logs()}`,
  );
  await settle(3000);
  expect(postsIn(channel.channel)).toHaveLength(1);
  expect(JSON.stringify(postsIn(channel.channel)[0]?.body)).toMatch(/matters arising/i);
  expect(postsIn('DU0MANYMA')).toHaveLength(1);
});

it('gives 30 adds sent at once in one channel the numbers 1 to 30, each with its own text', async () => {
  slack.reset();
  const where: Where = { team: 'T0TEAM', channel: 'C0MANYADD', user: 'U0CHAIR' };
  const channel: ChannelRef = { platform: 'slack', team: where.team, channel: where.channel };
  const texts = Array.from({ length: 30 }, (_, i) => `bring draft ${i + 1}`);
  await Promise.all(
    texts.map((text, i) =>
      sendToSlackEndpoint(
        web.baseUrl,
        slashCommand(where, `add <@U0PRIYA|priya> to ${text}`, slack.responseUrl(`r${i}`)),
      ),
    ),
  );
  await waitUntil(
    async () => (await store.list(channel, 'all')).length >= texts.length,
    30_000,
    `30 actions stored\n${logs()}`,
  );
  const actions = await store.list(channel, 'all');
  expect(actions.map((a) => a.number).sort((a, b) => a - b)).toEqual(texts.map((_, i) => i + 1));
  expect(actions.map((a) => a.text).sort()).toEqual([...texts].sort());
  expect(logs()).not.toMatch(/CROSSSLOT|Something went wrong/);
});
