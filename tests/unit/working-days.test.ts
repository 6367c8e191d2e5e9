import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import {
  addCalendarDays,
  addWorkingDays,
  firstWorkingDayOfWeek,
  isoWeekday,
  isWorkingDay,
  lastWorkingDayOfMonth,
  lastWorkingDayOfWeek,
  localDateOf,
  localDateTimeToInstant,
  localTimeOf,
  workingDayOnOrAfter,
  workingDayOnOrBefore,
  workingDaysBetween,
} from '../../src/core/working-days';

/** England and Wales bank holidays around Christmas 2026 and new year 2027. */
const gbHolidays = new Set(['2026-12-25', '2026-12-28', '2027-01-01']);
const isGbHoliday = (d: string) => gbHolidays.has(d);
const SUN_TO_THU = [7, 1, 2, 3, 4];

describe('isWorkingDay', () => {
  it('treats Monday to Friday as working days by default', () => {
    expect(isWorkingDay('2026-11-23')).toBe(true); // Monday
    expect(isWorkingDay('2026-11-27')).toBe(true); // Friday
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-22')).toBe(false); // Sunday
  });

  it('excludes holidays', () => {
    expect(isWorkingDay('2026-12-25', undefined, isGbHoliday)).toBe(false);
    expect(isWorkingDay('2026-12-24', undefined, isGbHoliday)).toBe(true);
  });

  it("follows the channel's own workdays (a Sunday-to-Thursday week)", () => {
    expect(isWorkingDay('2026-11-22', SUN_TO_THU)).toBe(true); // Sunday
    expect(isWorkingDay('2026-11-27', SUN_TO_THU)).toBe(false); // Friday
  });

  it('rejects a date that does not exist', () => {
    expect(() => isWorkingDay('2027-02-30')).toThrow(RangeError);
    expect(() => isWorkingDay('31/07/2027')).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-11-20', 1, '2026-11-23', 'Friday +1 skips the weekend to Monday'],
    ['2026-11-21', 1, '2026-11-23', 'Saturday +1 is Monday'],
    ['2026-11-21', -1, '2026-11-20', 'Saturday -1 is Friday'],
    ['2026-11-22', -2, '2026-11-19', 'Sunday -2 is Thursday'],
    ['2026-11-25', -2, '2026-11-23', 'Wednesday -2 is Monday'],
    ['2026-11-23', -1, '2026-11-20', 'Monday -1 is the Friday before'],
    ['2026-11-27', 3, '2026-12-02', 'across a month end'],
    ['2026-11-25', 0, '2026-11-25', 'zero leaves the date alone'],
    ['2026-11-21', 0, '2026-11-21', 'zero leaves even a Saturday alone'],
    ['2026-11-02', 20, '2026-11-30', 'four whole weeks'],
  ])('%s plus %i working days is %s (%s)', (from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it('skips holidays going forward and back', () => {
    expect(addWorkingDays('2026-12-24', 1, undefined, isGbHoliday)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-29', -1, undefined, isGbHoliday)).toBe('2026-12-24');
    expect(addWorkingDays('2026-12-31', 1, undefined, isGbHoliday)).toBe('2027-01-04');
    expect(addWorkingDays('2027-01-04', -2, undefined, isGbHoliday)).toBe('2026-12-30');
  });

  it('counts a Sunday-to-Thursday week', () => {
    expect(addWorkingDays('2026-11-26', 1, SUN_TO_THU)).toBe('2026-11-29'); // Thu -> Sun
    expect(addWorkingDays('2026-11-29', -1, SUN_TO_THU)).toBe('2026-11-26');
  });

  it('refuses fractions and fails, rather than hanging, when no day is a working day', () => {
    expect(() => addWorkingDays('2026-11-23', 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-11-23', 1, [])).toThrow(/No working day/);
    expect(() => addWorkingDays('2026-11-23', -1, undefined, () => true)).toThrow(/No working day/);
  });

  it('always lands on a working day and is undone by counting back (property)', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addCalendarDays('2025-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: -40, max: 40 }).filter((n) => n !== 0),
        (start, n) => {
          const end = addWorkingDays(start, n, undefined, isGbHoliday);
          expect(isWorkingDay(end, undefined, isGbHoliday)).toBe(true);
          expect(workingDaysBetween(start, end, undefined, isGbHoliday)).toBe(n);
        },
      ),
    );
  });
});

describe('workingDayOnOrAfter / workingDayOnOrBefore', () => {
  it('keeps a working day and moves a weekend or holiday to the nearest working day', () => {
    expect(workingDayOnOrAfter('2026-11-23')).toBe('2026-11-23');
    expect(workingDayOnOrAfter('2026-11-21')).toBe('2026-11-23');
    expect(workingDayOnOrBefore('2026-11-22')).toBe('2026-11-20');
    expect(workingDayOnOrAfter('2026-12-25', undefined, isGbHoliday)).toBe('2026-12-29');
  });
});

describe('lastWorkingDayOfMonth', () => {
  it.each([
    ['2026-11-05', '2026-11-30', 'November 2026 ends on a Monday'],
    ['2027-01-15', '2027-01-29', 'January 2027 ends on a Sunday, so Friday 29th'],
    ['2027-07-01', '2027-07-30', 'July 2027 ends on a Saturday'],
    ['2027-02-10', '2027-02-26', 'February 2027 has 28 days and ends on a Sunday'],
    ['2028-02-01', '2028-02-29', 'February 2028 is a leap month ending on a Tuesday'],
  ])('for %s is %s (%s)', (inMonth, expected) => {
    expect(lastWorkingDayOfMonth(inMonth)).toBe(expected);
  });

  it('steps back over a holiday on the last day', () => {
    expect(lastWorkingDayOfMonth('2026-12-01', undefined, (d) => d === '2026-12-31')).toBe('2026-12-30');
  });

  it('uses the channel workdays', () => {
    expect(lastWorkingDayOfMonth('2027-07-01', SUN_TO_THU)).toBe('2027-07-29');
  });

  it('falls back to the last calendar day when the whole month is off', () => {
    expect(lastWorkingDayOfMonth('2027-08-09', undefined, (d) => d.startsWith('2027-08'))).toBe('2027-08-31');
  });
});

describe('week boundaries', () => {
  it('finds the last working day of the Monday-to-Sunday week', () => {
    expect(lastWorkingDayOfWeek('2026-11-21')).toBe('2026-11-20'); // Saturday -> that week's Friday
    expect(lastWorkingDayOfWeek('2026-11-23')).toBe('2026-11-27');
    expect(lastWorkingDayOfWeek('2026-11-23', undefined, (d) => d === '2026-11-27')).toBe('2026-11-26');
  });

  it('finds the first working day of the week', () => {
    expect(firstWorkingDayOfWeek('2026-12-24')).toBe('2026-12-21');
    expect(firstWorkingDayOfWeek('2026-12-31', undefined, isGbHoliday)).toBe('2026-12-29');
  });

  it('gives ISO weekdays', () => {
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(isoWeekday('2026-11-22')).toBe(7);
  });
});

describe('workingDaysBetween', () => {
  it('counts the end but not the start, signed', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1);
    expect(workingDaysBetween('2026-11-23', '2026-11-20')).toBe(-1);
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-12-24', '2026-12-31', undefined, isGbHoliday)).toBe(3);
  });
});

describe('localDateOf', () => {
  const instant = new Date('2026-11-21T23:30:00Z');
  it('gives the calendar date in the zone', () => {
    expect(localDateOf(instant, 'Europe/London')).toBe('2026-11-21');
    expect(localDateOf(instant, 'Australia/Sydney')).toBe('2026-11-22');
    expect(localDateOf(new Date('2026-11-22T03:30:00Z'), 'America/New_York')).toBe('2026-11-21');
    expect(localTimeOf(instant, 'Australia/Sydney')).toBe('10:30');
  });
  it('refuses an Invalid Date instead of writing NaN', () => {
    expect(() => localDateOf(new Date(Number.NaN), 'Europe/London')).toThrow(RangeError);
    expect(() => localTimeOf(new Date(Number.NaN), 'Europe/London')).toThrow(RangeError);
  });
  it('gives the wall-clock time @date-fns/tz gives, in every zone since 1973 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1973, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...Intl.supportedValuesOf('timeZone')),
        (ms, zone) => {
          expect(localTimeOf(new Date(ms), zone)).toBe(format(new Date(ms), 'HH:mm', { in: tz(zone) }));
        },
      ),
      { numRuns: 3000 },
    );
  });
  it('keeps the date-fns reading before 1600 and for offsets Intl does not know as zones', () => {
    const old = new Date('1500-06-01T12:34:00Z');
    expect(localTimeOf(old, 'Europe/Paris')).toBe(format(old, 'HH:mm', { in: tz('Europe/Paris') }));
    expect(localTimeOf(instant, '+05:30')).toBe('05:00');
  });
});

