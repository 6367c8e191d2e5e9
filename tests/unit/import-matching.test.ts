/**
 * The import matcher: which existing action a line of imported minutes is about. Many phrasings of the
 * same report must find it; near misses (another owner, another task, a new action that resembles an old
 * one) must not; each action is matched once; exact repeats are recognised whatever their status.
 */
import type { Action, Owner } from '../../src/core/domain';
import { matchLines, similarity, taskWords } from '../../src/core/import/import-matching';
import { planImport } from '../../src/core/import/import-plan';
import { unknownOwners } from '../../src/core/import/owner-names';
import type { ExtractedAction } from '../../src/core/minutes/extracted-minutes';
import { storedAction } from '../support/action-fixtures';

const AT = '2026-01-10T10:00:00.000Z';

function action(number: number, owners: Owner[], text: string, state: Action['state'] = 'open'): Action {
  return storedAction({
    number,
    owners,
    text,
    due: null,
    state,
    raisedBy: 'U_SEC',
    createdAt: AT,
    updatedAt: AT,
  });
}

const alias = (name: string): Owner => ({ kind: 'alias', name });

function line(owners: string[], text: string, status: ExtractedAction['status'] = 'done'): ExtractedAction {
  return { agendaItem: null, agendaTitle: null, owners, text, due: null, status };
}

const EXISTING = [
  action(1, [alias('Clerk')], 'write to the county council about the broken fence by 31 March'),
  action(2, [alias('Treasurer')], 'circulate the revised budget forecast to all members'),
  action(3, [alias('FE')], 'obtain three quotes for resurfacing the car park'),
  action(4, [{ kind: 'user', id: 'U_PRIYA' }], 'send the attendance data to the regional office'),
  action(5, [alias('Clerk')], 'book the village hall for the annual general meeting'),
];
const ALIASES = { Priya: ['U_PRIYA'] };

function matchOne(l: ExtractedAction): number | null {
  return matchLines([l], EXISTING, ALIASES)[0]?.number ?? null;
}

describe('a report of progress finds the earlier action', () => {
  it.each([
    [['Clerk'], 'write to the County Council about the broken fence'],
    [['the Clerk'], 'wrote to the county council regarding the broken fence'],
    [['clerk'], 'Write to county council about broken fence.'],
    [['Clerk'], 'writing to the county council about the broken fence (by 31 March)'],
  ])('%j %s → #1', (owners, text) => {
    expect(matchOne(line(owners, text))).toBe(1);
  });

  it.each([
    [['Treasurer'], 'circulated the revised budget forecast to members'],
    [['Treasurer'], 'Circulate revised budget forecast to all members – carried forward'],
  ])('%j %s → #2', (owners, text) => {
    expect(matchOne(line(owners, text, 'ongoing'))).toBe(2);
  });

  it('by an alias mapped to the user who owns it', () => {
    expect(matchOne(line(['Priya'], 'sent the attendance data to the regional office'))).toBe(4);
  });

  it('by a handle written with its @ in the notes, mapped like the alias without it', () => {
    expect(matchOne(line(['@priya'], 'sent the attendance data to the regional office'))).toBe(4);
  });

  it('by a mention of the user who owns it', () => {
    expect(matchOne(line(['<@U_PRIYA>'], 'send attendance data to the regional office'))).toBe(4);
  });

  it('with no owner written, when the words alone are nearly the same', () => {
    expect(matchOne(line([], 'obtain three quotes for resurfacing the car park'))).toBe(3);
  });
});

describe('near misses that must not match', () => {
  it('the same task owned by someone else', () => {
    expect(matchOne(line(['Treasurer'], 'write to the county council about the broken fence'))).toBeNull();
  });

  it('the same owner and a different subject', () => {
    expect(matchOne(line(['Clerk'], 'write to the county council about the budget'))).toBeNull();
    expect(matchOne(line(['Clerk'], 'book the village hall for the summer fete'))).toBeNull();
  });

  it('a new action that resembles an earlier one is new, not a repeat', () => {
    expect(
      matchOne(line(['FE'], 'obtain three quotes for resurfacing the tennis courts', 'open')),
    ).toBeNull();
    expect(matchOne(line(['FE'], 'obtain quotes for resurfacing the car park', 'open'))).toBeNull();
  });

  it('a loose likeness without an owner on either side needs nearly the same words', () => {
    expect(matchOne(line([], 'obtain quotes for the car park lighting'))).toBeNull();
  });

  it('a one-word task', () => {
    const existing = [action(9, [alias('Clerk')], 'chase')];
    expect(matchLines([line(['Clerk'], 'chased')], existing, {})[0]).toBeNull();
  });

  it('a dropped action', () => {
    const dropped = [action(9, [alias('Clerk')], 'chase the highways team', 'dropped')];
    expect(matchLines([line(['Clerk'], 'chase the highways team')], dropped, {})[0]).toBeNull();
  });
});

