/**
 * The reminder planning as the core decides it (src/core/reminders/reminder-planner.ts), with no queue
 * behind it: the real Redis store and reminder ledger, and the jobs port recorded as the set of jobs it
 * would hold. What the owners notice: reminders at the channel's offsets and weekly after, moved with the
 * due date, none left once the action is closed (and the shown DMs updated), an older edit never undoing
 * a newer one's plan, and the digest and matters-arising post following the channel's settings.
 */
import type { Action, ChannelRef, ChannelSettings } from '../../src/core/domain';
import { ChannelSettingsSchema } from '../../src/core/domain';
import type { DigestSetting, ReminderJobs } from '../../src/core/reminders/reminder-jobs';
import { ReminderPlanner } from '../../src/core/reminders/reminder-planner';
import { RedisActionStore } from '../../src/store/redis-action-store';
import { RedisReminderLedger } from '../../src/store/redis-reminder-ledger';
import { draft, due, entry, freshChannel } from '../support/action-fixtures';
import { type TestRedis, testRedis } from '../support/redis';

/** The jobs a queue would hold after the planner's requests: what a worker would later run. */
class RecordedJobs implements ReminderJobs {
  reminders = new Map<string, Date>();
  closedUpdates: number[] = [];
  mattersArising = new Map<string, Date>();
  digests = new Map<string, { digest: DigestSetting; timezone: string }>();

  reminderJobId(channel: ChannelRef, number: number, at: Date): string {
    return `rem-${channel.channel}-${number}-${at.getTime()}`;
  }
  async addReminders(channel: ChannelRef, number: number, at: Date[]): Promise<void> {
    for (const instant of at) this.reminders.set(this.reminderJobId(channel, number, instant), instant);
  }
  async removeReminder(jobId: string): Promise<void> {
    this.reminders.delete(jobId);
  }
  async addClosedUpdate(_channel: ChannelRef, _number: number, version: number): Promise<void> {
    this.closedUpdates.push(version);
  }
  mattersArisingJobId(channel: ChannelRef, at: Date): string {
    return `ma-${channel.channel}-${at.getTime()}`;
  }
  async addMattersArising(channel: ChannelRef, at: Date): Promise<void> {
    this.mattersArising.set(this.mattersArisingJobId(channel, at), at);
  }
  async removeMattersArising(jobId: string): Promise<void> {
    this.mattersArising.delete(jobId);
  }
  async setDigest(channel: ChannelRef, digest: DigestSetting | null, timezone: string): Promise<void> {
    if (digest) this.digests.set(channel.channel, { digest, timezone });
    else this.digests.delete(channel.channel);
  }

  /** The instants of the reminders queued, earliest first. */
  reminderTimes(): string[] {
    return [...this.reminders.values()].map((d) => d.toISOString()).sort();
  }
}

/**
 * Now, for the planner: years ahead, since the ledger's records expire by Redis's own clock some weeks
 * after their last reminder (a plan for a past date would be gone at once).
 */
const NOW = '2030-07-01T09:00:00.000Z';
/** An action due Wednesday 31 July 2030 (no time of day). */
const DUE = due('2030-07-31T16:00:00.000Z');

let r: TestRedis;
let store: RedisActionStore;
let ledger: RedisReminderLedger;

beforeAll(async () => {
  r = await testRedis();
  store = new RedisActionStore({ redis: r.redis, prefix: r.prefix });
  ledger = new RedisReminderLedger(r.redis, r.prefix);
});
afterAll(async () => {
  await r.cleanup();
});

function planner(jobs: RecordedJobs): ReminderPlanner {
  return new ReminderPlanner({
    store,
    ledger,
    jobs,
    clock: { now: () => new Date(NOW) },
    defaultTimezone: 'Europe/London',
    holidays: () => undefined,
  });
}

async function channelWith(settings: Partial<ChannelSettings>): Promise<ChannelRef> {
  const channel = freshChannel();
  await store.saveSettings(channel, ChannelSettingsSchema.parse(settings));
  return channel;
}

/** Saves a change of the action as a new version. */
function edit(action: Action, change: Partial<Action>): Promise<Action> {
  return store.update({ ...action, ...change }, entry('edited'));
}

