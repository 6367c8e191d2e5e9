import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NotICalendar, nextOccurrence } from '../../src/core/calendar/next-occurrence';

const feed = (name: string) => readFileSync(join(__dirname, '../fixtures/calendars', name), 'utf8');
const next = (name: string, now: string, zone: string) => nextOccurrence(feed(name), new Date(now), zone);

describe('the next meeting in a weekly committee feed (EXDATE, a moved and a cancelled occurrence)', () => {
  it('takes the next week after a meeting that has started', () => {
    expect(next('weekly-committee.ics', '2026-09-09T09:30:00Z', 'Europe/London')).toEqual({
      date: '2026-09-16T10:00',
      title: 'Road Safety Committee',
    });
  });
  it('skips the excluded Christmas weeks and finds the occurrence moved to Thursday', () => {
    expect(next('weekly-committee.ics', '2026-12-16T12:00:00Z', 'Europe/London')).toEqual({
      date: '2027-01-07T14:00',
      title: 'Road Safety Committee (moved to Thursday)',
    });
  });
  it('skips a cancelled occurrence', () => {
    expect(next('weekly-committee.ics', '2027-01-08T00:00:00Z', 'Europe/London')?.date).toBe(
      '2027-01-20T10:00',
    );
  });
});

describe('a monthly second-Tuesday meeting in Europe/London, across the change to summer time', () => {
  it('is at 18:00 GMT before the change', () => {
    expect(next('monthly-second-tuesday.ics', '2026-03-01T00:00:00Z', 'UTC')?.date).toBe('2026-03-10T18:00');
  });
  it('is at 18:00 BST after it: 17:00 in a UTC channel, 18:00 in a London one', () => {
    expect(next('monthly-second-tuesday.ics', '2026-03-11T00:00:00Z', 'UTC')?.date).toBe('2026-04-14T17:00');
    expect(next('monthly-second-tuesday.ics', '2026-03-11T00:00:00Z', 'Europe/London')?.date).toBe(
      '2026-04-14T18:00',
    );
  });
  it('is shown in the channel zone, whose own change to summer time came earlier', () => {
    expect(next('monthly-second-tuesday.ics', '2026-03-01T00:00:00Z', 'America/New_York')?.date).toBe(
      '2026-03-10T14:00',
    );
  });
});

describe('an all-day event', () => {
  it('is a date without a time, and still the next meeting on its own day', () => {
    expect(next('away-day.ics', '2027-03-14T23:30:00Z', 'Europe/London')).toEqual({
      date: '2027-03-15',
      title: 'Board away day',
    });
    expect(next('away-day.ics', '2027-03-15T20:00:00Z', 'Europe/London')?.date).toBe('2027-03-15');
  });
  it('is gone the day after, and a feed with nothing ahead has no next meeting', () => {
    expect(next('away-day.ics', '2027-03-16T01:00:00Z', 'Europe/London')).toBeNull();
  });
});

describe('a Google Calendar feed', () => {
  it('finds a one-off UTC meeting between weekly ones, with Thanksgiving excluded', () => {
    expect(next('google.ics', '2026-11-20T12:00:00Z', 'America/New_York')).toEqual({
      date: '2026-12-01T18:00',
      title: 'Parks Forum: budget special',
    });
  });
  it('goes back to the weekly meeting, and ends with its UNTIL', () => {
    expect(next('google.ics', '2026-12-02T12:00:00Z', 'America/New_York')?.date).toBe('2026-12-03T19:00');
    expect(next('google.ics', '2027-04-02T12:00:00Z', 'America/New_York')).toBeNull();
  });
});

describe('an Outlook feed whose zone is a Windows name defined by its VTIMEZONE', () => {
  it('reads GMT Standard Time through the feed’s own rules, summer time included', () => {
    expect(next('outlook.ics', '2026-03-05T00:00:00Z', 'UTC')?.date).toBe('2026-04-01T08:30');
    expect(next('outlook.ics', '2026-03-05T00:00:00Z', 'Europe/London')?.date).toBe('2026-04-01T09:30');
    expect(next('outlook.ics', '2026-11-01T00:00:00Z', 'UTC')?.date).toBe('2026-11-04T09:30');
  });
});

describe('floating times and what is not a feed', () => {
  it('reads a floating time as wall-clock time in the channel’s zone', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:f1',
      'DTSTART:20270201T090000',
      'SUMMARY:Floating',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(nextOccurrence(text, new Date('2027-01-01T00:00:00Z'), 'Asia/Tokyo')?.date).toBe(
      '2027-02-01T09:00',
    );
  });
  it('refuses HTML and broken iCalendar', () => {
    expect(() => nextOccurrence('<html><body>Sign in</body></html>', new Date(), 'UTC')).toThrow(
      NotICalendar,
    );
    expect(() => nextOccurrence('BEGIN:VCALENDAR\r\nthis is not a line\r\n', new Date(), 'UTC')).toThrow(
      NotICalendar,
    );
  });
});
