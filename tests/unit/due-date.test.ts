import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { type Due, DueSchema } from '../../src/core/domain';
import { type DueContext, looksLikeDate, parseDue } from '../../src/core/due-date';
import { UserError, type UserErrorCode } from '../../src/core/errors';

/** Saturday 21 November 2026, noon in London (GMT). */
const SAT_NOON = new Date('2026-11-21T12:00:00Z');
const london: DueContext = { now: SAT_NOON, timezone: 'Europe/London' };

type Expected = { date: string; time: string | null; at: string };

function expectDue(phrase: string, ctx: DueContext, expected: Expected, nextMeeting = false): Due {
  const due = parseDue(phrase, ctx);
  expect(due).toEqual({ ...expected, nextMeeting });
  expect(DueSchema.parse(due)).toEqual(due);
  expect(Number.isFinite(Date.parse(due.at))).toBe(true);
  return due;
}

/** The UserError a phrase raises (fails the test when it raises none or another error). */
function errorOf(phrase: string, ctx: DueContext): UserError {
  try {
    parseDue(phrase, ctx);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`expected “${phrase}” to be refused`);
}

function expectRefused(phrase: string, ctx: DueContext, code: UserErrorCode, quoted = phrase): UserError {
  const error = errorOf(phrase, ctx);
  expect(error.code).toBe(code);
  expect(error.message).toContain(`“${quoted}”`);
  return error;
}

describe('parseDue: phrases read on Saturday 21 Nov 2026, noon, Europe/London', () => {
  const d = (date: string, at: string, time: string | null = null): Expected => ({ date, time, at });
  const END_JULY = d('2027-07-31', '2027-07-31T16:00:00.000Z'); // 17:00 BST

  it.each<[string, Expected]>([
    ['31 July', END_JULY],
    ['31st July', END_JULY],
    ['July 31', END_JULY],
    ['july 31st', END_JULY],
    ['31st of July', END_JULY],
    ['31 Jul 2027', END_JULY],
    ['31/07/2027', END_JULY],
    ['31.07.2027', END_JULY],
    ['31/07', END_JULY],
    ['2027-07-31', END_JULY],
    ['by 31 July', END_JULY],
    ['  By   31 July. ', END_JULY],
    ['07/08/2027', d('2027-08-07', '2027-08-07T16:00:00.000Z')], // day first: 7 August
    ['1st Aug', d('2027-08-01', '2027-08-01T16:00:00.000Z')],
    ['21 November', d('2026-11-21', '2026-11-21T17:00:00.000Z')], // today, not next year
    ['29 Feb', d('2028-02-29', '2028-02-29T17:00:00.000Z')], // the next 29 February
    ['Friday', d('2026-11-27', '2026-11-27T17:00:00.000Z')],
    ['fri', d('2026-11-27', '2026-11-27T17:00:00.000Z')],
    ['Saturday', d('2026-11-21', '2026-11-21T17:00:00.000Z')], // today, not yet 17:00
    ['next Tuesday', d('2026-11-24', '2026-11-24T17:00:00.000Z')],
    ['Friday next week', d('2026-11-27', '2026-11-27T17:00:00.000Z')],
    ['Friday 30 July', d('2027-07-30', '2027-07-30T16:00:00.000Z')],
    ['today', d('2026-11-21', '2026-11-21T17:00:00.000Z')],
    ['tomorrow', d('2026-11-22', '2026-11-22T17:00:00.000Z')],
    ['in 3 days', d('2026-11-24', '2026-11-24T17:00:00.000Z')],
    ['in a week', d('2026-11-28', '2026-11-28T17:00:00.000Z')],
    ['in 2 weeks', d('2026-12-05', '2026-12-05T17:00:00.000Z')],
    ['in two weeks', d('2026-12-05', '2026-12-05T17:00:00.000Z')],
    ['end of month', d('2026-11-30', '2026-11-30T17:00:00.000Z')],
    ['end of the month', d('2026-11-30', '2026-11-30T17:00:00.000Z')],
    ['end of next month', d('2026-12-31', '2026-12-31T17:00:00.000Z')],
    ['end of week', d('2026-11-27', '2026-11-27T17:00:00.000Z')], // this week's Friday has gone
    ['end of next week', d('2026-11-27', '2026-11-27T17:00:00.000Z')], // next Monday-to-Sunday week
    ['next week', d('2026-11-23', '2026-11-23T17:00:00.000Z')], // first working day of next week
    ['end of July', d('2027-07-30', '2027-07-30T16:00:00.000Z')], // 31 July 2027 is a Saturday
    ['end of July 2028', d('2028-07-31', '2028-07-31T16:00:00.000Z')],
    ['end of year', d('2026-12-31', '2026-12-31T17:00:00.000Z')],
    ['eod', d('2026-11-21', '2026-11-21T17:00:00.000Z')],
    ['5pm Friday', d('2026-11-27', '2026-11-27T17:00:00.000Z', '17:00')],
    ['Friday 5pm', d('2026-11-27', '2026-11-27T17:00:00.000Z', '17:00')],
    ['Friday by 5pm', d('2026-11-27', '2026-11-27T17:00:00.000Z', '17:00')],
    ['next Friday at 9:30am', d('2026-11-27', '2026-11-27T09:30:00.000Z', '09:30')],
    ['31 July 14:00', d('2027-07-31', '2027-07-31T13:00:00.000Z', '14:00')],
    ['31 July at 2pm', d('2027-07-31', '2027-07-31T13:00:00.000Z', '14:00')],
    ['2027-07-31T14:00', d('2027-07-31', '2027-07-31T13:00:00.000Z', '14:00')],
    ['31 July at 14.30', d('2027-07-31', '2027-07-31T13:30:00.000Z', '14:30')],
    ['tomorrow at noon', d('2026-11-22', '2026-11-22T12:00:00.000Z', '12:00')],
    ['noon tomorrow', d('2026-11-22', '2026-11-22T12:00:00.000Z', '12:00')],
    ['5pm', d('2026-11-21', '2026-11-21T17:00:00.000Z', '17:00')],
    ['end of month 12:00', d('2026-11-30', '2026-11-30T12:00:00.000Z', '12:00')],
  ])('“%s”', (phrase, expected) => {
    expectDue(phrase, london, expected);
  });
});

