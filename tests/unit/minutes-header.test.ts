import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMeetingHeader } from '../../src/core/minutes/meeting-header';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', 'fixtures', 'minutes', name), 'utf8');

describe('meeting header', () => {
  it('reads title, "Date:" line, the previous meeting from "Notes of the previous meeting on …" and the next', () => {
    expect(extractMinutes(fixture('action-colon.txt')).meeting).toEqual({
      title: 'Larkspur Community Library Trust – Board Meeting',
      date: '2022-12-07',
      previousMeeting: '2022-11-09',
      nextMeeting: '2023-01-11T18:30',
    });
  });

  it('reads "Minutes of … held on <date> at <time>" and a "Date of next meeting" heading with the date below', () => {
    expect(extractMinutes(fixture('actions-lettered.md')).meeting).toEqual({
      title: "Harbour Road Residents' Association",
      date: '2023-03-14T19:00',
      previousMeeting: null,
      nextMeeting: '2023-04-11T19:00',
    });
  });

  it('reads a title line that runs on into the date, time and venue', () => {
    expect(extractMinutes(fixture('actions-one-line.txt')).meeting).toEqual({
      title: 'Thornbury Allotment Society – Committee Meeting',
      date: '2023-03-02T19:00',
      previousMeeting: null,
      nextMeeting: '2023-04-06T19:00',
    });
  });

  it('takes "the minutes of the meeting held on 9 January" as the previous meeting, not this one', () => {
    expect(extractMinutes(fixture('initials-after.txt')).meeting).toEqual({
      title: 'Little Ashby Parish Council',
      date: '2023-02-06T19:30',
      previousMeeting: '2023-01-09',
      nextMeeting: '2023-03-06T19:30',
    });
  });

  it('reads a MeetBot header: the date from the title and the time the meeting started', () => {
    expect(extractMinutes(fixture('meetbot.txt')).meeting).toEqual({
      title: '#example-docs: Docs team',
      date: '2021-05-04T15:00',
      previousMeeting: null,
      nextMeeting: null,
    });
  });

  it('moves a time given in UTC into the meeting time zone when one is given', () => {
    expect(extractMinutes(fixture('meetbot.txt'), { timezone: 'Europe/Berlin' }).meeting.date).toBe(
      '2021-05-04T17:00',
    );
  });

  it('does not take a date mentioned in passing near "next meeting" as the next meeting', () => {
    const header = readMeetingHeader(
      [
        'Minutes of the Board held on 5 May 2021',
        '',
        'The report will come to the next meeting. The grant of 20 May 2021 was noted.',
      ].join('\n'),
    );
    expect(header.date).toBe('2021-05-05');
    expect(header.nextMeeting).toBeNull();
  });

  it('gives nulls, never made-up dates, for text without a header', () => {
    expect(readMeetingHeader('Clerk to write to the council.')).toEqual({
      title: 'Clerk to write to the council.',
      date: null,
      previousMeeting: null,
      nextMeeting: null,
    });
  });

  it('infers the year of a next meeting written without one from the meeting date', () => {
    const header = readMeetingHeader(
      'Finance Committee\nDate: 14 December 2022\n\nDate of next meeting: 11 January',
    );
    expect(header.nextMeeting).toBe('2023-01-11');
  });

  it('reads "RESOLVED that the minutes of the meeting held on 12th December 2022 be approved" as the previous meeting', () => {
    const header = readMeetingHeader(
      [
        'MINUTES OF THE MEETING OF ASHWORTH TOWN COUNCIL',
        'HELD ON MONDAY 16TH JANUARY 2023 AT 7PM IN THE COUNCIL CHAMBER',
        '',
        '180. MINUTES',
        'RESOLVED that the minutes of the meeting held on 12th December 2022 be approved as a correct record.',
      ].join('\n'),
    );
    expect(header).toEqual({
      title: 'MEETING OF ASHWORTH TOWN COUNCIL',
      date: '2023-01-16T19:00',
      previousMeeting: '2022-12-12',
      nextMeeting: null,
    });
  });

  it('puts a previous meeting written without a year before the meeting, and the next one after it', () => {
    const header = readMeetingHeader(
      'Board meeting – 10 January 2023\n\nThe minutes of the last meeting (13 December) were approved.\n\nNext meeting: 7 February',
    );
    expect(header).toEqual({
      title: 'Board meeting',
      date: '2023-01-10',
      previousMeeting: '2022-12-13',
      nextMeeting: '2023-02-07',
    });
  });
});
