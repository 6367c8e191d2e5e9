/**
 * Check-ins before the meeting, in the core on the in-memory store: the setting, when the owners are
 * asked (working days in the channel's calendar, hours and minutes), keeping the one job in step with
 * the meeting and the setting, asking each owner of each open action exactly once, and the answers
 * (buttons, thread replies) recorded against the meeting and shown in matters arising.
 */
import { ActionWatchers } from '../../src/core/action-watch';
import { AriseService } from '../../src/core/arising-service';
import { recordCheckinAnswers } from '../../src/core/checkin/checkin-answers';
import type { CheckinJobs } from '../../src/core/checkin/checkin-jobs';
import { CheckinPlanner } from '../../src/core/checkin/checkin-planner';
import { checkinAt } from '../../src/core/checkin/checkin-time';
import { type CheckinWorkDeps, sendCheckins } from '../../src/core/checkin/send-checkins';
import { parseCommand } from '../../src/core/command-parser';
import {
  type ChannelMeetings,
  ChannelMeetingsSchema,
  type ChannelRef,
  type ChannelSettings,
  ChannelSettingsSchema,
} from '../../src/core/domain';
import { UserError } from '../../src/core/errors';
import { mattersArisingFor } from '../../src/core/matters/matters-commands';
import { mattersArisingJson } from '../../src/core/matters/matters-json';
import { mattersArisingMarkdown } from '../../src/core/matters/matters-markdown';
import { loadChannelContext } from '../../src/core/service-deps';
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { MemoryActionStore } from '../../src/store/memory/memory-action-store';
import { MemoryCheckins } from '../../src/store/memory/memory-checkins';
import { MemorySendLedger } from '../../src/store/memory/memory-send-ledger';
import { draft, due, entry, freshChannel } from '../support/action-fixtures';
import { SchedulerLog } from '../support/core-harness';
import { RecordingMessenger } from '../support/recording-messenger';

const LONDON = 'Europe/London';

function settings(over: Partial<ChannelSettings>): ChannelSettings {
  return ChannelSettingsSchema.parse(over);
}

describe('settings checkin', () => {
  it.each([
    ['settings checkin -3d', '-3d'],
    ['settings checkin -2H', '-2h'],
    ['settings checkin -30m', '-30m'],
    ['settings checkin off', null],
  ])('%s', (typed, offset) => {
    expect(parseCommand(typed)).toEqual({ kind: 'settings', change: { key: 'checkin', offset } });
  });

  it.each(['+3d', '3d', '-0d', '-100m', 'soon', '-3w'])(
    'refuses `settings checkin %s`, showing the right form',
    (v) => {
      let error: unknown;
      try {
        parseCommand(`settings checkin ${v}`);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message).toContain('`settings checkin -3d`');
      if (v === '+3d' || v === '3d') expect((error as UserError).message).toContain('starts with `-`');
    },
  );
});

describe('when owners are asked', () => {
  const ctx = (checkin: string | null, region: string | null = null) => ({
    timezone: LONDON,
    settings: settings({ checkin, holidays: region }),
    isHoliday: holidayTest(region),
  });

  it('-3d is three working days before the meeting, at 09:00 local, skipping the weekend', () => {
    // Tuesday 20 January 2026: Monday 19, Friday 16, Thursday 15.
    expect(checkinAt('2026-01-20T14:00', ctx('-3d'))?.toISOString()).toBe('2026-01-15T09:00:00.000Z');
    // Monday 19 January: the working day before is Friday 16.
    expect(checkinAt('2026-01-19', ctx('-1d'))?.toISOString()).toBe('2026-01-16T09:00:00.000Z');
  });

  it('-2d skips the channel’s public holidays (Easter Monday and Good Friday in England)', () => {
    // Tuesday 7 April 2026: Monday 6 (Easter Monday) and Friday 3 (Good Friday) are holidays.
    expect(checkinAt('2026-04-07', ctx('-2d', 'GB-ENG'))?.toISOString()).toBe('2026-04-01T08:00:00.000Z');
    expect(checkinAt('2026-04-07', ctx('-2d'))?.toISOString()).toBe('2026-04-03T08:00:00.000Z');
  });

  it('-2h and -30m count from the meeting’s time, or from 09:00 when it has none', () => {
    expect(checkinAt('2026-01-20T14:00', ctx('-2h'))?.toISOString()).toBe('2026-01-20T12:00:00.000Z');
    expect(checkinAt('2026-01-20', ctx('-30m'))?.toISOString()).toBe('2026-01-20T08:30:00.000Z');
  });

  it('is never when check-ins are off or there is no next meeting', () => {
    expect(checkinAt('2026-01-20', ctx(null))).toBeNull();
    expect(checkinAt(null, ctx('-3d'))).toBeNull();
  });
});

