import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

/** Owner and task of every action, for compact assertions. */
const pairs = (text: string): Array<[string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text]);

describe('a closing summary that repeats the actions of the minutes', () => {
  it('counts each action once, keeps it where it was raised, and takes the summary’s fuller words', () => {
    const minutes = [
      'Makerspace committee meeting, 11 June 2016',
      '',
      '## Subcommittee reports',
      '',
      '### Woodshop',
      'Action: Priya to insert report here.',
      '',
      '### Electronics',
      'Action: Owen to insert report.',
      '',
      '## General business',
      '',
      'Noise complaints. Action: Tim to post a reminder about quiet hours.',
      '',
      '## Action items resulting',
      '',
      '- Action: Priya to insert woodshop subcommittee report',
      '- Action: Owen to insert electronics subcommittee report',
      '- Action: Tim to post a reminder about quiet hours',
      '- Action: Sara to order the new laser tube',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['Priya', 'insert woodshop subcommittee report'],
      ['Owen', 'insert electronics subcommittee report'],
      ['Tim', 'post a reminder about quiet hours.'],
      ['Sara', 'order the new laser tube'],
    ]);
  });

  it('reads "Actions from this meeting" as a summary too, and keeps alike actions of other owners apart', () => {
    const minutes = [
      'Board meeting, 4 March 2021',
      '',
      '1. Reports',
      'Action: Ana to send the report.',
      '',
      'Actions from this meeting:',
      '- Action: Ana to send the report',
      '- Action: Ben to send the auditors’ report to the bank',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['Ana', 'send the report.'],
      ['Ben', 'send the auditors’ report to the bank'],
    ]);
  });

  it('takes a sub-heading under an action list as more of it only when it reads as an owner or a name', () => {
    const minutes = [
      'Protocol design interim, 30 January 2013',
      '',
      '## Next steps',
      '',
      'ACTION: Eliot to start the thread on the mailing list.',
      '',
      '### Proposed frame layout',
      '',
      '- Header compression',
      '- Uniform length / alignment',
      '- Settings persistence - at risk',
      '',
      '## Actions',
      '',
      '### Venues',
      '- Priya to book the venue for the interim',
      '',
      '### Finance team',
      '- Pay the caterers',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['Eliot', 'start the thread on the mailing list.'],
      ['Priya', 'book the venue for the interim'],
      ['', 'Pay the caterers'],
    ]);
  });
});
