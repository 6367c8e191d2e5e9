/**
 * Owners written as the platform's mentions (minutes pasted into Slack or Teams) are read wherever a name
 * can stand, and come out as the mention, so the import stores the user; a mention inside a task stays
 * in the task.
 */
import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

const read = (body: string): [string, string][] =>
  extractMinutes(`Committee meeting 3 March 2026\n\n${body}`).actions.map((a) => [
    a.owners.join(' + '),
    a.text,
  ]);

describe('owners written as Slack or Teams mentions', () => {
  it.each([
    ['Action: <@U123> to send the figures', '<@U123>', 'send the figures'],
    ['ACTION: <@U2|priya> to book the room', '<@U2|priya>', 'book the room'],
    ['Actions: <@U1> and WYP to look into the HT data', '<@U1> + WYP', 'look into the HT data'],
    ['Actions: <@U11|Li Wei> / DMPC to brief the police', '<@U11|Li Wei> + DMPC', 'brief the police'],
    ['- <@U5ABC>: draft the letter', '<@U5ABC>', 'draft the letter'],
    ['- [ ] <@U8> send the invoice', '<@U8>', 'send the invoice'],
    ['<@29:1abc-def> to check the budget', '<@29:1abc-def>', 'check the budget'],
    ['<@U7> will circulate the papers.', '<@U7>', 'circulate the papers.'],
    ['It was agreed that <@U3|sam> would write to the council.', '<@U3|sam>', 'write to the council.'],
    ['Action: <@U1> to ask <@U2> for the report', '<@U1>', 'ask <@U2> for the report'],
    ['Action: <@U1> to send the report to <@U2>.', '<@U1>', 'send the report to <@U2>.'],
  ])('%s', (line, owners, task) => {
    expect(read(line)).toEqual([[owners, task]]);
  });

  it('reads them in a table, where a labelled mention holds the column separator', () => {
    const table = [
      '| Action | Owner |',
      '|---|---|',
      '| Review the budget | <@U1> and WYP |',
      '| Chase the bank | <@U2|priya> |',
    ];
    expect(read(table.join('\n'))).toEqual([
      ['<@U1> + WYP', 'Review the budget'],
      ['<@U2|priya>', 'Chase the bank'],
    ]);
  });

  it('ends a paragraph at an owner marker of mentions, so the next line is an action of its own', () => {
    expect(
      read('- Order new benches – Action: <@U9> and <@U8>\nAction: <@U10> to renew the licence'),
    ).toEqual([
      ['<@U9> + <@U8>', 'Order new benches'],
      ['<@U10>', 'renew the licence'],
    ]);
  });
});
