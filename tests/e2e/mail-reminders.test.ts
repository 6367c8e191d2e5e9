/**
 * Owners outside the chat, end to end: in Slack (the fake Web API), Teams (the fake Bot Connector) and the
 * console, an action is added for an email address through the platform as a user would, the reminder
 * job runs on the real service's worker, and the reminder arrives as a mail at a real SMTP server on
 * loopback (SMTP_URL), once, naming the action, the channel and where to answer.
 */
import type { Queue } from 'bullmq';
import { JOB } from '../../jobs/job-names';
import { createQueue, REMINDER_QUEUE } from '../../jobs/job-settings';
import { jobConnection } from '../../src/app/jobs-on-redis';
import { localDateTimeToInstant } from '../../src/core/dates/local-date';
import type { Action, ChannelRef } from '../../src/core/domain';
import { REMINDER_TIME } from '../../src/core/reminders/reminder-schedule';
import type { RedisActionStore } from '../../src/store/redis-action-store';
import { LoopbackSmtp } from '../support/loopback-smtp';
import { TEST_REDIS_CLUSTER, TEST_REDIS_URL } from '../support/redis';
import { slashCommand } from '../support/slack-signing';
import { type ConsoleService, startConsoleService } from '../support/start-console';
import { eventually, startTestService, type TestService } from '../support/start-server';
import {
  BOT_MENTION,
  channelMessage,
  installInTeam,
  PRIYA,
  SAM,
  startTeamsService,
  type TeamsService,
} from '../support/teams-service';

let smtp: LoopbackSmtp;

beforeAll(async () => {
  smtp = await LoopbackSmtp.start();
});
afterAll(async () => {
  await smtp.stop();
});

/** SMTP_URL and MAIL_FROM for the service under test. */
function mailEnv(): Record<string, string> {
  return { SMTP_URL: smtp.url, MAIL_FROM: 'Arising <arising@example.org>' };
}

/** The action once stored (with its card posted, so the add has finished). */
async function stored(store: RedisActionStore, channel: ChannelRef, text: string): Promise<Action> {
  return eventually(async () => (await store.list(channel, 'open')).find((a) => a.text.includes(text)));
}

/** The due-day reminder's instant: the due moment, or 09:00 London on a due date without a time. */
function dueReminderAt(action: Action): string | undefined {
  const due = action.due;
  if (!due || due.time !== null) return due?.at;
  return localDateTimeToInstant(due.date, REMINDER_TIME, 'Europe/London').toISOString();
}

/**
 * Runs the action's reminder at its due moment now, on the service's own worker: the job the service
 * planned itself is delayed until then (its clock, or the due date, is far ahead).
 */
async function remindNow(prefix: string, action: Action): Promise<void> {
  const queue: Queue = createQueue(
    REMINDER_QUEUE,
    jobConnection({ redisUrl: TEST_REDIS_URL, redisCluster: TEST_REDIS_CLUSTER, prefix }),
  );
  try {
    const data = { channel: action.channel, number: action.number, fireAt: dueReminderAt(action) };
    await queue.add(JOB.reminder, data, { jobId: `e2e-mail-${action.number}-${Date.now()}` });
  } finally {
    await queue.close();
  }
}

/** The one mail to `address`, after waiting a moment to show no second one comes. */
async function theMailTo(address: string) {
  await eventually(async () => smtp.mailsTo(address).length > 0, 15_000);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const mails = smtp.mailsTo(address);
  expect(mails).toHaveLength(1);
  return mails[0] as NonNullable<(typeof mails)[0]>;
}