describe('parseDue in other zones', () => {
  const newYork: DueContext = { now: SAT_NOON, timezone: 'America/New_York' }; // 07:00 EST Saturday
  // 23:30 UTC Saturday is already 10:30 on Sunday 22 November in Sydney (AEDT, +11).
  const sydney: DueContext = { now: new Date('2026-11-21T23:30:00Z'), timezone: 'Australia/Sydney' };

  it.each<[string, DueContext, Expected]>([
    ['tomorrow', newYork, { date: '2026-11-22', time: null, at: '2026-11-22T22:00:00.000Z' }],
    ['31 July', newYork, { date: '2027-07-31', time: null, at: '2027-07-31T21:00:00.000Z' }],
    ['Friday 5pm', newYork, { date: '2026-11-27', time: '17:00', at: '2026-11-27T22:00:00.000Z' }],
    ['end of month', newYork, { date: '2026-11-30', time: null, at: '2026-11-30T22:00:00.000Z' }],
    ['today', sydney, { date: '2026-11-22', time: null, at: '2026-11-22T06:00:00.000Z' }],
    ['tomorrow', sydney, { date: '2026-11-23', time: null, at: '2026-11-23T06:00:00.000Z' }],
    ['Saturday', sydney, { date: '2026-11-28', time: null, at: '2026-11-28T06:00:00.000Z' }],
    ['next Tuesday', sydney, { date: '2026-11-24', time: null, at: '2026-11-24T06:00:00.000Z' }],
    ['31 July', sydney, { date: '2027-07-31', time: null, at: '2027-07-31T07:00:00.000Z' }], // AEST, +10
    ['31/07/2027 09:00', sydney, { date: '2027-07-31', time: '09:00', at: '2027-07-30T23:00:00.000Z' }],
  ])('“%s” in %#', (phrase, ctx, expected) => {
    expectDue(phrase, ctx, expected);
  });

  it('gives the same answers whatever zone the server process runs in', () => {
    const phrases = [
      'today',
      'Friday',
      'next Tuesday',
      '31 July',
      'in 2 weeks',
      '5pm',
      'end of week',
      'Monday 9am',
    ];
    const code = `const { parseDue } = require('./src/core/due-date.ts');
      const ctx = { now: new Date('2026-11-21T23:30:00Z'), timezone: 'Australia/Sydney' };
      console.log(JSON.stringify(${JSON.stringify(phrases)}.map((p) => parseDue(p, ctx))));`;
    const here = phrases.map((p) =>
      parseDue(p, { now: new Date('2026-11-21T23:30:00Z'), timezone: 'Australia/Sydney' }),
    );
    for (const TZ of ['Pacific/Kiritimati', 'America/Los_Angeles']) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], {
        cwd: `${__dirname}/../..`,
        env: { ...process.env, TZ },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(here);
    }
  });
});

