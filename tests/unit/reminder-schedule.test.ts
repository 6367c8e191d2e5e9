/**
 * When owners are reminded, from a fixed now: the default offsets, hour and minute offsets, weekends,
 * public holidays, the clocks changing, a zone other than London, weekly reminders while open, a due date
 * moved, an action closed, and the nudge before the next meeting. Also what the reminder DM says.
 */
import type { Action, ChannelSettings, Due } from '../../src/core/domain';
import { mattersArisingAt } from '../../src/core/reminders/matters-arising-time';
import { parseReminderOffset } from '../../src/core/reminders/reminder-offsets';
import { plannedAt, planReminders, type ScheduleContext } from '../../src/core/reminders/reminder-schedule';
import { reminderView, unreachableOwnersView } from '../../src/core/reminders/reminder-view';
import type { View } from '../../src/core/view';
import { holidayTest } from '../../src/holidays/holiday-calendar';
import { storedAction } from '../support/action-fixtures';

const LONDON = 'Europe/London';

function due(at: string, date: string, time: string | null = null): Due {
  return { at, date, time, nextMeeting: false };
}

function action(over: Partial<Action> = {}): Action {
  return storedAction({
    number: 4,
    owners: [{ kind: 'user', id: 'U1' }],
    due: due('2026-07-31T16:00:00.000Z', '2026-07-31'),
    createdAt: '2026-07-01T10:00:00.000Z',
    updatedAt: '2026-07-01T10:00:00.000Z',
    ...over,
  });
}

type CtxOverrides = Partial<Omit<ScheduleContext, 'settings'>> & { settings?: Partial<ChannelSettings> };

function ctx(now: string, over: CtxOverrides = {}): ScheduleContext {
  const { settings, ...rest } = over;
  return {
    now: new Date(now),
    timezone: LONDON,
    nextMeeting: null,
    ...rest,
    settings: { reminders: ['-2d', '0', '+1d'], workdays: [1, 2, 3, 4, 5], ...settings },
  };
}

/** The plan as `[ISO instant, kind]` pairs, for readable expectations. */
function plan(a: Action, c: ScheduleContext): [string, string][] {
  return planReminders(a, c).map((p) => [p.at.toISOString(), p.kind]);
}

describe('default offsets -2d 0 +1d', () => {
  it('reminds 2 working days before, on the due date and 1 working day after, at 09:00, then weekly', () => {
    // Due Friday 31 July 2026 (British Summer Time, so 09:00 local is 08:00 UTC).
    expect(plan(action(), ctx('2026-07-20T12:00:00Z'))).toEqual([
      ['2026-07-29T08:00:00.000Z', 'before'],
      ['2026-07-31T08:00:00.000Z', 'due'],
      ['2026-08-03T08:00:00.000Z', 'after'],
      ['2026-08-10T08:00:00.000Z', 'weekly'],
    ]);
  });

  it('never plans a reminder whose time has passed', () => {
    expect(plan(action(), ctx('2026-07-29T08:00:00Z'))).toEqual([
      ['2026-07-31T08:00:00.000Z', 'due'],
      ['2026-08-03T08:00:00.000Z', 'after'],
      ['2026-08-10T08:00:00.000Z', 'weekly'],
    ]);
  });

  it('keeps reminding weekly while the action stays open, one week at a time', () => {
    expect(plan(action(), ctx('2026-08-10T08:00:00Z'))).toEqual([['2026-08-17T08:00:00.000Z', 'weekly']]);
    expect(plan(action(), ctx('2026-09-02T12:00:00Z'))).toEqual([['2026-09-07T08:00:00.000Z', 'weekly']]);
  });
});

