import { channelId } from '../../src/core/domain';

describe('channelId', () => {
  it('writes a channel as platform:team:channel, the form the CLI takes', () => {
    expect(channelId({ platform: 'slack', team: 'T1', channel: 'C2' })).toBe('slack:T1:C2');
  });
});