/** The jobs port as a list of pending ids. */
class JobsLog implements CheckinJobs {
  readonly pending = new Set<string>();
  readonly removed: string[] = [];
  checkinJobId(channel: ChannelRef, meeting: string, at: Date): string {
    return `ci-${channel.channel}-${meeting}-${at.toISOString()}`;
  }
  async addCheckin(channel: ChannelRef, meeting: string, at: Date): Promise<void> {
    this.pending.add(this.checkinJobId(channel, meeting, at));
  }
  async removeCheckin(jobId: string): Promise<void> {
    this.removed.push(jobId);
    this.pending.delete(jobId);
  }
}

describe('the check-in job is kept in step', () => {
  const now = new Date('2026-01-05T12:00:00.000Z');
  const clock = { now: () => now };

  async function plan(store: MemoryActionStore, planner: CheckinPlanner, channel: ChannelRef) {
    const facts = await loadChannelContext({ store, defaultTimezone: LONDON }, channel);
    await planner.sync(channel, facts);
  }

  it('is planned for the next meeting, moved when the meeting moves, and removed when turned off', async () => {
    const store = new MemoryActionStore(clock);
    const jobs = new JobsLog();
    const planner = new CheckinPlanner({ jobs, checkins: new MemoryCheckins(), clock });
    const channel = freshChannel();
    await store.saveSettings(channel, settings({ checkin: '-3d' }));
    await store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: '2026-01-20T14:00' }));
    await plan(store, planner, channel);
    await plan(store, planner, channel); // planning again changes nothing
    const first = `ci-${channel.channel}-2026-01-20T14:00-2026-01-15T09:00:00.000Z`;
    expect([...jobs.pending]).toEqual([first]);
    expect(jobs.removed).toEqual([]);

    await store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: '2026-01-27' }));
    await plan(store, planner, channel);
    const moved = `ci-${channel.channel}-2026-01-27-2026-01-22T09:00:00.000Z`;
    expect([...jobs.pending]).toEqual([moved]);

    await store.saveSettings(channel, settings({ checkin: '-2h' }));
    await plan(store, planner, channel);
    expect([...jobs.pending]).toEqual([`ci-${channel.channel}-2026-01-27-2026-01-27T07:00:00.000Z`]);

    await store.saveSettings(channel, settings({ checkin: null }));
    await plan(store, planner, channel);
    expect([...jobs.pending]).toEqual([]);
  });

  it('is not planned when its moment has passed', async () => {
    const store = new MemoryActionStore(clock);
    const jobs = new JobsLog();
    const planner = new CheckinPlanner({ jobs, checkins: new MemoryCheckins(), clock });
    const channel = freshChannel();
    await store.saveSettings(channel, settings({ checkin: '-3d' }));
    await store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: '2026-01-07' }));
    await plan(store, planner, channel);
    expect([...jobs.pending]).toEqual([]);
  });
});