describe('weekends and holidays', () => {
  it('counts working days across a weekend: due Monday means a reminder on the Thursday before', () => {
    const monday = action({ due: due('2026-08-03T16:00:00.000Z', '2026-08-03') });
    expect(plan(monday, ctx('2026-07-20T12:00:00Z')).slice(0, 3)).toEqual([
      ['2026-07-30T08:00:00.000Z', 'before'],
      ['2026-08-03T08:00:00.000Z', 'due'],
      ['2026-08-04T08:00:00.000Z', 'after'],
    ]);
  });

  it('moves the due-day reminder of a Saturday due date to the Friday before, never onto the weekend', () => {
    const saturday = action({ due: due('2026-08-01T16:00:00.000Z', '2026-08-01') });
    expect(plan(saturday, ctx('2026-07-20T12:00:00Z')).slice(0, 3)).toEqual([
      ['2026-07-30T08:00:00.000Z', 'before'],
      ['2026-07-31T08:00:00.000Z', 'due'],
      ['2026-08-03T08:00:00.000Z', 'after'],
    ]);
  });

  it('skips the public holidays of settings holidays GB-ENG (Spring bank holiday, 25 May 2026)', () => {
    const tuesday = action({ due: due('2026-05-26T16:00:00.000Z', '2026-05-26') });
    const withHolidays = ctx('2026-05-01T12:00:00Z', { isHoliday: holidayTest('GB-ENG') });
    expect(plan(tuesday, withHolidays).slice(0, 3)).toEqual([
      ['2026-05-21T08:00:00.000Z', 'before'],
      ['2026-05-26T08:00:00.000Z', 'due'],
      ['2026-05-27T08:00:00.000Z', 'after'],
    ]);
    // Without the holiday setting, Monday 25 May is an ordinary working day.
    expect(plan(tuesday, ctx('2026-05-01T12:00:00Z'))[0]).toEqual(['2026-05-22T08:00:00.000Z', 'before']);
  });

  it('moves a weekly reminder that lands on a holiday to the next working day, keeping the weekday after', () => {
    // Due Friday 15 May; +1d is Monday 18 May; the next Monday (25 May) is a bank holiday.
    const friday = action({ due: due('2026-05-15T16:00:00.000Z', '2026-05-15') });
    const c = { isHoliday: holidayTest('GB-ENG') };
    expect(plan(friday, ctx('2026-05-18T08:00:00Z', c))).toEqual([['2026-05-26T08:00:00.000Z', 'weekly']]);
    expect(plan(friday, ctx('2026-05-26T08:00:00Z', c))).toEqual([['2026-06-01T08:00:00.000Z', 'weekly']]);
  });

  it('uses the channel working week: mon-sat makes Saturday a reminder day', () => {
    const monday = action({ due: due('2026-08-03T16:00:00.000Z', '2026-08-03') });
    const sixDays = ctx('2026-07-20T12:00:00Z', { settings: { workdays: [1, 2, 3, 4, 5, 6] } });
    expect(plan(monday, sixDays)[0]).toEqual(['2026-07-31T08:00:00.000Z', 'before']);
  });
});

describe('hour and minute offsets', () => {
  it('counts -4h and -30m from the due moment, and 0 is the due time itself when it has one', () => {
    const at14 = action({ due: due('2026-07-31T13:00:00.000Z', '2026-07-31', '14:00') });
    const offsets = ctx('2026-07-20T12:00:00Z', { settings: { reminders: ['-4h', '-30m', '0', '+1d'] } });
    expect(plan(at14, offsets)).toEqual([
      ['2026-07-31T09:00:00.000Z', 'before'],
      ['2026-07-31T12:30:00.000Z', 'before'],
      ['2026-07-31T13:00:00.000Z', 'due'],
      ['2026-08-03T08:00:00.000Z', 'after'],
      ['2026-08-10T08:00:00.000Z', 'weekly'],
    ]);
  });

  it('reads the offsets as typed', () => {
    expect(parseReminderOffset('-2d')).toEqual({ unit: 'workdays', amount: -2 });
    expect(parseReminderOffset('+1d')).toEqual({ unit: 'workdays', amount: 1 });
    expect(parseReminderOffset('-4h')).toEqual({ unit: 'minutes', amount: -240 });
    expect(parseReminderOffset('-30m')).toEqual({ unit: 'minutes', amount: -30 });
    expect(parseReminderOffset('0')).toEqual({ unit: 'due' });
    expect(parseReminderOffset('soon')).toBeNull();
  });
});

