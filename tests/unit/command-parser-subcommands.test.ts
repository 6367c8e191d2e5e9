/** The command parser, part 2: the subcommands after `add` and `list`, and any text at all. */
import fc from 'fast-check';
import type { Command } from '../../src/core/command';
import { parseCommand } from '../../src/core/command-parser';
import { UserError } from '../../src/core/errors';
import { A, expectRefused, U } from '../support/command-parsing';

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

  it('matters-arising docx asks for the Word document, in both spellings', () => {
    expect(parseCommand('matters-arising docx')).toEqual({ kind: 'matters-arising-docx' });
    expect(parseCommand('matters arising DOCX')).toEqual({ kind: 'matters-arising-docx' });
    expect(parseCommand('matters-arising .docx')).toEqual({ kind: 'matters-arising-docx' });
    expectRefused('matters-arising pdf', 'bad_command', '`pdf`', '`matters-arising docx`');
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
    'add-form',
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
    'matters-arising-docx',
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
