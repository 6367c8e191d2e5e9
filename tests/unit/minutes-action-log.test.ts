import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

/** Owners, task and status of every action, for compact assertions. */
const rows = (text: string): Array<[string, string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text, a.status]);

/** A club committee's running log, its bullets run together as a wiki export leaves them. */
const log = (...items: string[]): string =>
  [
    '## Committee Meeting 2025.03.08',
    '',
    '### Previous Action Items',
    '',
    ...items.map((i) => `-   ${i}`),
    '',
    '### General Business',
    '',
    '-   The heater is fixed.',
  ].join('\n');

describe('action logs whose list markers collapsed into one line', () => {
  it('starts a new action at a marker in mid-line, and keeps the note before it out', () => {
    const text = log(
      'ACTION: PatK to book the hall. ** Not Done ** * ACTION: SamW to order the filters. ** Done **',
      'JoL reports the saw blade is blunt Action: Replace the saw blade',
    );
    expect(rows(text)).toEqual([
      ['PatK', 'book the hall.', 'ongoing'],
      ['SamW', 'order the filters.', 'done'],
      ['', 'Replace the saw blade', 'open'],
    ]);
  });

  it('hands an action over on "X to take on", instead of adding a task "take on"', () => {
    const text = log('ACTION: PatK to price new lockers. SamW to take on. ** Not Done **');
    expect(rows(text)).toEqual([['SamW', 'price new lockers.', 'ongoing']]);
  });

  it('reads "Action NAME to …" without its colon, but not "Action Plan to be agreed"', () => {
    const text = [
      '## Actions',
      '',
      '-   Action SamW to renew the insurance',
      '-   Action Plan to be agreed',
    ].join('\n');
    expect(rows(text).map(([o, t]) => [o, t])).toEqual([
      ['SamW', 'renew the insurance'],
      ['', 'Action Plan to be agreed'],
    ]);
  });

  it('takes "All board members" as the owner of an action line, but not "All items"', () => {
    const text = [
      '## Actions',
      '',
      '- All board members: read the two working group proposals',
      '- All items: noted',
    ].join('\n');
    expect(rows(text).map(([o, t]) => [o, t])).toEqual([
      ['All board members', 'read the two working group proposals'],
      ['', 'All items: noted'],
    ]);
  });

  it('takes "OwnerTag verb …" in a list of earlier actions, but not "OwnerTag reports …"', () => {
    const text = log(
      'DaveO refer to the IT group for a reminder system ** Not Done **',
      'DaveO reports the router was replaced',
      'JoL circulated the rota',
    );
    expect(rows(text)).toEqual([['DaveO', 'refer to the IT group for a reminder system', 'ongoing']]);
  });
});