describe('parseDue across a clocks change', () => {
  it('keeps 17:00 local when `in 2 weeks` crosses into BST; only the UTC offset moves', () => {
    const midMarch: DueContext = { now: new Date('2027-03-15T12:00:00Z'), timezone: 'Europe/London' };
    expectDue('tomorrow', midMarch, { date: '2027-03-16', time: null, at: '2027-03-16T17:00:00.000Z' });
    expectDue('in 2 weeks', midMarch, { date: '2027-03-29', time: null, at: '2027-03-29T16:00:00.000Z' });
  });

  it('does the same in New York, whose clocks change two weeks earlier', () => {
    const ny: DueContext = { now: new Date('2027-03-10T15:00:00Z'), timezone: 'America/New_York' };
    expectDue('tomorrow', ny, { date: '2027-03-11', time: null, at: '2027-03-11T22:00:00.000Z' });
    expectDue('in a week', ny, { date: '2027-03-17', time: null, at: '2027-03-17T21:00:00.000Z' });
  });

  it('moves a time in the spring gap forward: 01:30 on 28 March 2027 in London is 02:30 BST', () => {
    const ctx: DueContext = { now: new Date('2027-03-01T12:00:00Z'), timezone: 'Europe/London' };
    expectDue('28 March 2027 01:30', ctx, {
      date: '2027-03-28',
      time: '02:30',
      at: '2027-03-28T01:30:00.000Z',
    });
    // 29 March 2027 is the day after the change, so 01:30 exists there (BST).
    expectDue('29 March 2027 01:30', ctx, {
      date: '2027-03-29',
      time: '01:30',
      at: '2027-03-29T00:30:00.000Z',
    });
  });
});

describe('parseDue: what is past and what rolls on', () => {
  const at = (iso: string): DueContext => ({ now: new Date(iso), timezone: 'Europe/London' });

  it('takes a weekday that is today but past its due moment as next week', () => {
    expectDue('Saturday', at('2026-11-21T18:00:00Z'), {
      date: '2026-11-28',
      time: null,
      at: '2026-11-28T17:00:00.000Z',
    });
    expectDue('Saturday 9am', london, { date: '2026-11-28', time: '09:00', at: '2026-11-28T09:00:00.000Z' });
  });

  it('takes a bare time that has passed as tomorrow', () => {
    expectDue('5pm', at('2026-11-21T18:00:00Z'), {
      date: '2026-11-22',
      time: '17:00',
      at: '2026-11-22T17:00:00.000Z',
    });
  });

  it('rolls `end of month` and `end of week` on once they are over', () => {
    const mondayEvening = at('2026-11-30T18:00:00Z');
    expectDue('end of month', mondayEvening, {
      date: '2026-12-31',
      time: null,
      at: '2026-12-31T17:00:00.000Z',
    });
    expectDue('end of week', at('2026-11-27T12:00:00Z'), {
      date: '2026-11-27',
      time: null,
      at: '2026-11-27T17:00:00.000Z',
    });
    expectDue('end of next week', at('2026-11-23T09:00:00Z'), {
      date: '2026-12-04',
      time: null,
      at: '2026-12-04T17:00:00.000Z',
    });
    expectDue('end of week', at('2026-11-27T17:30:00Z'), {
      date: '2026-12-04',
      time: null,
      at: '2026-12-04T17:00:00.000Z',
    });
  });

  it.each<[string, string, string]>([
    ['2020-01-01', '2026-11-21T12:00:00Z', 'Wed 1 Jan 2020'],
    ['yesterday', '2026-11-21T12:00:00Z', 'Fri 20 Nov 2026'],
    ['last Friday', '2026-11-21T12:00:00Z', 'Fri 20 Nov 2026'],
    ['today', '2026-11-21T18:00:00Z', 'Sat 21 Nov 2026'],
    ['end of day', '2026-11-21T17:00:00Z', 'Sat 21 Nov 2026'],
    ['9am today', '2026-11-21T12:00:00Z', 'Sat 21 Nov 2026, 09:00'],
    ['21 November', '2026-11-21T17:01:00Z', 'Sat 21 Nov 2026'],
  ])('refuses “%s” at %s as already past (%s)', (phrase, now, understood) => {
    const error = expectRefused(phrase, at(now), 'date_in_past');
    expect(error.message).toContain(understood);
    expect(error.message).toContain('already passed');
  });
});