describe('clocks changing and other zones', () => {
  it('stays at 09:00 local across the spring change in London (29 March 2026)', () => {
    // Due Tuesday 31 March: -2d is Friday 27 March, still GMT; the due day is in BST.
    const a = action({ due: due('2026-03-31T16:00:00.000Z', '2026-03-31') });
    expect(plan(a, ctx('2026-03-20T12:00:00Z')).slice(0, 3)).toEqual([
      ['2026-03-27T09:00:00.000Z', 'before'],
      ['2026-03-31T08:00:00.000Z', 'due'],
      ['2026-04-01T08:00:00.000Z', 'after'],
    ]);
  });

  it('stays at 09:00 local across the autumn change in London (25 October 2026)', () => {
    const a = action({ due: due('2026-10-27T17:00:00.000Z', '2026-10-27') });
    expect(plan(a, ctx('2026-10-20T12:00:00Z')).slice(0, 2)).toEqual([
      ['2026-10-23T08:00:00.000Z', 'before'],
      ['2026-10-27T09:00:00.000Z', 'due'],
    ]);
  });

  it('plans in the channel zone: New York across its own clocks change (8 March 2026)', () => {
    const a = action({ due: due('2026-03-10T21:00:00.000Z', '2026-03-10') });
    const ny = ctx('2026-03-01T12:00:00Z', { timezone: 'America/New_York' });
    expect(plan(a, ny).slice(0, 3)).toEqual([
      ['2026-03-06T14:00:00.000Z', 'before'],
      ['2026-03-10T13:00:00.000Z', 'due'],
      ['2026-03-11T13:00:00.000Z', 'after'],
    ]);
  });

  it('plans in Tokyo, where 09:00 is the previous evening in UTC', () => {
    const a = action({ due: due('2026-07-31T08:00:00.000Z', '2026-07-31') });
    const tokyo = ctx('2026-07-20T12:00:00Z', { timezone: 'Asia/Tokyo' });
    expect(plan(a, tokyo)[1]).toEqual(['2026-07-31T00:00:00.000Z', 'due']);
    expect(plan(a, tokyo)[0]).toEqual(['2026-07-29T00:00:00.000Z', 'before']);
  });
});

describe('changes to the action', () => {
  it('a moved due date makes the old reminder stale and plans new ones', () => {
    const before = action();
    const c = ctx('2026-07-20T12:00:00Z');
    const oldDue = planReminders(before, c)[1];
    if (!oldDue) throw new Error('expected a due-day reminder');
    expect(plannedAt(before, c, oldDue.at)?.kind).toBe('due');
    const moved = action({ due: due('2026-08-07T16:00:00.000Z', '2026-08-07') });
    expect(plannedAt(moved, c, oldDue.at)).toBeNull();
    expect(plan(moved, c)[1]).toEqual(['2026-08-07T08:00:00.000Z', 'due']);
  });

  it('a closed or dropped action has no reminders, and its old ones are stale', () => {
    const c = ctx('2026-07-20T12:00:00Z');
    const at = new Date('2026-07-31T08:00:00.000Z');
    for (const state of ['done', 'dropped'] as const) {
      expect(planReminders(action({ state }), c)).toEqual([]);
      expect(plannedAt(action({ state }), c, at)).toBeNull();
    }
  });

  it('a weekly reminder is still planned at its own time when checked by its job', () => {
    const c = ctx('2026-09-02T12:00:00Z');
    const weekly = planReminders(action(), c)[0];
    if (!weekly) throw new Error('expected a weekly reminder');
    expect(plannedAt(action(), c, weekly.at)?.kind).toBe('weekly');
  });
});

