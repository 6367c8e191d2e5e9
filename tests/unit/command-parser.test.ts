/** The command parser, part 1: the words around a subcommand, limits, numbers, `add` and `list`. */
import { MAX_IMPORT_LENGTH, parseCommand } from '../../src/core/command-parser';
import { A, expectRefused, refusal, U } from '../support/command-parsing';

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

  it('keeps emoji, right-to-left letters and <!channel> verbatim in a task', () => {
    const text = 'tell <!channel> and <!here> about 🎉👩‍👩‍👧 مرحبا עברית <#C1|general>';
    const command = parseCommand(`add WYP to ${text}`);
    expect(command).toMatchObject({ kind: 'add', text, textWithDue: text, dueText: null });
  });

  it('drops bidirectional controls, which could make a task read otherwise than it says', () => {
    const typed = 'pay \u202Eevil\u202C \u200fمرحبا\u200e \u2066x\u2069\u061C by 31 July';
    expect(parseCommand(`add WYP to ${typed}`)).toMatchObject({
      kind: 'add',
      text: 'pay evil مرحبا x',
      dueText: '31 July',
    });
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
  });

  it('reads `add` alone as a request for the new-action form', () => {
    expect(parseCommand('add')).toEqual({ kind: 'add-form' });
    expect(parseCommand('  ADD  ')).toEqual({ kind: 'add-form' });
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