describe('parseDue: working days and holidays', () => {
  it('ends the month on its last working day, skipping a holiday', () => {
    const ctx: DueContext = {
      now: new Date('2026-12-01T12:00:00Z'),
      timezone: 'Europe/London',
      isHoliday: (day) => day === '2026-12-31',
    };
    expectDue('end of month', ctx, { date: '2026-12-30', time: null, at: '2026-12-30T17:00:00.000Z' });
  });

  it('ends the month on the last of the channel workdays (Sunday to Thursday)', () => {
    const ctx: DueContext = {
      now: new Date('2027-07-01T12:00:00Z'),
      timezone: 'Europe/London',
      workdays: [7, 1, 2, 3, 4],
    };
    expectDue('end of month', ctx, { date: '2027-07-29', time: null, at: '2027-07-29T16:00:00.000Z' });
  });

  it('starts `next week` on its first working day', () => {
    const ctx: DueContext = { ...london, isHoliday: (day) => day === '2026-11-23' };
    expectDue('next week', ctx, { date: '2026-11-24', time: null, at: '2026-11-24T17:00:00.000Z' });
  });
});

describe('parseDue: next meeting', () => {
  it('uses the meeting time when the meeting has one', () => {
    const ctx: DueContext = { ...london, nextMeeting: '2026-12-08T14:00' };
    expectDue(
      'next meeting',
      ctx,
      { date: '2026-12-08', time: '14:00', at: '2026-12-08T14:00:00.000Z' },
      true,
    );
    expectDue(
      'by the next meeting',
      ctx,
      { date: '2026-12-08', time: '14:00', at: '2026-12-08T14:00:00.000Z' },
      true,
    );
  });

  it('uses the end of the meeting day when it has no time', () => {
    const ctx: DueContext = { ...london, nextMeeting: '2027-06-14' };
    expectDue(
      'the next meeting',
      ctx,
      { date: '2027-06-14', time: null, at: '2027-06-14T16:00:00.000Z' },
      true,
    );
  });

  it('says no next meeting is set, and how to set one', () => {
    for (const nextMeeting of [null, undefined]) {
      const error = expectRefused('next meeting', { ...london, nextMeeting }, 'no_next_meeting');
      expect(error.message).toContain('no next meeting is set');
      expect(error.message).toContain('`meeting next 13 Sep 2022 14:00`');
    }
  });

  it('treats a malformed stored meeting date as none set', () => {
    expectRefused('next meeting', { ...london, nextMeeting: '2027-02-30' }, 'no_next_meeting');
    expectRefused('next meeting', { ...london, nextMeeting: '2027-02-03T24:00' }, 'no_next_meeting');
  });

  it('refuses a next meeting that is already over, pointing at `meeting next`', () => {
    const error = expectRefused(
      'next meeting',
      { ...london, nextMeeting: '2022-09-13T14:00' },
      'date_in_past',
    );
    expect(error.message).toContain('Tue 13 Sep 2022, 14:00');
    expect(error.message).toContain('`meeting next 13 Sep 2022 14:00`');
  });
});

