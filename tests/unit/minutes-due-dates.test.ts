import { findDue, readDueCell } from '../../src/core/minutes/due-dates';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

const ctx = { meetingDate: '2022-12-10', nextMeeting: '2023-01-14T19:00' };

describe('due dates in minutes, read against the meeting date', () => {
  it('resolves "by 27th December" in the year of the meeting', () => {
    expect(findDue('send the accounts by 27th December', ctx)).toBe('2022-12-27');
  });

  it('resolves a day that has already passed that year into the next year', () => {
    expect(findDue('renew the lease by 3 February', ctx)).toBe('2023-02-03');
  });

  it('resolves "tomorrow EOD" to the day after the meeting, whatever today is', () => {
    expect(findDue('update the notes tomorrow EOD', ctx)).toBe('2022-12-11');
  });

  it('resolves "by the next meeting" to the next meeting date', () => {
    expect(findDue('report back by the next meeting', ctx)).toBe('2023-01-14');
    expect(findDue('report back at next meeting', ctx)).toBe('2023-01-14');
  });

  it('resolves "the January meeting" to the next meeting when it is in January, and to nothing otherwise', () => {
    expect(findDue('bring costs to the January meeting', ctx)).toBe('2023-01-14');
    expect(findDue('bring costs to the March meeting', ctx)).toBeNull();
  });

  it('trusts a weekday given with a year-less date: Tuesday 19th June after a 2018 meeting is 2018', () => {
    expect(
      findDue('book the room by Tuesday 19th June', { meetingDate: '2018-06-12', nextMeeting: null }),
    ).toBe('2018-06-19');
    expect(
      findDue('book the room by Tuesday 19th June', { meetingDate: '2017-11-20', nextMeeting: null }),
    ).toBe('2018-06-19');
  });

  it('keeps a time of day when one is given', () => {
    expect(findDue('circulate the papers by 5pm Friday', ctx)).toBe('2022-12-16T17:00');
  });

  it('does not take dates the task only mentions as its due date', () => {
    expect(findDue('provide the data for the period July to December 2021', ctx)).toBeNull();
    expect(findDue('update the October and November minutes on the website', ctx)).toBeNull();
  });

  it('without a meeting date, resolves only dates that give their year', () => {
    const none = { meetingDate: null, nextMeeting: null };
    expect(findDue('pay the invoice by 31 January 2023', none)).toBe('2023-01-31');
    expect(findDue('pay the invoice by 31 January', none)).toBeNull();
    expect(findDue('pay the invoice tomorrow', none)).toBeNull();
  });

  it('reads a Due column cell, where "ASAP" and "ongoing" are no date', () => {
    expect(readDueCell('15/01/2023', ctx)).toBe('2023-01-15');
    expect(readDueCell('Next meeting', ctx)).toBe('2023-01-14');
    expect(readDueCell('ASAP', ctx)).toBeNull();
    expect(readDueCell('ongoing', ctx)).toBeNull();
  });

  it('resolves due dates against the date of the minutes, not the day they are imported', () => {
    const minutes = extractMinutes(
      'Committee meeting\nDate: 2 March 2015\n\nAction: Clerk to send the letter in 2 weeks\n',
    );
    expect(minutes.actions[0]?.due).toBe('2015-03-16');
  });

  it('reads the month of the next meeting however it is written: possessive, or the agenda of that month', () => {
    expect(findDue("raise it at January's meeting", ctx)).toBe('2023-01-14');
    expect(findDue('put the quote on the January agenda', ctx)).toBe('2023-01-14');
    expect(findDue('add the item to the agenda for January’s meeting', ctx)).toBe('2023-01-14');
    // A month that is not the next meeting's gives no date rather than a wrong one.
    expect(findDue('put the quote on the March agenda', ctx)).toBeNull();
  });

  it('counts "(3 more days)" and "in two weeks" from the meeting', () => {
    expect(findDue('merge the PR once the review period ends (3 more days)', ctx)).toBe('2022-12-13');
    expect(findDue('wait 2 more weeks, then close the issue', ctx)).toBe('2022-12-24');
    expect(findDue('circulate the draft in two weeks', ctx)).toBe('2022-12-24');
  });

  it('reads a month alone after a deadline word as the end of that month', () => {
    expect(findDue('have the new website live by March 2023', ctx)).toBe('2023-03-31');
    expect(findDue('renew the insurance by February', ctx)).toBe('2023-02-28');
    expect(findDue('file the return before April 2023', ctx)).toBe('2023-03-31');
    // A month the task only mentions is no deadline.
    expect(findDue('summarise the March 2023 survey results', ctx)).toBeNull();
  });

  it('takes "on <day>" soon after the meeting as the day of the task, but not a day that has passed', () => {
    expect(findDue('serve mulled wine after the carol service on 18 December', ctx)).toBe('2022-12-18');
    expect(findDue('present the accounts at the AGM on 20 January 2023', ctx)).toBe('2023-01-20');
    expect(findDue('reply to the letter received on 30 December', ctx)).toBeNull();
    expect(findDue('answer the complaint about the noise on 2 December', ctx)).toBeNull();
    expect(findDue('write about the party on 3 March', ctx)).toBeNull();
  });

  it('finds the next meeting on the line below its heading, even when the heading holds a year', () => {
    const minutes = extractMinutes(
      'Village Hall Committee\nMinutes of the meeting held on 5 July 2006\n\n1. Accounts\n' +
        'Mrs Hale agreed to bring the bank statements to the next meeting.\n\n' +
        '8. Dates of next meetings for 2006\n\n4.OOpm, Wednesday 4th October 2006\n',
    );
    expect(minutes.meeting.nextMeeting).toBe('2006-10-04T16:00');
    expect(minutes.actions[0]?.due).toBe('2006-10-04');
  });

  it('takes the day an agenda item is about as the due date of an action on that same thing', () => {
    const minutes = extractMinutes(
      [
        '# 2021-07-01 Tooling group notes',
        '',
        '### Scheduled release for July 2nd, 2021',
        '* @mdj volunteers. **Resolution**: @mdj will do the release.',
        '',
        '### Venue booking on 20 July 2021',
        '* Ana Ruiz will book the caterers.',
        '',
        '### Review of the release on 3 June 2021',
        '* Ana Ruiz will write up the release retrospective.',
      ].join('\n'),
    );
    expect(minutes.actions.map((a) => [a.text, a.due])).toEqual([
      ['do the release.', '2021-07-02'],
      // No word of the title in the task: the day is not the task's.
      ['book the caterers.', null],
      // A day before the meeting is no due date.
      ['write up the release retrospective.', null],
    ]);
  });

  it('does not take a stretch of time for a deadline: "over the next 12 months", "for next month"', () => {
    expect(findDue('publish the maintenance dates over the next 12 months', ctx)).toBeNull();
    expect(findDue('create the calendar events for next month', ctx)).toBeNull();
    expect(findDue('send out the survey within the next 4 weeks', ctx)).toBe('2023-01-07');
  });

  it('takes a deadline the discussion gave for the same task into the closing action list', () => {
    const minutes = extractMinutes(
      [
        '# Trustees meeting 2025-01-09',
        '',
        '## Events',
        '- Regional fair stall (book the stall form no later than 2025-02-05)',
        '- The minibus insurance renewal was discussed; it runs until 2025-06-30.',
        '',
        '## Action items',
        '- Dana Reyes: Book the regional fair stall form',
        '- Omar Haddad: Ask the minibus driver for his licence details',
      ].join('\n'),
    );
    expect(minutes.actions.map((a) => [a.owners[0], a.due])).toEqual([
      ['Dana Reyes', '2025-02-05'],
      // One shared word ("minibus") is no sign that the discussion's date is this task's.
      ['Omar Haddad', null],
    ]);
  });
});
