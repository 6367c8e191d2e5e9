import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import type { Due } from '../../src/core/domain';
import { formatDue, formatLocalDate, overdueCounter, overdueDays } from '../../src/core/format-date';

const now = new Date('2026-11-21T12:00:00Z'); // Saturday
const london = { now, timezone: 'Europe/London' };

const due = (at: string, date: string, time: string | null = null): Due => ({
  at,
  date,
  time,
  nextMeeting: false,
});

describe('formatDue', () => {
  it('writes a date this year as weekday, day and month', () => {
    expect(formatDue(due('2026-11-27T17:00:00.000Z', '2026-11-27'), london)).toBe('Fri 27 Nov');
  });

  it('adds the year when it is not the current local year', () => {
    expect(formatDue(due('2027-07-31T16:00:00.000Z', '2027-07-31'), london)).toBe('Sat 31 Jul 2027');
  });

  it('adds the time when one was set', () => {
    expect(formatDue(due('2027-07-31T13:00:00.000Z', '2027-07-31', '14:00'), london)).toBe(
      'Sat 31 Jul 2027, 14:00',
    );
    expect(formatDue(due('2026-11-27T09:30:00.000Z', '2026-11-27', '09:30'), london)).toBe(
      'Fri 27 Nov, 09:30',
    );
  });

  it("shows the time in the viewer's zone, from the instant", () => {
    const d = due('2026-11-27T14:00:00.000Z', '2026-11-27', '14:00');
    expect(formatDue(d, { now, timezone: 'America/New_York' })).toBe('Fri 27 Nov, 09:00');
    expect(formatDue(d, { now, timezone: 'Australia/Sydney' })).toBe('Sat 28 Nov, 01:00');
  });

  it('decides "this year" in the local zone at new year', () => {
    const newYearsEve = new Date('2026-12-31T23:30:00Z'); // already 2027 in Sydney
    const d = due('2027-01-05T06:00:00.000Z', '2027-01-05');
    expect(formatDue(d, { now: newYearsEve, timezone: 'Europe/London' })).toBe('Tue 5 Jan 2027');
    expect(formatDue(d, { now: newYearsEve, timezone: 'Australia/Sydney' })).toBe('Tue 5 Jan');
  });
});

describe('formatDue, the same as date-fns wrote it (property)', () => {
  // The formula formatDue used before it was built from cached Intl formatters: the reference.
  const withDateFns = (d: Due, ctx: { now: Date; timezone: string }): string => {
    const at = new Date(d.at);
    const zone = tz(ctx.timezone);
    const sameYear = format(at, 'yyyy', { in: zone }) === format(ctx.now, 'yyyy', { in: zone });
    return format(at, `EEE d MMM${sameYear ? '' : ' yyyy'}${d.time === null ? '' : ', HH:mm'}`, { in: zone });
  };
  const zones = fc.constantFrom(...Intl.supportedValuesOf('timeZone'));
  // From 1973: until 1972 some zones (Africa/Monrovia last) kept offsets with seconds, which @date-fns/tz
  // turns the wrong way when negative; formatDue then agrees with localDateOf (Intl), which is right.
  const instant = fc.integer({ min: Date.UTC(1973, 0, 1), max: Date.UTC(2100, 0, 1) });

  it('writes every due date, with and without a time, in every zone', () => {
    fc.assert(
      fc.property(instant, instant, zones, fc.boolean(), (dueMs, nowMs, timezone, timed) => {
        const at = new Date(dueMs).toISOString();
        const d = due(at, at.slice(0, 10), timed ? at.slice(11, 16) : null);
        const ctx = { now: new Date(nowMs), timezone };
        expect(formatDue(d, ctx)).toBe(withDateFns(d, ctx));
      }),
      { numRuns: 3000 },
    );
  });

  it('writes the year across the new year in the viewer zone, and years before 1000 with four digits', () => {
    const newYearsEve = new Date('2026-12-31T23:30:00Z');
    for (const timezone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/London']) {
      for (const at of ['2026-12-31T12:00:00.000Z', '2027-01-01T12:00:00.000Z', '0999-03-01T12:00:00.000Z']) {
        const d = due(at, at.slice(0, 10), '12:00');
        expect(formatDue(d, { now: newYearsEve, timezone })).toBe(
          withDateFns(d, { now: newYearsEve, timezone }),
        );
      }
    }
    expect(formatDue(due('0999-03-01T12:00:00.000Z', '0999-03-01'), london)).toBe('Fri 1 Mar 0999');
  });

  it('reads an offset with seconds the right way (Monrovia, UTC-0:44:30 until 1972)', () => {
    const d = due('1970-01-01T00:00:00.000Z', '1970-01-01', '00:00');
    expect(formatDue(d, { now, timezone: 'Africa/Monrovia' })).toBe('Wed 31 Dec 1969, 23:15');
  });
});