/** A channel on the in-memory store with check-ins on, its actions, and the service answering in it. */
function checkinWorld(now: Date) {
  const clock = { now: () => now };
  const store = new MemoryActionStore(clock);
  const checkins = new MemoryCheckins();
  const messenger = new RecordingMessenger();
  const remembered: string[] = [];
  const warnings: string[] = [];
  const deps: CheckinWorkDeps = {
    store,
    messenger,
    clock,
    sends: new MemorySendLedger(clock),
    ledger: { remember: async (_action, message) => void remembered.push(message.id) },
    checkins,
    defaultTimezone: LONDON,
    holidays: holidayTest,
    log: { info: () => undefined, warn: (...m) => void warnings.push(m.join(' ')), error: () => undefined },
  };
  const watchers = new ActionWatchers((error) => {
    throw error;
  });
  watchers.watch(recordCheckinAnswers(checkins));
  const service = new AriseService({
    store,
    messenger,
    scheduler: new SchedulerLog(),
    clock,
    defaultTimezone: LONDON,
    watchers,
    checkins,
  });
  return { store, checkins, messenger, deps, service, remembered, warnings };
}

const MEETING = '2026-01-20T14:00';
const FIRE_AT = new Date('2026-01-15T09:00:00.000Z');

async function channelWithActions(
  world: ReturnType<typeof checkinWorld>,
  meetings?: Partial<ChannelMeetings>,
) {
  const channel = freshChannel();
  await world.store.saveSettings(channel, settings({ checkin: '-3d' }));
  await world.store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: MEETING, ...meetings }));
  await world.store.setAlias(channel, 'WYP', ['U_RUSS', 'U_PRIYA']);
  await world.store.setAlias(channel, 'Clerk', []);
  const mine = { kind: 'user', id: 'U_PRIYA' } as const;
  await world.store.create(draft(channel, { text: 'send the KSI data', owners: [mine] }), entry('created'));
  await world.store.create(
    draft(channel, { text: 'book the room', owners: [{ kind: 'alias', name: 'WYP' }] }),
    entry('created'),
  );
  await world.store.create(
    draft(channel, { text: 'write the minutes', owners: [{ kind: 'alias', name: 'Clerk' }] }),
    entry('created'),
  );
  await world.store.create(
    draft(channel, { text: 'closed already', state: 'done', due: due('2026-01-02T17:00:00.000Z') }),
    entry('created'),
  );
  return channel;
}

describe('asking the owners', () => {
  const now = new Date('2026-01-15T09:00:05.000Z');

  it('asks each owner of each open action once, with Done, Add a note and New date; a second run asks no one', async () => {
    const world = checkinWorld(now);
    const channel = await channelWithActions(world);
    const first = await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT });
    expect(first).toEqual({ kind: 'done', asked: 3, alreadyAsked: 0, named: 1 });
    const again = await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT });
    expect(again).toEqual({ kind: 'done', asked: 0, alreadyAsked: 3, named: 0 });

    const priya = world.messenger.dmsTo('U_PRIYA');
    expect(priya.map((p) => p.view.text)).toEqual([
      '📋 Before the meeting on Tue 20 Jan 2026, 14:00: how is #1 going? send the KSI data',
      '📋 Before the meeting on Tue 20 Jan 2026, 14:00: how is #2 going? book the room',
    ]);
    expect(world.messenger.dmsTo('U_RUSS').map((p) => p.view.text)).toHaveLength(1);
    const buttons = priya[0]?.view.blocks.find((b) => b.kind === 'buttons');
    expect(buttons?.kind === 'buttons' && buttons.buttons.map((b) => [b.id, b.label])).toEqual([
      ['done', 'Done'],
      ['add-note', 'Add a note'],
      ['change-due', 'New date'],
    ]);
    // The alias mapped to nobody is named in the channel, once.
    const named = world.messenger.channelPosts();
    expect(named).toHaveLength(1);
    expect(named[0]?.view.text).toContain('#3');
  });

  it('asks no one again when the job is made again for another offset after asking', async () => {
    const world = checkinWorld(now);
    const channel = await channelWithActions(world);
    await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT });
    await world.store.saveSettings(channel, settings({ checkin: '-2h' }));
    const later = new Date('2026-01-20T12:00:00.000Z');
    expect(await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: later })).toMatchObject({
      asked: 0,
      alreadyAsked: 3,
    });
    expect(world.messenger.dmsTo('U_PRIYA')).toHaveLength(2);
  });

  it('does nothing when the meeting moved or the setting changed since the job was planned', async () => {
    const world = checkinWorld(now);
    const channel = await channelWithActions(world, { next: '2026-01-27' });
    expect(await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT })).toEqual({
      kind: 'stale',
    });
    await world.store.saveMeetings(channel, ChannelMeetingsSchema.parse({ next: MEETING }));
    await world.store.saveSettings(channel, settings({ checkin: null }));
    expect(await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT })).toEqual({
      kind: 'stale',
    });
    expect(world.messenger.posts).toEqual([]);
  });
});