describe('an action with a due date', () => {
  it('is reminded at each offset at 09:00 local, then weekly; planning again adds nothing', async () => {
    const jobs = new RecordedJobs();
    const channel = await channelWith({ reminders: ['-1d', '0'] });
    const action = await store.create(draft(channel, { due: DUE }), entry('created'));
    await planner(jobs).actionChanged(action);
    const planned = ['2030-07-30T08:00:00.000Z', '2030-07-31T08:00:00.000Z', '2030-08-07T08:00:00.000Z'];
    expect(jobs.reminderTimes()).toEqual(planned);
    await planner(jobs).actionChanged(action);
    expect(jobs.reminderTimes()).toEqual(planned);
    expect(await ledger.plannedVersions(channel, [action.number])).toEqual([action.version]);
  });

  it('moves its reminders with the due date: the old ones are cancelled', async () => {
    const jobs = new RecordedJobs();
    const channel = await channelWith({ reminders: ['0'] });
    const action = await store.create(draft(channel, { due: DUE }), entry('created'));
    await planner(jobs).actionChanged(action);
    const moved = await edit(action, { due: due('2030-08-14T16:00:00.000Z') });
    await planner(jobs).actionChanged(moved);
    expect(jobs.reminderTimes()).toEqual(['2030-08-14T08:00:00.000Z', '2030-08-21T08:00:00.000Z']);
  });

  it('loses every reminder once done, and its shown reminders are to be updated, once per version', async () => {
    const jobs = new RecordedJobs();
    const channel = await channelWith({ reminders: ['0'] });
    const action = await store.create(draft(channel, { due: DUE }), entry('created'));
    await planner(jobs).actionChanged(action);
    const done = await edit(action, { state: 'done', closedBy: 'U_PRIYA', closedAt: NOW });
    await planner(jobs).actionChanged(done);
    expect(jobs.reminderTimes()).toEqual([]);
    expect(jobs.closedUpdates).toEqual([done.version]);
  });

  it('is never planned from an older version once a newer one was (a slow process loses)', async () => {
    const jobs = new RecordedJobs();
    const channel = await channelWith({ reminders: ['0'] });
    const action = await store.create(draft(channel, { due: DUE }), entry('created'));
    const moved = await edit(action, { due: due('2030-08-14T16:00:00.000Z') });
    const facts = {
      channel,
      settings: await store.getSettings(channel),
      timezone: 'Europe/London',
      aliases: {},
      meetings: await store.getMeetings(channel),
      isHoliday: undefined,
    };
    await planner(jobs).planAction(moved, facts);
    await planner(jobs).planAction(action, facts);
    expect(jobs.reminderTimes()).toEqual(['2030-08-14T08:00:00.000Z', '2030-08-21T08:00:00.000Z']);
  });
});

describe("a channel's own posts", () => {
  it('follow its digest setting and zone, and the matters-arising post moves with the meeting', async () => {
    const jobs = new RecordedJobs();
    const channel = await channelWith({ timezone: 'Europe/Paris', digest: { weekday: 5, time: '16:30' } });
    await store.saveMeetings(channel, { current: null, next: '2030-07-16T19:00', past: [] });
    await planner(jobs).channelChanged(channel);
    expect(jobs.digests.get(channel.channel)).toEqual({
      digest: { weekday: 5, time: '16:30' },
      timezone: 'Europe/Paris',
    });
    // Two working days before Tuesday 16 July: Friday 12 July, 09:00 in Paris.
    expect([...jobs.mattersArising.values()].map((d) => d.toISOString())).toEqual([
      '2030-07-12T07:00:00.000Z',
    ]);

    await store.saveMeetings(channel, { current: null, next: '2030-07-23', past: [] });
    await store.saveSettings(
      channel,
      ChannelSettingsSchema.parse({ timezone: 'Europe/Paris', digest: null }),
    );
    await planner(jobs).channelChanged(channel);
    expect([...jobs.mattersArising.values()].map((d) => d.toISOString())).toEqual([
      '2030-07-19T07:00:00.000Z',
    ]);
    expect(jobs.digests.has(channel.channel)).toBe(false);
  });
});
