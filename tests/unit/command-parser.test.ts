import fc from 'fast-check';
import type { Command } from '../../src/core/command';
import { MAX_IMPORT_LENGTH, parseCommand } from '../../src/core/command-parser';
import type { UserErrorCode } from '../../src/core/errors';
import { UserError } from '../../src/core/errors';

/** The UserError that parsing `text` throws; fails the test when it parses or throws anything else. */
function refusal(text: string): UserError {
  try {
    parseCommand(text);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

/** Asserts the refusal's code and that its message holds each fragment (quoted words, the right form). */
function expectRefused(text: string, code: UserErrorCode, ...fragments: string[]): void {
  const error = refusal(text);
  expect(error.code).toBe(code);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
}

const U = (id: string) => ({ kind: 'user', id }) as const;
const A = (name: string) => ({ kind: 'alias', name }) as const;

describe('the words around the subcommand', () => {
  it('ignores leading and trailing whitespace and the case of the subcommand', () => {
    expect(parseCommand('  \n DONE 4  \t')).toEqual({ kind: 'done', number: 4, note: null });
    expect(parseCommand('List Overdue')).toEqual({ kind: 'list', filter: { kind: 'overdue' } });
  });

  it('accepts a leading `action` (Teams), in any case, and `/action`', () => {
    expect(parseCommand('action done 4')).toEqual({ kind: 'done', number: 4, note: null });
    expect(parseCommand('Action list')).toEqual({ kind: 'list', filter: { kind: 'open' } });
    expect(parseCommand('/action digest')).toEqual({ kind: 'digest' });
  });

  it('does not mistake a word that merely starts with "action" for the prefix', () => {
    expectRefused('actions', 'bad_command', '`actions`');
  });

  it.each(['', '   ', '\n\t', 'action', '\u0000\u0007'])(
    'refuses empty text %j, listing the subcommands',
    (text) => {
      expectRefused(text, 'bad_command', 'add, list, done', 'settings, help', '`help`');
    },
  );

  it('refuses an unknown subcommand, quoting it and listing the subcommands', () => {
    expectRefused('frobnicate 4', 'bad_command', '`frobnicate`', 'add, list, done, note', '`help`');
  });

  it('suggests the subcommand a typo most likely meant', () => {
    expectRefused('dnoe 4', 'bad_command', '`dnoe`', 'Did you mean `done`?');
    expectRefused('snoze 4', 'bad_command', 'Did you mean `snooze`?');
    expect(refusal('banana').message).not.toContain('Did you mean');
  });
});

describe('text limits and characters', () => {
  const task = (length: number) => `add WYP to ${'x'.repeat(length - 'add WYP to '.length)}`;

  it('takes text of exactly 3,000 characters', () => {
    expect(parseCommand(task(3000)).kind).toBe('add');
  });

  it('refuses text over 3,000 characters, saying how long it was and the limit', () => {
    expectRefused(task(3412), 'too_long', '3,412', '3,000');
    expectRefused(task(3001), 'too_long', '3,001', '3,000');
  });

  it('counts characters as people do, so 3,000 emoji are within the limit', () => {
    const emoji = `add WYP to ${'🎉'.repeat(3000 - 'add WYP to '.length)}`;
    expect(parseCommand(emoji).kind).toBe('add');
  });

  it('lets minutes pasted after `import` be longer than a command, up to their own limit', () => {
    const minutes = `import ${'Action: Clerk to write to the council.\n'.repeat(200)}`;
    const command = parseCommand(minutes);
    expect(command.kind).toBe('import');
    expect(minutes.length).toBeGreaterThan(3000);
    expectRefused(`import ${'x'.repeat(MAX_IMPORT_LENGTH)}`, 'too_long', '200,000');
  });

  it('strips NUL and other control characters but keeps newlines and tabs', () => {
    expect(parseCommand('note 4 first\u0000 line\r\nsecond\tline\u001b\u007f\u0085')).toEqual({
      kind: 'note',
      number: 4,
      text: 'first line\nsecond\tline',
    });
  });

  it('keeps emoji, right-to-left marks and <!channel> verbatim in a task', () => {
    const text = 'tell <!channel> and <!here> about 🎉👩‍👩‍👧 \u200fمرحبا\u200e <#C1|general>';
    const command = parseCommand(`add WYP to ${text}`);
    expect(command).toMatchObject({ kind: 'add', text, textWithDue: text, dueText: null });
  });
});

describe('action numbers', () => {
  it.each([
    ['done 4', 4],
    ['done #4', 4],
    ['done 004', 4],
    ['done #4:', 4],
    ['done 999999999', 999_999_999],
  ])('%s is action %i', (text, number) => {
    expect(parseCommand(text)).toMatchObject({ number });
  });

  it.each(['four', '#', '0', '#0', '-4', '4.5', '1e3', '1000000000', '#4#5', '##4', '0x10'])(
    'refuses %s, quoting it and showing the form',
    (word) => {
      expectRefused(`done ${word}`, 'bad_command', `\`${word}\` is not an action number`, '`done 4`');
    },
  );

  it.each([
    ['done', '`done 4` or `done #4 sent on 2 Aug`'],
    ['note', '`note 4 waiting for the July figures`'],
    ['due', '`due 4 next Friday`'],
    ['snooze', '`snooze 4 2 weeks`'],
    ['reassign', '`reassign 4 @sam`'],
    ['drop', '`drop 4 no longer needed`'],
  ])('`%s` without a number says it needs one and shows the form', (sub, form) => {
    expectRefused(sub, 'bad_command', `\`${sub}\` needs an action number`, form);
  });
});

describe('add', () => {
  it('reads the contract example: a mention, the task and the due date', () => {
    expect(parseCommand('add <@U123|priya> to send the KSI data for July–Dec 2021 by 31 July')).toEqual({
      kind: 'add',
      owners: [U('U123')],
      text: 'send the KSI data for July–Dec 2021',
      dueText: '31 July',
      textWithDue: 'send the KSI data for July–Dec 2021 by 31 July',
      agendaItem: null,
    });
  });

  it('reads an alias owner and `by next meeting`', () => {
    expect(parseCommand('add WYP to look into HT and MS data by next meeting')).toMatchObject({
      owners: [A('WYP')],
      text: 'look into HT and MS data',
      dueText: 'next meeting',
    });
  });

  it('reads several owners in each style', () => {
    expect(parseCommand('add WYP/DMPC to meet')).toMatchObject({ owners: [A('WYP'), A('DMPC')] });
    expect(parseCommand('add <@U1> and <@U2> to meet')).toMatchObject({ owners: [U('U1'), U('U2')] });
    expect(parseCommand('add <@U1> <@U2> to meet')).toMatchObject({ owners: [U('U1'), U('U2')] });
    expect(parseCommand('add Cllr Smith, Clerk & <@29:1abc-def> to meet')).toMatchObject({
      owners: [A('Cllr Smith'), A('Clerk'), U('29:1abc-def')],
    });
    expect(parseCommand('add @priya and @sam to meet')).toMatchObject({ owners: [A('priya'), A('sam')] });
  });

  it('removes duplicate owners', () => {
    expect(parseCommand('add <@U1> <@U1|priya> WYP/wyp to meet')).toMatchObject({
      owners: [U('U1'), A('WYP')],
    });
  });

  it('splits at the first standalone `to`, so the task may contain `to`', () => {
    expect(parseCommand('add Clerk to write to the council TO ask')).toMatchObject({
      owners: [A('Clerk')],
      text: 'write to the council TO ask',
    });
    expect(parseCommand('add Tom Toms To go')).toMatchObject({ owners: [A('Tom Toms')], text: 'go' });
  });

  it('does not find `to` or `by` inside a mention or link', () => {
    expect(parseCommand('add <@U1|to> to read <https://x.example/a|by> soon')).toMatchObject({
      owners: [U('U1')],
      text: 'read <https://x.example/a|by> soon',
      dueText: null,
    });
  });

  it('takes the words after the LAST standalone `by` as the due date', () => {
    expect(parseCommand('add WYP to send the data by email by 31 July')).toMatchObject({
      text: 'send the data by email',
      dueText: '31 July',
      textWithDue: 'send the data by email by 31 July',
    });
  });

  it('keeps the whole task in textWithDue when the words after `by` are no date', () => {
    expect(parseCommand('add DMPC to check the figures provided by WYP')).toMatchObject({
      text: 'check the figures provided',
      dueText: 'WYP',
      textWithDue: 'check the figures provided by WYP',
    });
  });

  it('reads `by` in any case and across a newline, but not inside a word', () => {
    expect(parseCommand('add WYP to go BY Friday')).toMatchObject({ text: 'go', dueText: 'Friday' });
    expect(parseCommand('add WYP to go\nby Friday')).toMatchObject({ text: 'go', dueText: 'Friday' });
    expect(parseCommand('add WYP to pass nearby stations')).toMatchObject({ dueText: null });
  });

  it('has no due date when nothing follows `by`', () => {
    expect(parseCommand('add WYP to stand by')).toMatchObject({
      text: 'stand by',
      dueText: null,
      textWithDue: 'stand by',
    });
  });

  it('reads a trailing `item 5` after the due date', () => {
    expect(parseCommand('add WYP to report back by next meeting item 5')).toMatchObject({
      text: 'report back',
      dueText: 'next meeting',
      textWithDue: 'report back by next meeting',
      agendaItem: '5',
    });
  });

  it('reads `item 5a` before the due date', () => {
    expect(parseCommand('add WYP to report back item 5a by Friday')).toMatchObject({
      text: 'report back',
      dueText: 'Friday',
      textWithDue: 'report back by Friday',
      agendaItem: '5a',
    });
  });

  it('reads `item` without a due date, and `Item #3.2`', () => {
    expect(parseCommand('add WYP to report back item 7')).toMatchObject({
      text: 'report back',
      dueText: null,
      agendaItem: '7',
    });
    expect(parseCommand('add WYP to report Item #3.2')).toMatchObject({ text: 'report', agendaItem: '3.2' });
  });

  it('leaves `item` that is not a trailing clause in the task', () => {
    expect(parseCommand('add WYP to send item 5 of the report')).toMatchObject({
      text: 'send item 5 of the report',
      agendaItem: null,
    });
  });

  it('refuses `add` with no `to`, quoting the words and showing the form', () => {
    expectRefused(
      'add priya send the data',
      'bad_command',
      '`add priya send the data`',
      'no `to`',
      '`add @priya to send',
    );
    expectRefused('add', 'bad_command', '`add` needs owners and a task', '`add @priya to send');
  });

  it('refuses `add` with no owners before `to`', () => {
    expectRefused(
      'add to send the data',
      'bad_command',
      '`add to send the data`',
      'nobody',
      '`add @priya to send',
    );
    expectRefused('add , and to send', 'bad_command', 'nobody');
  });

  it('refuses `add` with an empty task', () => {
    expectRefused('add WYP to', 'bad_command', '`add WYP to`', 'no task', '`add @priya to send');
    expectRefused('add WYP to   by Friday', 'bad_command', 'no task');
    expectRefused('add WYP to item 4', 'bad_command', 'no task');
  });

  it('refuses an owner that cannot own anything', () => {
    expectRefused('add <!channel> to panic', 'bad_command', '`<!channel>`', 'cannot own');
  });
});

describe('list', () => {
  it.each([
    ['list', { kind: 'open' }],
    ['list open', { kind: 'open' }],
    ['list OVERDUE', { kind: 'overdue' }],
    ['list mine', { kind: 'mine' }],
    ['list done', { kind: 'done' }],
    ['list all', { kind: 'all' }],
    ['list <@U1|priya>', { kind: 'owner', owner: U('U1') }],
    ['list <@29:1abc>', { kind: 'owner', owner: U('29:1abc') }],
    ['list WYP', { kind: 'owner', owner: A('WYP') }],
    ['list Cllr Smith', { kind: 'owner', owner: A('Cllr Smith') }],
    ['list @priya', { kind: 'owner', owner: A('priya') }],
  ])('%s', (text, filter) => {
    expect(parseCommand(text)).toEqual({ kind: 'list', filter });
  });

  it('refuses several owners, quoting them and showing the forms', () => {
    expectRefused('list WYP and DMPC', 'bad_command', '`WYP and DMPC`', '`list overdue`', '`list WYP`');
  });
});

describe('done, note, due, drop', () => {
  it('done with and without a note', () => {
    expect(parseCommand('done 4')).toEqual({ kind: 'done', number: 4, note: null });
    expect(parseCommand('done #4 sent on 2 Aug')).toEqual({ kind: 'done', number: 4, note: 'sent on 2 Aug' });
  });

  it('note keeps the text verbatim, newlines included', () => {
    expect(parseCommand('note 4 waiting for the July figures\n(<!here> 🙏)')).toEqual({
      kind: 'note',
      number: 4,
      text: 'waiting for the July figures\n(<!here> 🙏)',
    });
  });

  it('refuses a note without text', () => {
    expectRefused('note 4', 'bad_command', '`note` needs the note', '`note 4 waiting for the July figures`');
  });

  it('due with a phrase, with `none`, and forgiving a leading `by`', () => {
    expect(parseCommand('due 4 next Friday')).toEqual({ kind: 'due', number: 4, dueText: 'next Friday' });
    expect(parseCommand('due #4 NONE')).toEqual({ kind: 'due', number: 4, dueText: null });
    expect(parseCommand('due 4 by 5pm Friday')).toEqual({ kind: 'due', number: 4, dueText: '5pm Friday' });
  });

  it('refuses due without a date', () => {
    expectRefused('due 4', 'bad_command', '`due` needs the new date', '`due 4 next Friday` or `due 4 none`');
    expectRefused('due 4 by', 'bad_command', '`due` needs the new date');
  });

  it('drop with and without a reason', () => {
    expect(parseCommand('drop 4')).toEqual({ kind: 'drop', number: 4, reason: null });
    expect(parseCommand('drop #4 no longer needed')).toEqual({
      kind: 'drop',
      number: 4,
      reason: 'no longer needed',
    });
  });
});

describe('snooze', () => {
  it('without a period leaves the default to the service', () => {
    expect(parseCommand('snooze 4')).toEqual({ kind: 'snooze', number: 4, period: null });
  });

  it.each([
    ['2 weeks', { unit: 'week', amount: 2 }],
    ['3 days', { unit: 'day', amount: 3 }],
    ['1 week', { unit: 'week', amount: 1 }],
    ['a week', { unit: 'week', amount: 1 }],
    ['an hour', { unit: 'hour', amount: 1 }],
    ['two days', { unit: 'day', amount: 2 }],
    ['week', { unit: 'week', amount: 1 }],
    ['2w', { unit: 'week', amount: 2 }],
    ['3d', { unit: 'day', amount: 3 }],
    ['4h', { unit: 'hour', amount: 4 }],
    ['4 hrs', { unit: 'hour', amount: 4 }],
    ['1 month', { unit: 'month', amount: 1 }],
    ['3 Months', { unit: 'month', amount: 3 }],
    ['for 2 weeks', { unit: 'week', amount: 2 }],
    ['2 weeks.', { unit: 'week', amount: 2 }],
    ['until next meeting', { unit: 'next-meeting' }],
    ['next meeting', { unit: 'next-meeting' }],
    ['Until the Next Meeting', { unit: 'next-meeting' }],
  ])('%s', (period, expected) => {
    expect(parseCommand(`snooze 4 ${period}`)).toEqual({ kind: 'snooze', number: 4, period: expected });
  });

  it.each(['tomorrow', '2 fortnights', '0 days', '1000 days', 'forever', '2m', 'weeks 2', 'until Friday'])(
    'refuses %s, quoting it and giving examples',
    (period) => {
      expectRefused(
        `snooze 4 ${period}`,
        'bad_command',
        `\`${period}\` is not a snooze period`,
        '`snooze 4 2 weeks`',
        '`snooze 4 3d`',
        '`due 4 next Friday`',
      );
    },
  );
});

describe('reassign', () => {
  it('takes new owners in the owner grammar', () => {
    expect(parseCommand('reassign 4 <@U9|sam>')).toEqual({ kind: 'reassign', number: 4, owners: [U('U9')] });
    expect(parseCommand('reassign #4 WYP/DMPC and <@U1>')).toEqual({
      kind: 'reassign',
      number: 4,
      owners: [A('WYP'), A('DMPC'), U('U1')],
    });
  });

  it('forgives a leading `to`', () => {
    expect(parseCommand('reassign 4 to <@U9>')).toEqual({ kind: 'reassign', number: 4, owners: [U('U9')] });
  });

  it('refuses reassign without owners', () => {
    expectRefused('reassign 4', 'bad_command', '`reassign` needs the new owners', '`reassign 4 @sam`');
    expectRefused('reassign 4 , and', 'bad_command', '`, and`', '`reassign 4 @sam`');
  });
});

describe('owner', () => {
  it('maps an alias to mentions', () => {
    expect(parseCommand('owner WYP = <@U1|russ> <@U2|oz>')).toEqual({
      kind: 'owner-set',
      alias: 'WYP',
      userIds: ['U1', 'U2'],
    });
    expect(parseCommand('owner R&D=<@29:1abc-def>,<@U2>')).toEqual({
      kind: 'owner-set',
      alias: 'R&D',
      userIds: ['29:1abc-def', 'U2'],
    });
  });

  it('removes the mapping when nothing follows `=`', () => {
    expect(parseCommand('owner WYP =')).toEqual({ kind: 'owner-set', alias: 'WYP', userIds: [] });
  });

  it('lists with `owner list` or `owner` alone', () => {
    expect(parseCommand('owner list')).toEqual({ kind: 'owner-list' });
    expect(parseCommand('owner LIST')).toEqual({ kind: 'owner-list' });
    expect(parseCommand('owner')).toEqual({ kind: 'owner-list' });
  });

  it('refuses names on the right-hand side, quoting them and showing the form', () => {
    expectRefused('owner WYP = @russ @oz', 'bad_command', '`@russ`', '`owner WYP = @russ @oz`');
    expectRefused('owner WYP = <@U1> Russ', 'bad_command', '`Russ`', '`owner WYP = @russ @oz`');
  });

  it('refuses an alias that is not one token', () => {
    expectRefused(
      'owner Cllr Smith = <@U1>',
      'bad_command',
      '`Cllr Smith` is not an alias',
      '`owner WYP = @russ @oz`',
    );
    expectRefused('owner <@U1> = <@U2>', 'bad_command', 'is not an alias');
    expectRefused('owner = <@U2>', 'bad_command', 'alias is missing', '`owner WYP = @russ @oz`');
  });

  it('refuses a mapping without `=`', () => {
    expectRefused(
      'owner WYP <@U1>',
      'bad_command',
      '`owner WYP <@U1>`',
      'no `=`',
      '`owner WYP = @russ @oz`',
      '`owner list`',
    );
  });
});

describe('meeting', () => {
  it('shows the meetings when alone', () => {
    expect(parseCommand('meeting')).toEqual({ kind: 'meeting-show' });
  });

  it('starts a meeting, splitting at the last `on`', () => {
    expect(parseCommand('meeting Community Outcomes Meeting on 14 June 2022')).toEqual({
      kind: 'meeting-start',
      title: 'Community Outcomes Meeting',
      dateText: '14 June 2022',
    });
    expect(parseCommand('meeting Briefing on Road Safety on 3 May')).toEqual({
      kind: 'meeting-start',
      title: 'Briefing on Road Safety',
      dateText: '3 May',
    });
  });

  it('sets the next meeting, forgiving a leading `on`', () => {
    expect(parseCommand('meeting next 13 Sep 2022 14:00')).toEqual({
      kind: 'meeting-next',
      dateText: '13 Sep 2022 14:00',
    });
    expect(parseCommand('meeting Next on 13 Sep')).toEqual({ kind: 'meeting-next', dateText: '13 Sep' });
  });

  it.each([
    ['meeting Community Outcomes Meeting', '`meeting Community Outcomes Meeting`'],
    ['meeting on 14 June', '`meeting on 14 June`'],
    ['meeting Board on', '`meeting Board on`'],
    ['meeting next', '`meeting next`'],
  ])('refuses %s, showing both forms', (text, quoted) => {
    expectRefused(
      text,
      'bad_command',
      quoted,
      '`meeting Community Outcomes Meeting on 14 June 2022`',
      '`meeting next 13 Sep 2022 14:00`',
    );
  });
});

describe('import, matters-arising, digest, help', () => {
  it('import with and without text, keeping the text verbatim', () => {
    expect(parseCommand('import')).toEqual({ kind: 'import', text: null });
    expect(parseCommand('import Minutes\n\nAction: Clerk to write.')).toEqual({
      kind: 'import',
      text: 'Minutes\n\nAction: Clerk to write.',
    });
  });

  it('matters-arising in both spellings', () => {
    expect(parseCommand('matters-arising')).toEqual({ kind: 'matters-arising' });
    expect(parseCommand('Matters Arising')).toEqual({ kind: 'matters-arising' });
  });

  it('digest', () => {
    expect(parseCommand('digest')).toEqual({ kind: 'digest' });
  });

  it('refuses words after a subcommand that takes none', () => {
    expectRefused('digest please', 'bad_command', '`please`', '`digest`');
    expectRefused('matters arising now', 'bad_command', '`now`', '`matters-arising`');
  });

  it('refuses `matters` without `arising` as an unknown subcommand', () => {
    expectRefused('matters', 'bad_command', '`matters`');
  });

  it.each([
    ['help', null],
    ['help add', 'add'],
    ['HELP Snooze', 'snooze'],
    ['help matters arising', 'matters-arising'],
  ])('%s', (text, topic) => {
    expect(parseCommand(text)).toEqual({ kind: 'help', topic });
  });
});

describe('any text at all', () => {
  const kinds: ReadonlySet<Command['kind']> = new Set([
    'add',
    'list',
    'done',
    'note',
    'due',
    'snooze',
    'reassign',
    'drop',
    'owner-set',
    'owner-list',
    'meeting-show',
    'meeting-start',
    'meeting-next',
    'import',
    'matters-arising',
    'digest',
    'settings-show',
    'settings',
    'help',
  ]);
  const words = fc.constantFrom(
    'add',
    'list',
    'done',
    'note',
    'due',
    'snooze',
    'reassign',
    'drop',
    'owner',
    'meeting',
    'import',
    'matters',
    'arising',
    'digest',
    'settings',
    'help',
    'action',
    'to',
    'by',
    'on',
    'item',
    'and',
    '=',
    '#4',
    '4',
    '<@U1>',
    '<@29:x|y>',
    '<!channel>',
    '<',
    '>',
    '@',
    ',',
    '/',
    '&',
    'next',
    'meeting',
    'none',
    '2w',
    'timezone',
    'digest',
    'reminders',
    'workdays',
    'holidays',
    'chairs',
    '-2d',
    'mon-fri',
    '9:00',
    '\u0000',
  );
  const commandish = fc
    .array(fc.oneof(words, fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 })), {
      maxLength: 12,
    })
    .map((parts) => parts.join(' '));

  /** parseCommand either returns a known Command or throws a UserError, whatever the input. */
  function check(text: string): void {
    let command: Command;
    try {
      command = parseCommand(text);
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      expect((error as UserError).message.length).toBeGreaterThan(0);
      return;
    }
    expect(kinds.has(command.kind)).toBe(true);
  }

  it('never throws anything but a UserError for arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 2000 });
  });

  it('never throws anything but a UserError for command-like strings', () => {
    fc.assert(fc.property(commandish, check), { numRuns: 3000 });
  });
});
