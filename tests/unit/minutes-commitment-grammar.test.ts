import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

/** Owner and task of every action, for compact assertions. */
const pairs = (text: string): Array<[string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text]);

describe('commitments found by their grammar, in styles the extractor was not built on', () => {
  it('reads project notes where handles report the discussion and only some of them take a task', () => {
    const notes = [
      '# 2024-03-07 Docs Working Group',
      '',
      '## Attending',
      '* Ana Ruiz (@aruiz)',
      '* Tom Okafor (@tokafor)',
      '',
      '## Topics',
      '',
      '### Search index',
      '* @aruiz shipped the new search index last week.',
      '* @tokafor asks whether the old index can be dropped. :+1: from @aruiz.',
      '* @tokafor has reviewed the migration, and @aruiz will remove the old index after the freeze.',
      '',
      '### Style guide',
      '* @tokafor prefers sentence case for headings.',
      '* @aruiz, as the person who wrote most of it, will update the style guide.',
      '',
      '**Resolution**: @tokafor will do the next docs release.',
    ].join('\n');
    expect(pairs(notes)).toEqual([
      ['@aruiz', 'remove the old index after the freeze.'],
      ['@aruiz', 'update the style guide.'],
      ['@tokafor', 'do the next docs release.'],
    ]);
  });

  it('still reads mention-led action lines as actions', () => {
    const notes =
      '# Sync 2024-03-07\n\n## Actions\n\n- @aruiz: book the venue\n- @tokafor to draft the agenda\n';
    expect(pairs(notes)).toEqual([
      ['@aruiz', 'book the venue'],
      ['@tokafor', 'draft the agenda'],
    ]);
  });

  it('keeps resolutions of the body out, and keeps every owner of a listed group', () => {
    const minutes = [
      'Allotment Society committee meeting, 12 May 2023',
      '',
      '3. Water supply',
      'Resolution: the Committee will adopt the revised water charges.',
      'RESOLVED: that the tap rota be continued.',
      'Decision: members will be told at the AGM.',
      '',
      '4. Shed',
      'Jo Marsh, Sam Pike, and Lee Cole will repaint the shed.',
      'The treasurer reported the balance, and Mrs Pike will bank the cheques.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['Jo Marsh/Sam Pike/Lee Cole', 'repaint the shed.'],
      ['Mrs Pike', 'bank the cheques.'],
    ]);
  });

  it('joins a sentence that goes on from a marked action to it, but keeps a second owned action apart', () => {
    const minutes = [
      'Trustees meeting, 3 May 2023',
      '',
      '1. Budget',
      '**Action - KM to draft the budget. She will review it with the auditors. If they object, a new draft should be prepared.**',
      'Action: Clerk to book the hall. Treasurer to pay the deposit.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      [
        'KM',
        'draft the budget. She will review it with the auditors. If they object, a new draft should be prepared.',
      ],
      ['Clerk', 'book the hall.'],
      ['Treasurer', 'pay the deposit.'],
    ]);
  });
});
