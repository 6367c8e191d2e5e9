import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

/** Owner and task of every action, for compact assertions. */
const pairs = (text: string): Array<[string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text]);

/** A minimal set of minutes around one agenda item's prose. */
const minutes = (...paragraphs: string[]): string =>
  [
    'Minutes of the committee meeting held on 4 March 2025',
    '',
    'Present: Alice Brown (Chair), Colin Dale, Erin Ford (Secretary)',
    '',
    '1. Business',
    '',
    ...paragraphs.flatMap((p) => [p, '']),
  ].join('\n');

describe('committee prose: how secretaries hand out tasks without marking them', () => {
  it('reads a passive that names who will act, and leaves a past passive and a body out', () => {
    const text = minutes(
      'The boxes of old papers are to be sorted by the Secretary before the next meeting and the rest taken to the archive.',
      'The accounts were approved by the Committee.',
      'The new lease will be signed by the Council in May.',
      'The bypass will be resurfaced by Highways England in June.',
      'A rota for the hall will be drawn up by Mr Dale.',
      'The Board agreed that the estates plan would be reviewed by the Audit and Risk Committee, which meets monthly.',
    );
    expect(pairs(text)).toEqual([
      [
        'Secretary',
        'The boxes of old papers are to be sorted before the next meeting and the rest taken to the archive.',
      ],
      ['Mr Dale', 'A rota for the hall will be drawn up'],
    ]);
  });

  it('gives a sentence starting "To …" to the owner of the task just before it, and no one otherwise', () => {
    const text = minutes(
      'The fence is still down. Clerk to contact the landowner. To send copies of the earlier letters.',
      'To date, no reply has been received. To be confirmed at the next meeting.',
      'The hall was booked. To invite the Mayor.',
    );
    expect(pairs(text)).toEqual([
      ['Clerk', 'contact the landowner.'],
      ['Clerk', 'send copies of the earlier letters.'],
    ]);
  });

  it('reads "Clerk to action" as acting on the passive proposal before it, and drops a bare repeat', () => {
    const text = minutes(
      'It was agreed that the verges would be added to the monthly inspection checklist. Clerk to action.',
      'It was agreed that the Clerk would investigate whether the grant can be claimed. Clerk to investigate.',
      'The hedge was discussed. Clerk to chase.',
    );
    expect(pairs(text)).toEqual([
      ['Clerk', 'the verges would be added to the monthly inspection checklist.'],
      ['Clerk', 'investigate whether the grant can be claimed.'],
      ['Clerk', 'chase.'],
    ]);
  });

  it('finds the owner past an aside after the modal, even with the modal written twice', () => {
    const text = minutes(
      'The newspaper will cover the fair. EF would, as for the last concert, would provide a write-up afterwards.',
      'The EU would, in that case, want a new form.',
    );
    expect(pairs(text)).toEqual([['EF', 'provide a write-up afterwards.']]);
  });

  it('takes a task joined by "and" or ";" to a report, resolving "he" or "she" to the person named before', () => {
    const text = minutes(
      'Colin Dale reported that two checks are outstanding and he was asked to chase them with the council.',
      'This was agreed and Chair agreed to ask the printer for a quote.',
      'Members asked for a breakdown of costs; the Treasurer agreed to circulate one.',
      'They want to use the new portal and TLS to renew the certificate.',
    );
    expect(pairs(text)).toEqual([
      ['Colin Dale', 'chase them with the council.'],
      ['Chair', 'ask the printer for a quote.'],
      ['Treasurer', 'circulate one.'],
    ]);
  });

  it('splits a second owner joined by ", and the … will", a titled role included', () => {
    const text = minutes(
      "The Secretary will apply to the community fund for one, and the Men's Captain will organise first aid training.",
    );
    expect(pairs(text)).toEqual([
      ['Secretary', 'apply to the community fund for one'],
      ["Men's Captain", 'organise first aid training.'],
    ]);
  });

  it('keeps elections and appointments out: taking on a role is not a task', () => {
    const text = minutes(
      'Mr Dave Robson will take on the role of Chairman. Ken Doyle will also serve as Fixtures Secretary.',
      'Erin Ford agreed to continue as Secretary. Colin Dale will take over as Treasurer in April.',
      'Colin Dale will take on the newsletter.',
    );
    expect(pairs(text)).toEqual([['Colin Dale', 'take on the newsletter.']]);
  });
});
