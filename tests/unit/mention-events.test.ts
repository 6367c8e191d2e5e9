import { addressedToBot, botUserIdOf, messageDelivery } from '../../src/slack/mention-events';

describe('addressedToBot', () => {
  it('takes a leading mention of the bot off the command', () => {
    expect(addressedToBot('<@UBOT> add <@U1> to x', 'UBOT')).toEqual({
      mentioned: true,
      text: 'add <@U1> to x',
    });
    expect(addressedToBot('  <@UBOT|arising>: list mine', 'UBOT')).toEqual({
      mentioned: true,
      text: 'list mine',
    });
  });

  it('leaves a mention elsewhere in place, and text without one alone', () => {
    expect(addressedToBot('thanks <@UBOT>', 'UBOT')).toEqual({ mentioned: true, text: 'thanks <@UBOT>' });
    expect(addressedToBot('<@UOTHER> list', 'UBOT')).toEqual({ mentioned: false, text: '<@UOTHER> list' });
    expect(addressedToBot('<@UBOTX> list', 'UBOT')).toEqual({ mentioned: false, text: '<@UBOTX> list' });
  });

  it('keeps the lines of minutes imported with a mention', () => {
    expect(addressedToBot('<@UBOT> import\n1. Priya to send it', 'UBOT').text).toBe(
      'import\n1. Priya to send it',
    );
  });
});

describe('messageDelivery', () => {
  it('is one key per message, whatever event carries it', () => {
    expect(messageDelivery('T1', 'C1', '1.000100')).toBe(messageDelivery('T1', 'C1', '1.000100'));
    expect(messageDelivery('T1', 'C1', '1.000100')).not.toBe(messageDelivery('T1', 'C2', '1.000100'));
  });
});

describe('botUserIdOf', () => {
  it('takes the bot from Bolt’s context, else from the event’s authorizations', () => {
    expect(botUserIdOf({ botUserId: 'UCTX' }, { authorizations: [{ user_id: 'UAUTH' }] })).toBe('UCTX');
    expect(botUserIdOf({}, { authorizations: [{ user_id: 'UAUTH', is_bot: true }] })).toBe('UAUTH');
    expect(botUserIdOf({}, {})).toBe('');
  });
});
