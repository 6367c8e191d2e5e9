import { findDue } from '../../src/core/minutes/due-dates';
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

const ctx = { meetingDate: '2025-04-08', nextMeeting: null };

const brief = (text: string) =>
  extractMinutes(text).actions.map((a) => ({ owners: a.owners, text: a.text, due: a.due, status: a.status }));

describe('forms of minutes the extractor was not built on (fresh held-out set)', () => {
  it('reads "by Apr 18" as 18 April after the meeting, not April 2018; a written year still counts', () => {
    expect(findDue('set up automatic renewal by Apr 18', ctx)).toBe('2025-04-18');
    expect(findDue('close the accounts by Sept 30', ctx)).toBe('2025-09-30');
    expect(findDue('renew the lease by Mar 3', ctx)).toBe('2026-03-03');
    // Trap: a month with a four-digit year is that month, and "Apr 31" is no day at all.
    expect(findDue('publish the report by April 2026', ctx)).toBe('2026-04-30');
    expect(findDue('file it by Apr 31', ctx)).not.toBe('2025-04-31');
  });

  it('takes a date written as the last field of an action line as its due date, and only a date', () => {
    const actions = brief(
      [
        'Meeting notes, Monday Jun 2, 2025',
        '',
        'Action items',
        '- Oscar Bell — chase legal for sign-off on the terms page — Jun 6',
        '- Jess – set up the online payments page (Tue)',
        '- Maya Lindqvist — send the launch comms plan to the exec team — before launch',
      ].join('\n'),
    );
    expect(actions).toEqual([
      {
        owners: ['Oscar Bell'],
        text: 'chase legal for sign-off on the terms page',
        due: '2025-06-06',
        status: 'open',
      },
      { owners: ['Jess'], text: 'set up the online payments page (Tue)', due: '2025-06-03', status: 'open' },
      // Trap: "before launch" is not a date, so it stays in the task and sets none.
      {
        owners: ['Maya Lindqvist'],
        text: 'send the launch comms plan to the exec team — before launch',
        due: null,
        status: 'open',
      },
    ]);
  });

  it('never reads the next-meeting line as an action, though its brackets look like an owner', () => {
    const actions = brief(
      [
        'Finance Committee, 28 January 2025',
        '',
        '## Actions',
        '',
        '| Due | Owner | Action |',
        '|-----|-------|--------|',
        '| 14 February 2025 | Tom Birch | Send the auditors the fixed asset register |',
        '',
        'Next meeting: 29 April 2025, 6pm (online)',
      ].join('\n'),
    );
    expect(actions).toEqual([
      {
        owners: ['Tom Birch'],
        text: 'Send the auditors the fixed asset register',
        due: '2025-02-14',
        status: 'open',
      },
    ]);
    expect(
      extractMinutes('Finance Committee, 28 January 2025\n\nNext meeting: 29 April 2025, 6pm (online)')
        .meeting.nextMeeting,
    ).toBe('2025-04-29T18:00');
  });

  it('gives a bare "ACTION: owner" the topic of its item, never the owner\'s name as the task', () => {
    const actions = brief(
      [
        'Minutes of the meeting held on 3 September 2024',
        '',
        '3. Matters Arising',
        '3.1 Bus shelter: the Secretary reported the shelter would be replaced. No further action.',
        '3.2 Defibrillator training: still outstanding. ACTION: Treasurer',
        '3.3 Item 6 (field trip risk assessments): outstanding. Action: DV',
      ].join('\n'),
    );
    expect(actions).toEqual([
      { owners: ['Treasurer'], text: 'Defibrillator training', due: null, status: 'ongoing' },
      { owners: ['DV'], text: 'field trip risk assessments', due: null, status: 'ongoing' },
    ]);
  });

  it('reads "@Ravi Menon task" as the person Ravi Menon when the notes list that name, and keeps "@Sam Review" a handle', () => {
    const actions = brief(
      [
        '# Platform sync — 2025-04-08',
        'Participants: @Nadia Kowalski @Ravi Menon @Lucía Torres',
        '',
        '## Action items',
        '- [ ] @Ravi Menon set up automatic renewal for the internal certificates by Apr 18',
        '- [ ] @Lucía Torres add the certificate check to the release checklist',
        // Trap: "@Sam Review" is never listed alone, so Sam is the owner and "Review" starts the task.
        '- [ ] @Sam: Review the on-call handbook',
      ].join('\n'),
    );
    expect(actions).toEqual([
      {
        owners: ['Ravi Menon'],
        text: 'set up automatic renewal for the internal certificates by Apr 18',
        due: '2025-04-18',
        status: 'open',
      },
      {
        owners: ['Lucía Torres'],
        text: 'add the certificate check to the release checklist',
        due: null,
        status: 'open',
      },
      { owners: ['@Sam'], text: 'Review the on-call handbook', due: null, status: 'open' },
    ]);
  });

  it('knows people the prose names in full when there is no attendance list, and no organisation', () => {
    const actions = brief(
      [
        'Harbour Lane Housing Co-operative, General Meeting, 17 October 2024',
        'Present: 14 members (see attendance sheet).',
        '',
        '3. Maintenance',
        'Declan Mooney reported that the contractor had found a blocked gutter. It was agreed that Declan would get the gutter cleared.',
        '4. Finance',
        'The treasurer, Helen Ward, presented the accounts. It was agreed that Helen would write to the households in arrears.',
        '5. Roads',
        // Traps: an organisation that reports is no person, nor is a first name never given in full.
        'The Highland Council reported delays. It was agreed that Highland would resurface the lane.',
        'It was agreed that Finn would build raised beds.',
      ].join('\n'),
    );
    expect(actions.map((a) => [a.owners, a.text])).toEqual([
      [['Declan'], 'get the gutter cleared.'],
      [['Helen'], 'write to the households in arrears.'],
    ]);
  });
});