describe('overdueDays', () => {
  const friday = due('2026-11-20T17:00:00.000Z', '2026-11-20');

  it('is 0 before the due moment', () => {
    expect(overdueDays(due('2026-11-27T17:00:00.000Z', '2026-11-27'), now, 'Europe/London')).toBe(0);
    expect(overdueDays(friday, new Date('2026-11-20T16:59:00Z'), 'Europe/London')).toBe(0);
  });

  it('is 0 on the due day itself after the due time', () => {
    expect(overdueDays(friday, new Date('2026-11-20T18:00:00Z'), 'Europe/London')).toBe(0);
  });

  it('counts whole local calendar days, weekends included', () => {
    expect(overdueDays(friday, now, 'Europe/London')).toBe(1);
    expect(overdueDays(friday, new Date('2026-11-23T09:00:00Z'), 'Europe/London')).toBe(3);
    expect(overdueDays(friday, new Date('2027-11-20T09:00:00Z'), 'Europe/London')).toBe(365);
  });

  it('counts in the given zone', () => {
    const justAfterMidnightInLondon = new Date('2026-11-21T01:00:00Z');
    expect(overdueDays(friday, justAfterMidnightInLondon, 'Europe/London')).toBe(1);
    expect(overdueDays(friday, justAfterMidnightInLondon, 'America/New_York')).toBe(0);
    expect(overdueDays(friday, new Date('2026-11-21T14:00:00Z'), 'Australia/Sydney')).toBe(1);
  });
});

describe('overdueCounter', () => {
  it('gives overdueDays for each due date, however many share an instant, in the zone asked', () => {
    const dues = [
      due('2026-11-20T17:00:00.000Z', '2026-11-20'),
      due('2026-11-27T17:00:00.000Z', '2026-11-27'),
      due('2026-11-20T17:00:00.000Z', '2026-11-20'),
      due('2026-11-20T23:30:00.000Z', '2026-11-20', '23:30'),
      due('2025-11-21T11:00:00.000Z', '2025-11-21', '11:00'),
    ];
    for (const timezone of ['Europe/London', 'America/New_York', 'Australia/Sydney']) {
      const daysLate = overdueCounter(now, timezone);
      expect(dues.map((d) => daysLate(d))).toEqual(dues.map((d) => overdueDays(d, now, timezone)));
    }
    expect(dues.map(overdueCounter(now, 'Europe/London'))).toEqual([1, 0, 1, 1, 365]);
  });
});

describe('formatLocalDate', () => {
  it('writes a meeting date with its year and, when given, its time', () => {
    expect(formatLocalDate('2022-09-13T14:00')).toBe('Tue 13 Sep 2022, 14:00');
    expect(formatLocalDate('2022-09-13')).toBe('Tue 13 Sep 2022');
    expect(formatLocalDate('2028-02-29')).toBe('Tue 29 Feb 2028');
  });

  it('rejects anything that is not a real local date', () => {
    expect(() => formatLocalDate('2027-02-30')).toThrow(RangeError);
    expect(() => formatLocalDate('2022-09-13T25:00')).toThrow(RangeError);
    expect(() => formatLocalDate('tomorrow')).toThrow(RangeError);
  });
});
