/**
 * Reading Teams message text: the bot's mention goes, people become `<@ID>` the core's owner grammar
 * reads, and nothing typed can pass for a mention.
 */
import { parseCommand } from '../../src/core/command-parser';
import { readMessageText } from '../../src/teams/teams-mentions';

const BOT = '28:bot-app-id';
const mention = (id: string, name: string, text = `<at>${name}</at>`) => ({
  type: 'mention',
  text,
  mentioned: { id, name },
});

describe('readMessageText', () => {
  it('strips the bot mention and rewrites a person into a user id with its colon', () => {
    const read = readMessageText(
      '<at>Arising</at> add <at>Priya Patel</at> to send the KSI data by 31 July',
      [mention(BOT, 'Arising'), mention('29:1priya-id', 'Priya Patel')],
      BOT,
    );
    expect(read.mentionedBot).toBe(true);
    expect(read.text).toBe('add <@29:1priya-id> to send the KSI data by 31 July');
    expect(read.people).toEqual([{ id: '29:1priya-id', name: 'Priya Patel' }]);
    const cmd = parseCommand(read.text);
    expect(cmd).toMatchObject({ kind: 'add', owners: [{ kind: 'user', id: '29:1priya-id' }] });
  });

  it('joins a name Teams split over two tags into one mention', () => {
    const read = readMessageText(
      '<at>Arising</at> reassign 4 <at>Priya</at> <at>Patel</at> and <at>Sam</at>',
      [mention(BOT, 'Arising'), mention('29:p', 'Priya'), mention('29:p', 'Patel'), mention('29:s', 'Sam')],
      BOT,
    );
    expect(read.text).toBe('reassign 4 <@29:p> and <@29:s>');
  });

  it('keeps a tag or channel mention as its plain name, never as a person', () => {
    const read = readMessageText(
      '<at>Arising</at> add <at>Finance team</at> to pay',
      [mention(BOT, 'Arising'), mention('19:channel@thread.tacv2', 'Finance team')],
      BOT,
    );
    expect(read.text).toBe('add Finance team to pay');
  });

  it('breaks a mention typed as text, so the core refuses it rather than taking it for someone', () => {
    const read = readMessageText('add &lt;@29:forged&gt; to pay', [], BOT);
    expect(read.text).not.toContain('<@29:forged>');
    expect(() => parseCommand(read.text)).toThrow(/cannot own an action/);
  });

  it('keeps Slack-style markup typed in Teams exactly as typed, and the core still refuses it as an owner', () => {
    const read = readMessageText(
      '<at>Arising</at> add <at>Priya Patel</at> to tell &lt;!channel&gt; &lt;!here&gt; &lt;#C1&gt; &lt;http://x|y&gt;',
      [mention(BOT, 'Arising'), mention('29:1priya-id', 'Priya Patel')],
      BOT,
    );
    expect(read.text).toBe('add <@29:1priya-id> to tell <!channel> <!here> <#C1> <http://x|y>');
    expect(parseCommand(read.text)).toMatchObject({
      kind: 'add',
      text: 'tell <!channel> <!here> <#C1> <http://x|y>',
    });
    for (const markup of ['&lt;!channel&gt;', '&lt;#C1&gt;']) {
      expect(() => parseCommand(readMessageText(`add ${markup} to pay`, [], BOT).text)).toThrow(
        /cannot own an action/,
      );
    }
  });

  it('reads a message without the bot mention (a personal chat) and decodes entities', () => {
    const read = readMessageText('note 4 waiting for Q&amp;A&nbsp;figures', [], BOT);
    expect(read).toEqual({ text: 'note 4 waiting for Q&A figures', mentionedBot: false, people: [] });
  });

  it('ignores an <at> tag without an entity (it is only text)', () => {
    const read = readMessageText(
      '<at>Arising</at> add <at>Ghost</at> to haunt',
      [mention(BOT, 'Arising')],
      BOT,
    );
    expect(read.text).toBe('add Ghost to haunt');
  });
});