describe('actions with no due date', () => {
  it('get one nudge a week before the next meeting, at 09:00', () => {
    const none = action({ due: null });
    const c = ctx('2026-09-01T12:00:00Z', { nextMeeting: '2026-10-13T14:00' });
    expect(plan(none, c)).toEqual([['2026-10-06T08:00:00.000Z', 'meeting']]);
  });

  it('get none when no next meeting is set, or once the nudge has passed', () => {
    expect(plan(action({ due: null }), ctx('2026-09-01T12:00:00Z'))).toEqual([]);
    const c = ctx('2026-10-07T12:00:00Z', { nextMeeting: '2026-10-13' });
    expect(plan(action({ due: null }), c)).toEqual([]);
  });
});

describe('the matters-arising post', () => {
  it('is 2 working days before the next meeting at 09:00 local', () => {
    const c = { timezone: LONDON, settings: { workdays: [1, 2, 3, 4, 5] } };
    // Tuesday 13 October 2026 → Friday 9 October.
    expect(mattersArisingAt('2026-10-13T14:00', c)?.toISOString()).toBe('2026-10-09T08:00:00.000Z');
    expect(mattersArisingAt(null, c)).toBeNull();
  });
});

function viewText(view: View): string {
  return JSON.stringify(view.blocks);
}

describe('the reminder DM', () => {
  const base = {
    timezone: LONDON,
    meetingTitle: 'Community Outcomes Meeting',
    nextMeeting: '2026-09-13T14:00',
  };

  it('shows the action, its meeting, its due date and the Done and Snooze buttons', () => {
    const view = reminderView(action(), { ...base, now: new Date('2026-07-29T08:00:00Z') });
    expect(view.text).toBe('⏰ #4 is due Fri 31 Jul: send the KSI data for July–Dec 2021');
    const json = viewText(view);
    expect(json).toContain('Community Outcomes Meeting');
    const buttons = view.blocks.find((b) => b.kind === 'buttons');
    expect(buttons?.kind === 'buttons' && buttons.buttons.map((b) => b.id)).toEqual([
      'done',
      'snooze-1d',
      'snooze-1w',
      'snooze-meeting',
    ]);
    expect(buttons?.kind === 'buttons' && JSON.parse(buttons.buttons[0]?.value ?? '{}')).toEqual({
      c: { platform: 'slack', team: 'T1', channel: 'C1' },
      n: 4,
    });
  });

  it('says how late it is once overdue, and offers no "until next meeting" without one', () => {
    const view = reminderView(action(), {
      ...base,
      nextMeeting: null,
      now: new Date('2026-08-03T08:00:00Z'),
    });
    expect(view.text).toContain('#4 is overdue by 3 days');
    expect(viewText(view)).not.toContain('snooze-meeting');
  });

  it('says "due today" on the due day', () => {
    const view = reminderView(action(), { ...base, now: new Date('2026-07-31T08:00:00Z') });
    expect(view.text).toContain('#4 is due today');
  });

  it('shows a closed action as done, without buttons', () => {
    const done = action({ state: 'done', closedBy: 'U1', closedAt: '2026-07-30T10:00:00.000Z' });
    const view = reminderView(done, { ...base, now: new Date('2026-07-30T10:00:00Z') });
    expect(view.text).toContain('✅ #4 is done');
    expect(view.blocks.some((b) => b.kind === 'buttons')).toBe(false);
  });

  it('names unreachable owners in the channel and says how to map an alias', () => {
    const view = unreachableOwnersView(action(), [{ kind: 'alias', name: 'WYP' }], {
      ...base,
      now: new Date('2026-07-29T08:00:00Z'),
    });
    expect(viewText(view)).toContain('owner WYP = @someone');
    expect(viewText(view)).toContain('"text":"WYP"');
  });
});
