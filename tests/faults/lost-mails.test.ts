/**
 * Reminders by email when the worker dies mid-send. Five reminders to five addresses fall due at once in a
 * worker process of the service (SMTP_URL on a loopback SMTP server); the worker dies (SIGKILL) at a
 * failpoint, and a worker started afterwards must leave every address with its mail:
 * - at `mail.after-lease` (the send is taken, nothing sent yet): exactly one mail each, none lost;
 * - at `mail.after-post` (the SMTP server accepted the mail, "sent" not yet recorded): SMTP cannot be
 *   asked whether a mail arrived, so a mail the server had accepted goes again (the five jobs run at once,
 *   so one or more may have been accepted before the kill), with the same Message-ID, which clients that
 *   drop duplicates show once. None has more than two.
 */
import type { BullScheduler } from '../../jobs/bullmq-scheduler';
import {
  type CrashWorld,
  planner,
  remindersDueAt,
  remindingChannel,
  signalOf,
  startWorker,
} from '../support/crash-service';
import { faultWorld } from '../support/fault-world';
import { LoopbackSmtp } from '../support/loopback-smtp';
import { type ArisingProcess, freshPrefix, waitUntil } from '../support/processes';

jest.setTimeout(120_000);

const fault = faultWorld(false);
const ADDRESSES = Array.from({ length: 5 }, (_, i) => `owner${i + 1}@parish.example.org`);
let smtp: LoopbackSmtp;
let scheduler: BullScheduler | null = null;
const apps: ArisingProcess[] = [];

beforeAll(async () => {
  smtp = await LoopbackSmtp.start();
});
afterAll(async () => {
  await smtp.stop();
});
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
  await scheduler?.close();
  scheduler = null;
});

function mailEnv(): Record<string, string> {
  return { SMTP_URL: smtp.url, MAIL_FROM: 'arising@example.org' };
}

/** How many mails each address got. */
function mailsPerAddress(): Record<string, number> {
  return Object.fromEntries(ADDRESSES.map((a) => [a, smtp.mailsTo(a).length]));
}

async function fiveRemindersDue(inMs: number): Promise<CrashWorld> {
  smtp.received.length = 0;
  const world: CrashWorld = { redis: fault.redis, slackApiUrl: fault.slack.apiUrl, prefix: freshPrefix() };
  const planned = planner(world);
  scheduler = planned.scheduler;
  const channel = await remindingChannel(planned.store, 'C0MAIL');
  await remindersDueAt(planned, channel, ADDRESSES, new Date(Date.now() + inMs));
  return world;
}

/** Kills a worker at `failpoint`, starts another, and waits until every address has mail, then a while. */
async function crashAndRestart(failpoint: string): Promise<void> {
  const world = await fiveRemindersDue(2000);
  const doomed = await startWorker(world, failpoint, mailEnv());
  apps.push(doomed);
  expect(await signalOf(doomed)).toBe('SIGKILL');
  expect(doomed.output()).toContain(`failpoint ${failpoint}`);
  apps.push(await startWorker(world, '', mailEnv()));
  await waitUntil(
    () => Object.values(mailsPerAddress()).every((n) => n >= 1),
    30_000,
    `every address's mail after the restart; so far ${JSON.stringify(mailsPerAddress())}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 5000));
}

it('a worker killed between taking the send and sending: after a restart every address has exactly one mail', async () => {
  await crashAndRestart('mail.after-lease');
  expect(mailsPerAddress()).toEqual(Object.fromEntries(ADDRESSES.map((a) => [a, 1])));
});

it('a worker killed after the SMTP server accepted a mail: a mail sent again has the same Message-ID, none goes thrice', async () => {
  await crashAndRestart('mail.after-post');
  const counts = Object.values(mailsPerAddress());
  expect(counts.every((n) => n === 1 || n === 2)).toBe(true);
  expect(counts.some((n) => n === 2)).toBe(true);
  for (const address of ADDRESSES) {
    const ids = new Set(smtp.mailsTo(address).map((m) => m.messageId));
    expect(ids.size).toBe(1);
  }
});