describe('answers', () => {
  const now = new Date('2026-01-15T09:00:05.000Z');

  it('are recorded against the meeting from buttons and thread replies, and matters arising shows them and who has not answered', async () => {
    const world = checkinWorld(now);
    const channel = await channelWithActions(world);
    await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT });
    const [toOne, toTwo] = world.messenger.dmsTo('U_PRIYA');
    const dm = { channel: { ...channel, channel: 'DU_PRIYA' }, userId: 'U_PRIYA' };

    // A thread reply with a new date moves #1; a note from the form under #2.
    const moved = await world.service.threadReply(dm, must(toOne?.message), 'new date 23 Jan');
    expect(JSON.stringify(moved)).toContain('23 Jan');
    expect((await world.store.get(channel, 1))?.due?.date).toBe('2026-01-23');
    const buttons = toTwo?.view.blocks.find((b) => b.kind === 'buttons');
    const note = buttons?.kind === 'buttons' ? buttons.buttons.find((b) => b.id === 'add-note') : undefined;
    await world.service.button(dm, 'add-note', must(note?.value), 'booked for the 20th');

    // Someone who was not asked about #1 changing it is no answer.
    await world.service.command({ channel, userId: 'U_CHAIR' }, 'note 1 chased by the chair');

    const round = await world.checkins.round(channel, MEETING);
    expect(round.answers.map((a) => [a.number, a.by, a.kind, a.text])).toEqual([
      [1, 'U_PRIYA', 'new-date', '2026-01-23'],
      [2, 'U_PRIYA', 'note', 'booked for the 20th'],
    ]);

    const summary = await mattersArisingFor({ ...world.deps, clock: { now: () => now } }, channel);
    const md = mattersArisingMarkdown(summary);
    expect(md).toContain('  - Check-in, @U_PRIYA: new date Fri 23 Jan 2026');
    expect(md).toContain('  - Check-in, @U_PRIYA: note: booked for the 20th');
    expect(md).toContain('## Asked before the meeting on Tue 20 Jan 2026, 14:00, not answered yet');
    expect(md).toContain('- @U_RUSS: #2');
    expect(md).not.toContain('- @U_PRIYA: #');
    const json = mattersArisingJson(summary);
    expect(json.checkin).toEqual({
      meeting: MEETING,
      askedPeople: 2,
      notAnswered: [{ userId: 'U_RUSS', numbers: [2] }],
    });
    const two = [...json.groups.flatMap((g) => g.items), ...json.earlier].find((i) => i.number === 2);
    expect(two?.checkin).toEqual([
      { by: 'U_PRIYA', kind: 'note', text: 'booked for the 20th', at: expect.any(String) },
    ]);
  });

  it('`done` in the thread closes the action and counts; `by …` that is no date stays a note', async () => {
    const world = checkinWorld(now);
    const channel = await channelWithActions(world);
    await sendCheckins(world.deps, { channel, meeting: MEETING, fireAt: FIRE_AT });
    const [toOne, toTwo] = world.messenger.dmsTo('U_PRIYA');
    const dm = { channel: { ...channel, channel: 'DU_PRIYA' }, userId: 'U_PRIYA' };
    await world.service.threadReply(dm, must(toOne?.message), 'done');
    await world.service.threadReply(dm, must(toTwo?.message), 'by the time we meet it will be booked');
    expect((await world.store.get(channel, 1))?.state).toBe('done');
    expect((await world.store.get(channel, 2))?.notes.at(-1)?.text).toBe(
      'by the time we meet it will be booked',
    );
    const round = await world.checkins.round(channel, MEETING);
    expect(round.answers.map((a) => [a.number, a.kind])).toEqual([
      [1, 'done'],
      [2, 'note'],
    ]);
  });
});

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('missing');
  return value;
}