describe('exact repeats', () => {
  it('the same text and owners match whatever the status, and each action once', () => {
    const again = [
      line(['FE'], 'obtain three quotes for resurfacing the car park', 'open'),
      line(['FE'], 'obtain three quotes for resurfacing the car park', 'open'),
    ];
    const found = matchLines(again, EXISTING, ALIASES);
    expect(found[0]).toMatchObject({ number: 3, exact: true });
    expect(found[1]).toBeNull();
  });

  it('numbers in the task keep two actions apart', () => {
    const existing = [action(7, [alias('FE')], 'review spending line 3.1 and report back')];
    const l = line(['FE'], 'review spending line 3.2 and report back', 'open');
    expect(matchLines([l], existing, {})[0]).toBeNull();
  });

  it('two reports and two actions pair up best first', () => {
    const existing = [
      action(1, [alias('Clerk')], 'order new signs for the north car park'),
      action(2, [alias('Clerk')], 'order new signs for the south car park'),
    ];
    const found = matchLines(
      [
        line(['Clerk'], 'ordered new signs for the south car park'),
        line(['Clerk'], 'order new signs, north car park'),
      ],
      existing,
      {},
    );
    expect(found.map((m) => m?.number)).toEqual([2, 1]);
  });
});

describe('words compared', () => {
  it('drop stopwords, dates and inflections', () => {
    expect([...taskWords('Circulated the minutes to members by Friday 3rd March 2026')]).toEqual([
      'circulat',
      'minut',
      'member',
    ]);
    expect(similarity(taskWords('circulate minutes'), taskWords('circulating the minutes'))).toBe(1);
  });

  it('stay fast for thousands of actions', () => {
    const many = Array.from({ length: 5000 }, (_, i) =>
      action(i + 1, [alias(`O${i % 40}`)], `review item ${i} of the asset register and report back`),
    );
    const lines = Array.from({ length: 500 }, (_, i) =>
      line([`O${(i * 3) % 40}`], `reviewed item ${i * 3} of the asset register and reported back`),
    );
    const started = Date.now();
    const found = matchLines(lines, many, {});
    expect(Date.now() - started).toBeLessThan(3000);
    expect(found[7]?.number).toBe(22);
    expect(found.every((m, i) => m?.number === i * 3 + 1)).toBe(true);
  });
});

describe('the plan', () => {
  const settings = {
    timezone: null,
    reminders: [],
    workdays: [1, 2, 3, 4, 5],
    holidays: null,
    digest: null,
    chairs: ['U_CHAIR'],
    checkin: null,
  };
  const ctx = (userId: string) => ({ userId, aliases: ALIASES, settings, meeting: 'Board, Tue 3 Feb 2026' });

  it('closes on "done", notes on "ongoing", and repeats nothing already recorded', () => {
    const lines = [
      line(['Clerk'], 'wrote to the county council about the broken fence'),
      line(['Treasurer'], 'circulate the revised budget forecast', 'ongoing'),
      line(['FE'], 'obtain three quotes for resurfacing the car park', 'open'),
      line(['Chair'], 'thank the volunteers', 'open'),
    ];
    expect(planImport(lines, EXISTING, ctx('U_SEC'))).toEqual([
      { kind: 'close', number: 1 },
      { kind: 'note', number: 2, note: 'Reported ongoing in Board, Tue 3 Feb 2026' },
      { kind: 'recorded', number: 3, closed: false },
      { kind: 'new' },
    ]);
  });

  it('closes only for someone allowed to close by hand', () => {
    const report = [line(['Clerk'], 'wrote to the county council about the broken fence')];
    expect(planImport(report, EXISTING, ctx('U_STRANGER'))).toEqual([{ kind: 'blocked', number: 1 }]);
    expect(planImport(report, EXISTING, ctx('U_CHAIR'))).toEqual([{ kind: 'close', number: 1 }]);
  });

  it('notes "ongoing" once per meeting', () => {
    const noted = {
      ...(EXISTING[1] as Action),
      notes: [{ by: 'U_SEC', at: AT, text: 'Reported ongoing in Board, Tue 3 Feb 2026' }],
    };
    const l = [line(['Treasurer'], 'circulate the revised budget forecast', 'ongoing')];
    expect(planImport(l, [noted], ctx('U_SEC'))).toEqual([{ kind: 'recorded', number: 2, closed: false }]);
  });

  it('names each owner no one in the channel answers to, once', () => {
    const lines = [line(['FE', 'Priya', '@priya'], 'a b'), line(['fe', '<@U9>', 'WYP', '@wyp'], 'c d')];
    expect(
      unknownOwners(
        lines.flatMap((l) => l.owners),
        ALIASES,
      ),
    ).toEqual([
      { written: 'FE', alias: 'FE', name: null },
      { written: 'WYP', alias: 'WYP', name: null },
    ]);
  });
});
