/**
 * An add killed (SIGKILL, ARISING_FAILPOINT) at each instant between its steps, then a restart: the
 * service's start-up repair pass finishes every add, and nothing is sent twice.
 * - `add.after-store` (stored; no reminders, no card): after the restart the card is posted once and
 *   linked, the reminders are planned, and the reminder reaches the owner exactly once;
 * - `add.after-schedule` (reminders planned; no card): the card is posted once and linked;
 * - `add.after-post` (card posted, not linked): the card is found by its key, not posted again, and a
 *   thread reply "done" closes the action.
 * Real processes: the service (`tsx src/main.ts`), its own redis-server, the fake Slack API.
 */
import { Queue } from 'bullmq';
import { REMINDER_QUEUE } from '../../jobs/job-settings';
import { type ChannelRef, ChannelSettingsSchema } from '../../src/core/domain';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { type Call, FakeSlackApi } from '../support/fake-slack-api';
import {
  type ArisingProcess,
  freshPrefix,
  startArising,
  startRedis,
  type TestRedisServer,
  waitUntil,
} from '../support/processes';
import { messageEvent, sendToSlackEndpoint, slashCommand, type Where } from '../support/slack-signing';

jest.setTimeout(240_000);

const prefix = freshPrefix();
const FAILPOINTS = ['add.after-store', 'add.after-schedule', 'add.after-post'] as const;
type Failpoint = (typeof FAILPOINTS)[number];
const where = (fp: Failpoint): Where => ({
  team: 'T0TEAM',
  channel: `C0${fp.replace(/\W/g, '').toUpperCase()}`,
  user: 'U0CHAIR',
});
const channelOf = (fp: Failpoint): ChannelRef => ({
  platform: 'slack',
  team: 'T0TEAM',
  channel: where(fp).channel,
});
const cardKey = (fp: Failpoint): string => `card:slack:T0TEAM:${where(fp).channel}:1`;

let slack: FakeSlackApi;
let redis: TestRedisServer;
let store: RedisActionStore;
let reminders: Queue;
const apps: ArisingProcess[] = [];

/**
 * The service, with its repair pass at start and then not again for an hour. Armed with a failpoint, its
 * pass leaves alone actions younger than an hour, so each kill's leftovers are seen as the kill left them;
 * the restart repairs actions older than a second.
 */
function start(failpoint?: Failpoint): ArisingProcess {
  const env: Record<string, string> = { ARISING_REPAIR_GRACE: '1', ARISING_REPAIR_INTERVAL: '3600' };
  if (failpoint) Object.assign(env, { ARISING_FAILPOINT: failpoint, ARISING_REPAIR_GRACE: '3600' });
  const app = startArising({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, prefix, env });
  apps.push(app);
  return app;
}

/** Its start-up repair pass has run (so a kill now cannot leave the pass's claim behind). */
async function started(app: ArisingProcess): Promise<void> {
  await app.ready;
  await app.waitForOutput(/Repair: /);
}

/** "YYYY-MM-DD HH:mm" in London, as a user would type a due time. */
function londonMinute(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function keyOf(call: Call): unknown {
  const metadata = call.body.metadata as { event_payload?: { key?: unknown } } | undefined;
  return metadata?.event_payload?.key;
}

/** The cards posted in the failpoint's channel. */
const cardsIn = (fp: Failpoint): Call[] =>
  slack.callsTo('chat.postMessage').filter((c) => keyOf(c) === cardKey(fp));
/** The reminders DMed to Priya about the failpoint's action. */
const remindersOf = (fp: Failpoint): Call[] =>
  slack
    .callsTo('chat.postMessage')
    .filter((c) => c.body.channel === 'DU0PRIYA' && JSON.stringify(c.body).includes(`for ward ${fp}`));

async function reminderJobsOf(fp: Failpoint): Promise<number> {
  const jobs = await reminders.getDelayed();
  return jobs.filter((j) => j.data.channel.channel === where(fp).channel).length;
}

beforeAll(async () => {
  slack = await new FakeSlackApi().start();
  redis = await startRedis();
  store = new RedisActionStore({ redis: redis.client, prefix });
  reminders = new Queue(REMINDER_QUEUE, { connection: { url: redis.url }, prefix });
  for (const fp of FAILPOINTS) {
    await store.saveSettings(channelOf(fp), ChannelSettingsSchema.parse({ reminders: ['0'] }));
  }
});

afterAll(async () => {
  await reminders?.close();
  await Promise.all(apps.map((a) => a.stop()));
  await slack?.stop();
  await redis?.stop();
});

it('finishes an add killed at each failpoint after a restart, sending each card and reminder once', async () => {
  // Due at the start of a minute 45–105 s from now: far enough for three kills and a restart.
  const dueAt = new Date(Math.ceil((Date.now() + 45_000) / 60_000) * 60_000);
  for (const fp of FAILPOINTS) {
    const app = start(fp);
    await started(app);
    const due = fp === 'add.after-store' ? londonMinute(dueAt) : '31 December 2030';
    const text = `add <@U0PRIYA|priya> to check the figures for ward ${fp} by ${due}`;
    await sendToSlackEndpoint(app.baseUrl, slashCommand(where(fp), text, slack.responseUrl(fp)));
    await app.exited;
    expect(app.output()).toContain(`failpoint ${fp}: killing this process`);
    expect((await store.get(channelOf(fp), 1))?.message).toBeNull();
  }
  // What each kill left: stored everywhere; reminders only once planned; a card only once posted.
  expect(await reminderJobsOf('add.after-store')).toBe(0);
  expect(await reminderJobsOf('add.after-schedule')).toBeGreaterThan(0);
  expect(cardsIn('add.after-store')).toHaveLength(0);
  expect(cardsIn('add.after-schedule')).toHaveLength(0);
  expect(cardsIn('add.after-post')).toHaveLength(1);

  const app = start();
  await started(app);
  await waitUntil(
    async () => {
      const linked = await Promise.all(FAILPOINTS.map((fp) => store.get(channelOf(fp), 1)));
      return linked.every((a) => a?.message);
    },
    20_000,
    'every action linked to its card',
  );
  for (const fp of FAILPOINTS) {
    expect(cardsIn(fp)).toHaveLength(1);
    const card = (await store.get(channelOf(fp), 1))?.message;
    if (!card) throw new Error(`no card linked for ${fp}`);
    expect(await store.findByMessage('slack', card)).toEqual({ channel: channelOf(fp), number: 1 });
    expect(await reminderJobsOf(fp)).toBeGreaterThan(0);
  }

  // The card found again is the action's: a reply "done" in its thread closes it.
  const found = (await store.get(channelOf('add.after-post'), 1))?.message;
  if (!found) throw new Error('the card of add.after-post is not linked');
  const reply = messageEvent({ ...where('add.after-post'), user: 'U0PRIYA' }, 'done', { threadTs: found.id });
  expect((await sendToSlackEndpoint(app.baseUrl, reply)).status).toBe(200);
  await waitUntil(
    async () => (await store.get(channelOf('add.after-post'), 1))?.state === 'done',
    10_000,
    'the thread reply to close the action',
  );

  // The reminder planned only by the repair reaches Priya at its due time, once.
  await waitUntil(
    () => remindersOf('add.after-store').length > 0,
    dueAt.getTime() - Date.now() + 20_000,
    'the reminder',
  );
  await new Promise((resolve) => setTimeout(resolve, 3000));
  expect(remindersOf('add.after-store')).toHaveLength(1);
  for (const fp of FAILPOINTS) expect(cardsIn(fp)).toHaveLength(1);
});
