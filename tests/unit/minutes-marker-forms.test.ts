import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

/** Owner and task of every action, for compact assertions. */
const pairs = (text: string): Array<[string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text]);

describe('action markers written the many ways secretaries and note-takers write them', () => {
  it('reads qualified markers, each on its own line right under an item, and skips "none" with a note', () => {
    const notes = [
      '# Platform council 2024-02-06',
      '',
      '## Open items',
      '',
      '* Licence audit for the mirrored packages, raised again by legal [#41](https://example.org/41)',
      'Previous meeting’s AI: Tom to confirm the licence of the mirror.',
      'AI: someone needs to start the transfer of the repository to the foundation',
      'AI, follow-up: publish the audit checklist',
      '',
      '* Docs rewrite [#52](https://example.org/52)',
      'Last week’s AI: none',
      'AI: none - still waiting on the translators',
    ].join('\n');
    expect(pairs(notes)).toEqual([
      ['Tom', 'confirm the licence of the mirror.'],
      ['', 'start the transfer of the repository to the foundation'],
      ['', 'publish the audit checklist'],
    ]);
  });

  it('reads "ACTION on NAME - task" and "Action for NAME: task", but not a meeting as the owner', () => {
    const minutes = [
      'Working group interim, 30 January 2013',
      '',
      'Framing',
      '-------',
      'ACTION on Will - check the frame size limits in the draft.',
      'Action for the Secretary: circulate the revised charter.',
      'Action for the next meeting: review the budget.',
      '',
      'Next meeting: 13 February 2013',
      '',
      'Agenda review',
      '-------------',
      'We should invite the security reviewers to the next call.',
      'Action: we should invite the browser vendors.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['Will', 'check the frame size limits in the draft.'],
      ['Secretary', 'circulate the revised charter.'],
      ['', 'review the budget. (for the next meeting)'],
      ['', 'we should invite the browser vendors.'],
    ]);
  });

  it('keeps the date of "Action for the next meeting: …"', () => {
    const minutes = extractMinutes(
      'Working group, 30 January 2013\n\nAction for the next meeting: review the budget.\n\nNext meeting: 13 February 2013\n',
    );
    expect(minutes.actions.map((a) => [a.owners, a.due])).toEqual([[[], '2013-02-13']]);
  });

  it('reads "X is going to …" in prose as a commitment', () => {
    const minutes = [
      'Present: Mark Lowe, Ana Ruiz',
      '',
      '1. Tooling',
      'Mark is going to write up the test harness in Python.',
      'It is going to rain on the day of the fete.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([['Mark', 'write up the test harness in Python.']]);
  });
});