describe('in Slack', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ now: '2030-03-04T09:00:00Z', role: 'all', env: mailEnv() });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('reminds an owner added by address (as Slack links it) by mail, naming the channel', async () => {
    t.slack.setChannelName(t.channel.channel, 'road-safety');
    await t.send(slashCommand(t.where, 'settings reminders 0', t.slack.responseUrl()));
    await t.send(
      slashCommand(
        t.where,
        'add <mailto:data@wyp.example.org|data@wyp.example.org> to send the KSI figures by 5pm Friday',
        t.slack.responseUrl(),
      ),
    );
    const action = await stored(t.store, t.channel, 'KSI figures');
    expect(action.owners).toEqual([{ kind: 'email', address: 'data@wyp.example.org' }]);
    await remindNow(t.redis.prefix, action);
    const mail = await theMailTo('data@wyp.example.org');
    expect(mail.subject).toContain(`#${action.number} is due Fri 8 Mar`);
    expect(mail.text).toContain('send the KSI figures');
    expect(mail.text).toContain('Channel: #road-safety on Slack');
    expect(mail.html).toContain('reply in #road-safety on Slack');
    // Reached by mail, so not named in the channel as unreachable.
    expect(
      t.slack.calls.filter((c) => c.method === 'chat.postMessage' && /could not/.test(String(c.body.text))),
    ).toEqual([]);
  });
});

describe('in Teams', () => {
  let t: TeamsService;
  beforeAll(async () => {
    t = await startTeamsService({ now: '2030-03-04T09:00:00Z', role: 'all', env: mailEnv() });
    await t.post(installInTeam(t));
  });
  afterAll(async () => {
    await t.stop();
  });

  it("reminds an alias's address by mail, with the people the task names by name", async () => {
    await t.post(channelMessage(t, '<at>Arising</at> settings reminders 0', [BOT_MENTION]));
    await t.post(
      channelMessage(t, '<at>Arising</at> owner WYP = <at>Priya Patel</at> clerk@wyp.example.org', [
        BOT_MENTION,
        { person: PRIYA },
      ]),
    );
    await t.post(
      channelMessage(
        t,
        '<at>Arising</at> add WYP to check the figures with <at>Sam Smith</at> by 5pm Friday',
        [BOT_MENTION, { person: SAM }],
      ),
    );
    const action = await stored(t.store, t.channel, 'check the figures');
    await remindNow(t.redis.prefix, action);
    const mail = await theMailTo('clerk@wyp.example.org');
    expect(mail.text).toContain('check the figures with @Sam Smith');
    expect(mail.text).toContain('Owner: WYP');
    expect(mail.text).toContain('Channel: a Microsoft Teams channel');
    expect(mail.subject).toContain(`#${action.number} is due Fri 8 Mar`);
  });
});

describe('in the console', () => {
  let t: ConsoleService;
  const channel: ChannelRef = { platform: 'console', team: 'demo', channel: 'committee' };
  beforeAll(async () => {
    t = await startConsoleService(mailEnv());
  });
  afterAll(async () => {
    await t.stop();
  });

  async function say(text: string): Promise<void> {
    const response = await fetch(`${t.baseUrl}/console/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'chris', pane: 'channel', text }),
    });
    expect(response.status).toBe(200);
  }

  it('reminds an owner added by address by mail, naming the console channel', async () => {
    // A weekday next year: the real clock runs here, and a reminder on the due day needs a working day.
    const year = new Date().getUTCFullYear() + 1;
    const day = [1, 2, 3].find((d) => ![0, 6].includes(new Date(Date.UTC(year, 6, d)).getUTCDay()));
    await say('settings reminders 0');
    await say(`add minutes@parish.example.org to file the minutes by ${day} July ${year}`);
    const action = await stored(t.store, channel, 'file the minutes');
    await remindNow(t.redis.prefix, action);
    const mail = await theMailTo('minutes@parish.example.org');
    expect(mail.subject).toContain(`#${action.number} is due`);
    expect(mail.text).toContain('file the minutes');
    expect(mail.text).toContain('Channel: #committee on the Arising console');
    expect(mail.parsed.from?.value).toEqual([{ name: 'Arising', address: 'arising@example.org' }]);
  });
});