describe('parseDue: words that are not a date', () => {
  it.each<[string, string, RegExp | null]>([
    ['31 February', '31 February', /February never has 31 days/],
    ['by 31 Febuary', '31 Febuary', /February never has 31 days/],
    ['30/02/2027', '30/02/2027', /February 2027 has 28 days/],
    ['2027-02-30', '2027-02-30', /February 2027 has 28 days/],
    ['29 Feb 2027', '29 Feb 2027', /February 2027 has 28 days/],
    ['31 April', '31 April', /April never has 31 days/],
    ['31/13/2027', '31/13/2027', /there is no month 13/],
    ['25:00', '25:00', /25:00 is not a time of day/],
    ['tomorrow 25:00', 'tomorrow 25:00', /25:00 is not a time of day/],
    ['31 July 13pm', '31 July 13pm', /13pm is not a time of day/],
    ['1 Jan 2200', '1 Jan 2200', /after 2100/],
    ['2101-01-01', '2101-01-01', /after 2100/],
    ['in 100 years', 'in 100 years', /after 2100/],
    ['end of July 2200', 'end of July 2200', /after 2100/],
    ['Friday 31 July', 'Friday 31 July', /31 July 2027 is a Saturday, not a Friday/],
    ['July', 'July', /which day of July/],
    ['5pm EST', '5pm EST', /time zone/],
    ['31 July - 2 August', '31 July - 2 August', /one date/],
    ['soon', 'soon', null],
    ['whenever', 'whenever', null],
    ['banana', 'banana', null],
    ['next meetingish', 'next meetingish', null],
    ['31 July or so', '31 July or so', null],
    ['Monday the 30th', 'Monday the 30th', null],
  ])('refuses “%s”', (phrase, quoted, reason) => {
    const error = expectRefused(phrase, london, 'bad_date', quoted);
    expect(error.message).toContain('Try `31 July`, `31/07/2027`, `2027-07-31`, `next Friday`');
    if (reason) expect(error.message).toMatch(reason);
  });

  it('gives the example message for an impossible date', () => {
    expect(errorOf('31 February', london).message).toBe(
      "I couldn't read “31 February” as a date: February never has 31 days. Try `31 July`, `31/07/2027`, " +
        '`2027-07-31`, `next Friday`, `tomorrow 5pm` or `in 2 weeks`.',
    );
  });

  it('refuses empty and overlong input without reading it', () => {
    expect(errorOf('   ', london).code).toBe('bad_date');
    const long = `31 July ${'and then some '.repeat(20)}`;
    const error = errorOf(long, london);
    expect(error.code).toBe('bad_date');
    expect(error.message.length).toBeLessThan(300);
  });

  it('never returns an invalid date for any input: a valid future Due or a UserError (property)', () => {
    const words = fc.constantFrom(
      '31',
      '29',
      '0',
      '32',
      '13',
      '2027',
      '2101',
      '9999',
      'July',
      'Feb',
      'Friday',
      'next',
      'end',
      'of',
      'month',
      'week',
      'in',
      '2',
      'weeks',
      'days',
      'at',
      '5pm',
      '25:00',
      '14:00',
      '/',
      '-',
      'tomorrow',
      'today',
      'by',
      'meeting',
      'noon',
      '00:00',
      '23:59',
      'the',
      'st',
      'March',
      '01:30',
      'banana',
    );
    const phrase = fc.oneof(
      fc.array(words, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
      fc.string(),
    );
    const now = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2090-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const zone = fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata');
    fc.assert(
      fc.property(phrase, now, zone, (p, n, timezone) => {
        try {
          const due = parseDue(p, { now: n, timezone, nextMeeting: null });
          expect(DueSchema.parse(due)).toEqual(due);
          expect(Date.parse(due.at)).toBeGreaterThan(n.getTime());
          expect(looksLikeDate(p)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(UserError);
          expect(['bad_date', 'date_in_past', 'no_next_meeting']).toContain((error as UserError).code);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown zone as a bug, not as the user’s mistake', () => {
    expect(() => parseDue('tomorrow', { now: SAT_NOON, timezone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('looksLikeDate', () => {
  it.each([
    '31 July',
    '31st July',
    'July 31',
    '31 Jul 2027',
    '31/07/2027',
    '2027-07-31',
    '2027-07-31T14:00',
    'Friday',
    'fri',
    'next Tuesday',
    'tomorrow',
    'today',
    'in 2 weeks',
    'in 3 days',
    'end of month',
    'end of next month',
    'end of week',
    'next week',
    'next meeting',
    'the next meeting',
    '5pm Friday',
    'Friday 5pm',
    '31 July 14:00',
    'tomorrow at noon',
    'by 31 July',
    '5pm',
    'eod',
    // wrong, but plainly trying to be dates: these must be errors, not task text
    '31 Febuary',
    'by 31 Febuary',
    '31 February',
    '30/02/2027',
    '25:00',
    'next meetingish',
    'yesterday',
  ])('is true for “%s”', (phrase) => {
    expect(looksLikeDate(phrase)).toBe(true);
  });

  it.each([
    'WYP',
    'email',
    'the Clerk',
    'DMPC',
    'Jan',
    'May',
    'Sun Microsystems',
    'the end',
    'soon',
    '2027',
    '',
  ])('is false for “%s”', (phrase) => {
    expect(looksLikeDate(phrase)).toBe(false);
  });

  it('is true for every phrase parseDue accepts in these tests', () => {
    for (const phrase of [
      '31.07.2027',
      '1st Aug',
      '29 Feb',
      'in a week',
      'end of July 2028',
      'noon tomorrow',
    ]) {
      expect(parseDue(phrase, london).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(looksLikeDate(phrase)).toBe(true);
    }
  });
});
