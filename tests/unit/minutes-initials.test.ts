import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

describe('initials the attendance list defines', () => {
  it('maps the initials an owner is written with to the name the attendance list gives', () => {
    const minutes = extractMinutes(
      [
        'Harbour Trust board meeting, 14 March 2024',
        '',
        '## Attendees',
        'Cllr Fred Eglington (FE), Ann Marie Lowe (AML), Priya Shah (P.S.), Jane Smith (Treasurer)',
        'Apologies: Tom Reed (TR)',
        '',
        '1. Moorings',
        'Action: FE to renew the mooring licences.',
        'Action: AML to chase the harbour dues.',
      ].join('\n'),
    );
    expect(minutes.actions.map((a) => a.owners)).toEqual([['FE'], ['AML']]);
    expect(minutes.initials).toEqual({
      FE: 'Fred Eglington',
      AML: 'Ann Marie Lowe',
      PS: 'Priya Shah',
      TR: 'Tom Reed',
    });
  });

  it('takes no acronym outside the attendance list and no bracket whose letters do not fit the name', () => {
    const minutes = extractMinutes(
      [
        'Minutes of the Parks Committee, 2 May 2024',
        'Present: Alan Hart (chair), Beth Cole (BX)',
        '',
        '1. Play areas',
        'The report of Play Area Working Group (PAWG) was noted.',
        'Action: Clerk to book the inspection.',
      ].join('\n'),
    );
    expect(minutes.initials).toBeUndefined();
  });
});