describe('localDateTimeToInstant', () => {
  it('gives the same instant when asked again, however the first answer was used', () => {
    const first = localDateTimeToInstant('2027-03-28', '01:30', 'Europe/London');
    first.setTime(0);
    expect(localDateTimeToInstant('2027-03-28', '01:30', 'Europe/London').toISOString()).toBe(
      '2027-03-28T01:30:00.000Z',
    );
    expect(localDateTimeToInstant('2027-03-28', '01:30', 'America/New_York').toISOString()).toBe(
      '2027-03-28T05:30:00.000Z',
    );
  });

  it.each([
    ['2026-11-27', '17:00', 'Europe/London', '2026-11-27T17:00:00.000Z', 'GMT in winter'],
    ['2027-07-30', '17:00', 'Europe/London', '2027-07-30T16:00:00.000Z', 'BST in summer'],
    ['2026-11-27', '17:00', 'America/New_York', '2026-11-27T22:00:00.000Z', 'EST'],
    ['2027-07-30', '17:00', 'America/New_York', '2027-07-30T21:00:00.000Z', 'EDT'],
    ['2026-11-27', '17:00', 'Australia/Sydney', '2026-11-27T06:00:00.000Z', 'AEDT'],
    ['2027-07-30', '17:00', 'Australia/Sydney', '2027-07-30T07:00:00.000Z', 'AEST'],
  ])('%s %s in %s is %s (%s)', (date, time, zone, expected) => {
    expect(localDateTimeToInstant(date, time, zone).toISOString()).toBe(expected);
  });

  it.each([
    ['2027-03-28', '01:30', 'Europe/London', '2027-03-28T01:30:00.000Z', '02:30'],
    ['2027-03-14', '02:30', 'America/New_York', '2027-03-14T07:30:00.000Z', '03:30'],
    ['2026-10-04', '02:30', 'Australia/Sydney', '2026-10-03T16:30:00.000Z', '03:30'],
  ])('moves %s %s in %s, inside the spring gap, forward to %s (%s local)', (date, time, zone, iso, local) => {
    const instant = localDateTimeToInstant(date, time, zone);
    expect(instant.toISOString()).toBe(iso);
    expect(localTimeOf(instant, zone)).toBe(local);
    expect(localDateOf(instant, zone)).toBe(date);
  });

  it.each([
    ['2026-10-25', '01:30', 'Europe/London', '2026-10-25T00:30:00.000Z'],
    ['2026-11-01', '01:30', 'America/New_York', '2026-11-01T05:30:00.000Z'],
    ['2026-04-05', '02:30', 'Australia/Sydney', '2026-04-04T15:30:00.000Z'],
  ])('takes the first of the two %s %s in %s in the autumn overlap', (date, time, zone, iso) => {
    expect(localDateTimeToInstant(date, time, zone).toISOString()).toBe(iso);
  });

  it('rejects impossible dates and times', () => {
    expect(() => localDateTimeToInstant('2027-02-30', '12:00', 'Europe/London')).toThrow(RangeError);
    expect(() => localDateTimeToInstant('2027-02-03', '24:00', 'Europe/London')).toThrow(RangeError);
    expect(() => localDateTimeToInstant('2027-02-03', '9:00', 'Europe/London')).toThrow(RangeError);
  });

  it('round-trips every wall time outside a gap, and is always a real instant (property)', () => {
    const zones = fc.constantFrom('Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata');
    const day = fc.integer({ min: 0, max: 4000 }).map((n) => addCalendarDays('2024-01-01', n));
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(day, time, zones, (d, t, zone) => {
        const instant = localDateTimeToInstant(d, t, zone);
        expect(Number.isFinite(instant.getTime())).toBe(true);
        const back = `${localDateOf(instant, zone)} ${localTimeOf(instant, zone)}`;
        // Only a wall time in a spring gap may move, and then only forward, by at most two hours.
        const drift = (Date.parse(`${back.replace(' ', 'T')}Z`) - Date.parse(`${d}T${t}Z`)) / 60_000;
        expect(drift === 0 || (drift > 0 && drift <= 120)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
